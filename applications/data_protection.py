"""Data protection: the retention period, anonymisation, and an applicant's export and erasure.

Personal data of an application (the contact person, the participants' names and emails, the
motivation and the signed letter) is kept for ``settings.APPLICATION_RETENTION_DAYS`` after its
cohort ends, then anonymised by ``manage.py purge_expired_applications`` (run daily). An applicant
may ask at any time for a copy of what is stored about them (``manage.py export_applicant_data``)
or for its erasure (``manage.py erase_applicant_data``); staff with the permission do both from
the application's admin screen (``applications.data_requests``).

Anonymising keeps the row and everything the statistics need — the authority (its kind, name,
country, region, size and Efus membership), the applying service, the status and its history,
and each participant's position, gender and service — so that the seat count and the diversity
summary of a cohort stay true. An application still waiting (received, under review or on the
waiting list) leaves the selection: its status becomes "Personal data erased", recorded in its
history, so it leaves every queue and count of those waiting; a decision already taken stays.
No decision can be taken on an erased application, and no email goes to it. Only ids and counts
are ever logged, never a name or an address.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from applications.notifications import ALERT_KINDS, APPLICATION_KINDS
from applications.records import (
    ERASED_EMAIL_DOMAIN,
    OPEN_STATUSES,
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    OpeningAlert,
    ProposedParticipant,
)
from mail.tasks import forget_queued_emails
from programme.models import Cohort, Session

logger = logging.getLogger(__name__)

ERASED = "erased"
ERASED_DOMAIN = ERASED_EMAIL_DOMAIN


def erased_email(*ids):
    return f"{ERASED}-{'-'.join(str(i) for i in ids)}@{ERASED_DOMAIN}"


def is_anonymised(application):
    return application.is_erased


def not_anonymised(applications):
    return applications.exclude(contact_email__endswith=f"@{ERASED_DOMAIN}")


# --- retention ----------------------------------------------------------------------------------


def retention_cutoff(now=None):
    now = now or timezone.now()
    return now - datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS)


def expired_cohorts(now=None):
    """Cohorts that ended more than the retention period ago: their planned end and every
    session (its end, or its start when no end is known) lie before the cutoff."""
    cutoff = retention_cutoff(now)
    late_session = Session.objects.filter(cohort=OuterRef("pk")).filter(
        Q(ends_at__gte=cutoff) | Q(ends_at__isnull=True, starts_at__gte=cutoff)
    )
    return Cohort.objects.filter(planned_end__lt=cutoff.date()).exclude(Exists(late_session))


def expired_applications(now=None):
    """Applications whose cohort ended more than APPLICATION_RETENTION_DAYS ago."""
    return Application.objects.filter(cohort__in=expired_cohorts(now))


# --- anonymisation ------------------------------------------------------------------------------


def _forget_email_tasks(application_ids=(), alert_ids=()):
    """Drop queued or failed emails of these records: there is no one left to write to, and a
    failed send's traceback may quote the address."""
    return forget_queued_emails(APPLICATION_KINDS, application_ids) + forget_queued_emails(
        ALERT_KINDS, alert_ids
    )


def anonymise(application, by=None):
    """Replace the application's personal data with neutral values, in one transaction; one
    still waiting leaves the selection (see the module's docstring), `by` recorded as the one
    who changed its status.

    The letter's file is deleted from storage once the transaction has committed (so a rollback
    never leaves a row pointing at a deleted file). Returns the application, reloaded.
    """
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        letter_name = application.letter.name if application.letter else ""
        storage = application.letter.storage
        application.contact_name = ERASED
        application.contact_position = ERASED
        application.contact_email = erased_email(application.pk)
        application.contact_phone = ERASED
        application.motivation = ERASED
        application.letter = ""
        application.save(
            update_fields=[
                "contact_name",
                "contact_position",
                "contact_email",
                "contact_phone",
                "motivation",
                "letter",
            ]
        )
        for participant in application.participants.all():
            _anonymise_participant(participant)
        if application.status in OPEN_STATUSES:
            _leave_the_selection(application, by)
        _forget_email_tasks(application_ids=[application.pk])
        if letter_name:
            transaction.on_commit(lambda: storage.delete(letter_name))
    logger.info("Anonymised application %s", application.pk)
    return application


def _leave_the_selection(application, by):
    """The status becomes "Personal data erased", in the history; nobody is emailed."""
    ApplicationStatusChange.objects.create(
        application=application,
        old_status=application.status,
        new_status=ApplicationStatus.ERASED,
        changed_by=by if by and by.is_authenticated else None,
    )
    application.status = ApplicationStatus.ERASED
    application.save(update_fields=["status"])


def _anonymise_participant(participant):
    participant.name = ERASED
    participant.email = erased_email(participant.application_id, participant.pk)
    participant.save(update_fields=["name", "email"])


def purge_expired(now=None, dry_run=False):
    """Anonymise every expired application not anonymised yet; return the counts."""
    expired = expired_applications(now)
    pending = list(not_anonymised(expired).values_list("pk", flat=True))
    counts = {
        "expired": expired.count(),
        "already_anonymised": expired.count() - len(pending),
        "anonymised": 0,
        "participants": ProposedParticipant.objects.filter(application_id__in=pending).count(),
    }
    if dry_run:
        return counts
    for application in Application.objects.filter(pk__in=pending):
        anonymise(application)
        counts["anonymised"] += 1
    logger.info(
        "Retention purge: %s expired application(s), %s anonymised now",
        counts["expired"],
        counts["anonymised"],
    )
    return counts


# --- an applicant's requests --------------------------------------------------------------------


class NoApplicantGiven(ValueError):
    pass


def _normalised(reference, email):
    reference = (reference or "").strip()
    email = (email or "").strip()
    if not reference and not email:
        raise NoApplicantGiven("Give a reference or an email address.")
    return reference, email


def _applications_of(reference, email):
    query = Q()
    if reference:
        query |= Q(reference__iexact=reference)
    if email:
        query |= Q(contact_email__iexact=email)
    return (
        Application.objects.filter(query)
        .select_related("cohort")
        .prefetch_related("participants", "status_changes")
        .order_by("submitted_at", "pk")
    )


def _other_participations(email, application_ids):
    """Participant rows with this email in applications someone else sent in."""
    if not email:
        return ProposedParticipant.objects.none()
    return (
        ProposedParticipant.objects.filter(email__iexact=email)
        .exclude(application_id__in=application_ids)
        .select_related("application__cohort")
        .order_by("pk")
    )


def _iso(value):
    return value.isoformat() if value else None


def _participant_data(participant):
    return {
        "name": participant.name,
        "position": participant.position,
        "service": participant.service,
        "gender": participant.gender,
        "email": participant.email,
    }


def _application_data(application):
    return {
        "reference": application.reference,
        "cohort": {
            "slug": application.cohort.slug,
            "country": application.cohort.country,
            "year": application.cohort.year,
            "planned_start": _iso(application.cohort.planned_start),
            "planned_end": _iso(application.cohort.planned_end),
        },
        "language": application.language,
        "submitted_at": _iso(application.submitted_at),
        "status": application.status,
        "authority": {
            "kind": application.authority_kind,
            "name": application.authority_name,
            "country": application.country,
            "region": application.region,
            "population": application.population,
            "efus_member": application.efus_member,
        },
        "service": application.service,
        "service_other": application.service_other,
        "contact": {
            "name": application.contact_name,
            "position": application.contact_position,
            "email": application.contact_email,
            "phone": application.contact_phone,
        },
        "motivation": application.motivation,
        "commits_to_attend": application.commits_to_attend,
        "letter": (
            {"file_name": application.letter.name.rsplit("/", 1)[-1]}
            if application.letter
            else None
        ),
        "consent": {
            "text_version": application.consent_version,
            "given_at": _iso(application.consented_at),
        },
        "possible_duplicate_of": (
            application.possible_duplicate_of.reference
            if application.possible_duplicate_of_id
            else None
        ),
        "participants": [_participant_data(p) for p in application.participants.all()],
        "status_history": [
            {
                "from": change.old_status,
                "to": change.new_status,
                "changed_at": _iso(change.changed_at),
            }
            for change in application.status_changes.all()
        ],
        "anonymised": is_anonymised(application),
    }


def export_applicant_data(reference=None, email=None):
    """Everything stored about one applicant, found by reference or by email, as plain data
    (JSON-serialisable): their applications with participants, consent and status history,
    the participant rows that carry their email in other applications, and their opening
    alerts."""
    reference, email = _normalised(reference, email)
    applications = list(_applications_of(reference, email))
    ids = [application.pk for application in applications]
    return {
        "generated_at": timezone.now().isoformat(),
        "query": {"reference": reference or None, "email": email or None},
        "retention_days": settings.APPLICATION_RETENTION_DAYS,
        "applications": [_application_data(application) for application in applications],
        "proposed_as_participant": [
            {
                "application": participant.application.reference,
                "cohort": participant.application.cohort.slug,
                "authority": participant.application.authority_name,
                **_participant_data(participant),
            }
            for participant in _other_participations(email, ids)
        ],
        "opening_alerts": [
            {
                "email": alert.email,
                "country": alert.country,
                "language": alert.language,
                "requested_at": _iso(alert.created_at),
                "confirmed_at": _iso(alert.confirmed_at),
            }
            for alert in (
                OpeningAlert.objects.filter(email__iexact=email).order_by("pk") if email else []
            )
        ],
    }


def erase(reference=None, email=None, by=None):
    """Erase one applicant's personal data on request; return what was done, as counts.

    Their applications are anonymised (not deleted, so seats and statistics stay right),
    their name and email are removed from other authorities' applications that proposed them,
    and their opening alerts are deleted.
    """
    reference, email = _normalised(reference, email)
    counts = {"applications": 0, "participant_rows": 0, "opening_alerts": 0}
    with transaction.atomic():
        applications = list(not_anonymised(_applications_of(reference, email)))
        for application in applications:
            anonymise(application, by=by)
            counts["applications"] += 1
        ids = [application.pk for application in applications]
        for participant in _other_participations(email, ids):
            _anonymise_participant(participant)
            counts["participant_rows"] += 1
        if email:
            alerts = OpeningAlert.objects.filter(email__iexact=email)
            _forget_email_tasks(alert_ids=list(alerts.values_list("pk", flat=True)))
            counts["opening_alerts"], _by_model = alerts.delete()
    logger.info(
        "Erasure on request: %s application(s), %s other participant row(s), %s alert(s)",
        counts["applications"],
        counts["participant_rows"],
        counts["opening_alerts"],
    )
    return counts
