"""Demo registrations: the final conference open to the public, with a few registrants from
the six countries and beyond (stored as they are, without emails). Idempotent."""

from programme.models import Event, EventKind
from registrations.models import (
    CONSENT_VERSION,
    EventRegistration,
    Registrant,
    RegistrantStatus,
)

FINAL_CONFERENCE_PLACES = 300
REGISTRANTS = [
    # name, email, organisation, kind, country, role, language
    ("Claire Martin", "claire.martin@example.fr", "Ville de Lyon", "city", "FR",
     "Directrice de la prévention", "fr"),
    ("Giulia Rossi", "giulia.rossi@example.it", "Comune di Bologna", "city", "IT",
     "Comandante della polizia locale", "it"),
    ("Jonas Weber", "jonas.weber@example.de", "Kölner Stadt-Anzeiger", "press", "DE",
     "Redakteur", "de"),
    ("Ana García", "ana.garcia@example.es", "Generalitat de Catalunya", "region", "ES",
     "Técnica de seguridad", "es"),
    ("Bram de Vries", "bram.devries@example.nl", "Universiteit Utrecht", "research", "NL",
     "Onderzoeker", "nl"),
    ("Sophie Dubois", "sophie.dubois@example.be", "Ville de Liège", "city", "BE",
     "Échevine de la sécurité", "fr"),
    ("Anna Kowalska", "anna.kowalska@example.pl", "Urban Safety Network", "ngo", "EU",
     "Project officer", "en"),
]  # fmt: skip


def load_registrations():
    event = Event.objects.filter(kind=EventKind.FINAL_CONFERENCE).order_by("starts_at").first()
    if event is None:
        return None
    registration, _created = EventRegistration.objects.get_or_create(
        event=event, defaults={"is_open": True, "capacity": FINAL_CONFERENCE_PLACES}
    )
    for name, email, organisation, kind, country, role, language in REGISTRANTS:
        Registrant.objects.get_or_create(
            registration=registration,
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "organisation_kind": kind,
                "country": country,
                "role": role,
                "language": language,
                "status": RegistrantStatus.CONFIRMED,
                "consent_version": CONSENT_VERSION,
                "consented_at": event.starts_at.replace(month=11, day=20),
                "invited_sequence": event.sequence,
            },
        )
    return registration
