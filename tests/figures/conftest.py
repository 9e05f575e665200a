"""Fixtures for the figures tests: a German cohort with four enrolled participants (the
fixtures of tests/fixtures/certificates.py) whose second session ended an hour ago."""

import datetime

import pytest
from django.utils import timezone

from applications.factories import ApplicationFactory
from applications.models import ApplicationStatus
from certificates.factories import EnrolmentFactory
from certificates.models import Attendance, Certificate
from figures.feedback import current_questionnaire
from figures.models import (
    FeedbackAnswer,
    OutcomeRating,
    SelfAssessment,
    SelfAssessmentAnswer,
    SelfAssessmentText,
)
from programme.factories import CohortFactory


@pytest.fixture
def ended_session(cohort):
    """The cohort's second session, ended an hour ago (the others keep their dates)."""
    session = cohort.sessions.get(position=2)
    session.ends_at = timezone.now() - datetime.timedelta(hours=1)
    session.starts_at = session.ends_at - datetime.timedelta(hours=2)
    session.save()
    return session


GENDERS = ["female"] * 6 + ["male"] * 3 + ["undisclosed"]


@pytest.fixture
def programme(db):
    """An Italian cohort (March–April 2026, over): 10 participants accepted (6 women, 3 men,
    1 who prefers not to say; 8 officials, 2 elected), 10 enrolled, 7 attended, 5 certified,
    5 answers on its first session (usefulness 5, 4, 4, 3, 5), and a French cohort (same
    dates) with 3 enrolled, 3 attended, 2 certified, 4 answers. After their in-person session
    (the fifth), 6 Italians and 3 French rated two learning outcomes (SKILLS)."""
    italy = CohortFactory(country="IT", delivery_languages=["it"], with_sessions__confirmed=True)
    france = CohortFactory(country="FR", with_sessions__confirmed=True)
    ApplicationFactory(
        cohort=italy,
        status=ApplicationStatus.ACCEPTED,
        participants=[
            (
                f"P{i}",
                f"p{i}@example.it",
                {"gender": g, "position": "elected" if i < 2 else "official"},
            )
            for i, g in enumerate(GENDERS)
        ],
    )
    questionnaire = current_questionnaire()
    for taught, enrolled, attended, certified, marks in [
        (italy, 10, 7, 5, [5, 4, 4, 3, 5]),
        (france, 3, 3, 2, [4, 4, 4, 4]),
    ]:
        session = taught.sessions.get(position=1)
        for i in range(enrolled):
            enrolment = EnrolmentFactory(cohort=taught)
            if i < attended:
                Attendance.objects.create(enrolment=enrolment, session=session, present=True)
            if i < certified:
                Certificate.objects.create(enrolment=enrolment, language="it")
        for mark in marks:
            FeedbackAnswer.objects.create(
                session=session,
                questionnaire=questionnaire,
                language="it",
                usefulness=mark,
                pace="right",
            )
    add_self_assessments(italy, france)
    return italy, france


# (before, after) for "Explain AI" and "Buy AI", per answer. By hand, over both cohorts (9):
# Explain AI: before 21/9 = 2.3, after 35/9 = 3.9; Buy AI: before 15/9 = 1.7, after 27/9 = 3.0.
SKILLS = {
    "IT": [((1, 3), (2, 2)), ((2, 4), (2, 3)), ((2, 4), (1, 4)), ((3, 5), (3, 4)),
           ((1, 3), (2, 5)), ((3, 4), (2, 3))],
    "FR": [((3, 4), (1, 2))] * 3,
}  # fmt: skip


def self_assessment_version(name, outcomes):
    """A version of the learning outcomes: {language: "one\nper line"}."""
    version = SelfAssessment.objects.create(name=name)
    for language, text in outcomes.items():
        SelfAssessmentText.objects.create(questionnaire=version, language=language, outcomes=text)
    return version


def rate(session, version, answers):
    for pairs in answers:
        answer = SelfAssessmentAnswer.objects.create(
            session=session, questionnaire=version, language="en"
        )
        for number, (before, after) in enumerate(pairs, start=1):
            OutcomeRating.objects.create(answer=answer, outcome=number, before=before, after=after)


def add_self_assessments(italy, france):
    version = self_assessment_version(
        "Version 1", {"en": "Explain AI\nBuy AI", "fr": "Expliquer l’IA\nAcheter l’IA"}
    )
    for taught in (italy, france):
        rate(taught.sessions.get(position=5), version, SKILLS[taught.country])
