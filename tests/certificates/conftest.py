"""Fixtures for the certificate tests: a cohort with five confirmed sessions, accepted (and
other) applications, enrolled participants, editors, and helpers to record attendance."""

import datetime

import pytest

from applications.models import Application, ApplicationStatus, ProposedParticipant
from certificates.enrolment import enrol_application
from certificates.models import Attendance
from programme.factories import CohortFactory

PEOPLE = [
    ("Jürgen Groß", "juergen.gross@example.de"),
    ("Françoise Ĳsselmuiden", "francoise@example.be"),
    ("Núria Fàbregas", "nuria@example.es"),
    ("Çağla Yılmaz", "cagla@example.de"),
]


def make_application(cohort, people=PEOPLE, language="de", status=ApplicationStatus.ACCEPTED):
    application = Application.objects.create(
        reference=f"AIC-TEST-{Application.objects.count() + 1:04d}",
        cohort=cohort,
        language=language,
        city_name="Köln",
        country=cohort.country,
        region="Nordrhein-Westfalen",
        population=1_000_000,
        service="municipal_police",
        contact_name=people[0][0],
        contact_position="Leiterin",
        contact_email=people[0][1],
        contact_phone="+49 221 000000",
        motivation="KI verantwortungsvoll nutzen.",
        commits_to_attend=True,
        consent_version="test",
        consented_at=datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC),
        status=status,
    )
    for name, email in people:
        ProposedParticipant.objects.create(
            application=application,
            name=name,
            email=email,
            position="official",
            service="Ordnungsamt",
        )
    return application


@pytest.fixture
def cohort(db):
    return CohortFactory(
        country="DE",
        delivery_languages=["de"],
        slug="germany-2026",
        year=2026,
        with_sessions__confirmed=True,
    )


@pytest.fixture
def enrolments(cohort, groups):
    """Four participants of an accepted German-language application, enrolled."""
    application = make_application(cohort)
    return {e.name: e for e in enrol_application(application, notify=False)}


def attend(enrolment, sessions=None, present=True, by=None):
    sessions = sessions if sessions is not None else list(enrolment.cohort.sessions.all())
    for session in sessions:
        Attendance.objects.update_or_create(
            enrolment=enrolment, session=session, defaults={"present": present, "recorded_by": by}
        )
