"""Demo participants: the completed France spring 2025 cohort with enrolled participants,
recorded attendance and certificates (one revoked and issued again). Idempotent."""

import datetime

from applications.models import Application, ApplicationStatus, ProposedParticipant
from certificates.enrolment import enrol_application
from certificates.issuing import issue, revoke
from certificates.models import Attendance, Certificate, Enrolment
from programme.models import Cohort

COHORT_SLUG = "france-2025-spring"
# Fixed codes, so the README can show one (RFC 4648 base32: letters and the digits 2–7).
DEMO_CODE = "EFUS-DEMO-2345-FRAN"
REVOKED_CODE = "EFUS-DEMO-REVO-KEDA"
ISSUED_AT = datetime.datetime(2025, 4, 22, 10, 0, tzinfo=datetime.UTC)
REVOKED_AT = datetime.datetime(2025, 4, 24, 9, 0, tzinfo=datetime.UTC)

APPLICATIONS = [
    {
        "reference": "AIC-2025-FR-D001",
        "authority_name": "Lyon",
        "region": "Auvergne-Rhône-Alpes",
        "population": 522_000,
        "language": "fr",
        "contact": ("Élodie Lefèvre", "elodie.lefevre@example.org"),
        "participants": [
            ("Élodie Lefèvre", "elodie.lefevre@example.org", "official", "Police municipale"),
            ("Çağla Yılmaz", "cagla.yilmaz@example.org", "official", "Prévention des risques"),
            ("Paula Participant", "participant@example.org", "elected", "Conseil municipal"),
        ],
    },
    {
        "reference": "AIC-2025-FR-D002",
        "authority_name": "Strasbourg",
        "region": "Grand Est",
        "population": 291_000,
        "language": "de",
        "contact": ("Jürgen Groß", "juergen.gross@example.org"),
        "participants": [
            ("Jürgen Groß", "juergen.gross@example.org", "official", "Sécurité civile"),
            ("Françoise Ĳsselmuiden", "francoise.ijsselmuiden@example.org", "official",
             "Police municipale"),
        ],
    },
    {
        "reference": "AIC-2025-FR-D003",
        "authority_name": "Perpignan",
        "region": "Occitanie",
        "population": 120_000,
        "language": "es",
        "contact": ("Núria Fàbregas", "nuria.fabregas@example.org"),
        "participants": [
            ("Núria Fàbregas", "nuria.fabregas@example.org", "elected", "Adjointe à la sécurité"),
        ],
    },
]  # fmt: skip
# Çağla missed the third online session: she has not completed the cohort.
ABSENT = {("cagla.yilmaz@example.org", 3)}


def _application(cohort, spec):
    application = Application.objects.filter(reference=spec["reference"]).first()
    if application:
        return application
    name, email = spec["contact"]
    application = Application.objects.create(
        reference=spec["reference"],
        cohort=cohort,
        language=spec["language"],
        authority_name=spec["authority_name"],
        country="FR",
        region=spec["region"],
        population=spec["population"],
        service="municipal_police",
        contact_name=name,
        contact_position="Cheffe de service",
        contact_email=email,
        contact_phone="+33 4 00 00 00 00",
        motivation="Former nos équipes à un usage responsable de l'IA.",
        commits_to_attend=True,
        consent_version="2025-01",
        consented_at=datetime.datetime(2025, 2, 1, 9, 0, tzinfo=datetime.UTC),
        submitted_at=datetime.datetime(2025, 2, 1, 9, 0, tzinfo=datetime.UTC),
        status=ApplicationStatus.ACCEPTED,
    )
    for name, email, position, service in spec["participants"]:
        ProposedParticipant.objects.create(
            application=application, name=name, email=email, position=position, service=service
        )
    Cohort.objects.filter(pk=cohort.pk).update(
        accepted_participants=cohort.accepted_participants + len(spec["participants"])
    )
    cohort.refresh_from_db()
    return application


def load_certificates(editor):
    """Build the demo participants of France spring 2025; running it again changes nothing."""
    cohort = Cohort.objects.filter(slug=COHORT_SLUG).first()
    if cohort is None:
        return
    for application in [_application(cohort, spec) for spec in APPLICATIONS]:
        enrol_application(application, by=editor, notify=False)
    sessions = list(cohort.sessions.order_by("position"))
    for session in sessions:
        if session.kind == "online" and not session.join_url:
            session.join_url = f"https://meet.example.org/aic-{COHORT_SLUG}-{session.position}"
            session.save(update_fields=["join_url"])
    enrolments = list(Enrolment.objects.filter(cohort=cohort).select_related("user"))
    for enrolment in enrolments:
        for session in sessions:
            Attendance.objects.get_or_create(
                enrolment=enrolment,
                session=session,
                defaults={
                    "present": (enrolment.email, session.position) not in ABSENT,
                    "recorded_by": editor,
                    "recorded_at": session.ends_at or session.starts_at,
                },
            )
    if Certificate.objects.filter(enrolment__cohort=cohort).exists():
        return
    by_email = {enrolment.email: enrolment for enrolment in enrolments}
    revoked = issue(
        by_email["francoise.ijsselmuiden@example.org"],
        by=editor,
        notify=False,
        code=REVOKED_CODE,
        at=ISSUED_AT,
    )
    revoke(
        revoked, "Issued with a misspelt name; replaced by a new certificate.", editor, REVOKED_AT
    )
    for email in [
        "elodie.lefevre@example.org",
        "juergen.gross@example.org",
        "nuria.fabregas@example.org",
        "participant@example.org",
        "francoise.ijsselmuiden@example.org",
    ]:
        code = DEMO_CODE if email == "elodie.lefevre@example.org" else None
        at = REVOKED_AT if email.startswith("francoise") else ISSUED_AT
        issue(by_email[email], by=editor, notify=False, code=code, at=at)
