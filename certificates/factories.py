"""Factories for enrolments, attendance and certificates (tests)."""

import factory

from certificates.models import Attendance, Enrolment
from members.accounts import participant_account
from programme.factories import CohortFactory


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A participant enrolled in a cohort, with an account in the Participants group."""

    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    user = factory.LazyAttribute(lambda e: participant_account(e.name, e.email))
    position = "official"
    service = "Polizia locale"
    language = "en"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    enrolment = factory.SubFactory(EnrolmentFactory)
    session = factory.LazyAttribute(lambda a: a.enrolment.cohort.sessions.first())
    present = True
