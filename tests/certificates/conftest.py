"""Fixtures for the certificate tests: a cohort with five confirmed sessions, accepted (and
other) applications, enrolled participants, editors, and helpers to record attendance."""

import datetime

import pytest

from applications.factories import ApplicationFactory
from applications.models import ApplicationStatus
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
    return ApplicationFactory(
        cohort=cohort,
        language=language,
        authority_name="Köln",
        region="Nordrhein-Westfalen",
        population=1_000_000,
        contact_name=people[0][0],
        contact_position="Leiterin",
        contact_email=people[0][1],
        contact_phone="+49 221 000000",
        motivation="KI verantwortungsvoll nutzen.",
        consent_version="test",
        consented_at=datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC),
        status=status,
        participants=[(name, email, {"service": "Ordnungsamt"}) for name, email in people],
    )


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
