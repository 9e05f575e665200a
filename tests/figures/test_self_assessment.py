"""The self-assessment of skills after the in-person session: invited by the feedback email,
answered once per participant (before the training and now, 1–5 per learning outcome),
anonymously, deleted by the retention; editors word the outcomes per language and cannot change
them once answered, only add a version."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from figures.feedback import SELF_ASSESSMENT, current_self_assessment, feedback_path
from figures.models import (
    FeedbackReceipt,
    OutcomeRating,
    SelfAssessment,
    SelfAssessmentAnswer,
    SelfAssessmentText,
)
from tests.figures.test_feedback import ANSWER, form_data, invite_and_send
from web.pruning import prune

pytestmark = pytest.mark.django_db


def end_in_person_session(cohort):
    """The cohort's in-person session (the fifth), ended an hour ago."""
    session = cohort.sessions.get(position=5)
    session.ends_at = timezone.now() - datetime.timedelta(hours=1)
    session.starts_at = session.ends_at - datetime.timedelta(hours=6)
    session.save()
    return session


@pytest.fixture
def in_person(cohort):
    return end_in_person_session(cohort)


def assessment_path(enrolment, session):
    return feedback_path(enrolment, session, survey=SELF_ASSESSMENT)


def ratings(before=2, after=4, outcomes=5):
    return {
        f"{moment}_{n}": str(value)
        for n in range(1, outcomes + 1)
        for moment, value in (("before", before), ("after", after))
    }


def test_the_invitation_after_the_in_person_session_asks_for_the_self_assessment(
    enrolments, in_person
):
    invite_and_send()
    assert len(mail.outbox) == len(enrolments)
    body = mail.outbox[0].body
    links = re.findall(r"https?://testserver(/\S+)", body)
    assert [link.split("/")[2] for link in links] == ["feedback", "self-assessment"]
    assert "Kompetenzen" in body


def test_an_online_session_asks_for_feedback_only(client, enrolments, ended_session):
    invite_and_send()
    assert "/self-assessment/" not in mail.outbox[0].body
    assert client.get(assessment_path(enrolments["Jürgen Groß"], ended_session)).status_code == 404


def test_a_participant_assesses_their_skills_once_and_a_second_answer_is_refused(
    client, enrolments, in_person
):
    enrolment = enrolments["Jürgen Groß"]
    url = assessment_path(enrolment, in_person)
    page = client.get(url)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    outcomes = current_self_assessment().text_in("de").outcome_list
    assert len(outcomes) == 5
    for outcome in outcomes:
        assert f"<legend>{outcome}</legend>" in html
    assert "<legend>Vor der Fortbildung</legend>" in html and "<legend>Heute</legend>" in html

    assert client.post(url, ratings(before=2, after=4)).status_code == 302
    (answer,) = SelfAssessmentAnswer.objects.all()
    assert answer.language == "de"
    assert sorted(answer.ratings.values_list("outcome", "before", "after")) == [
        (n, 2, 4) for n in range(1, 6)
    ]
    # Nothing ties the answer to the person.
    names = {field.name for field in SelfAssessmentAnswer._meta.get_fields()}
    assert not names & {"enrolment", "user", "email", "name", "created_at", "digest"}

    client.post(url, ratings(before=1, after=1))
    assert "nur einmal" in client.get(url).content.decode()
    assert SelfAssessmentAnswer.objects.count() == 1 and OutcomeRating.objects.count() == 5
    # The session's feedback is a survey of its own: still open to the same participant.
    assert client.post(feedback_path(enrolment, in_person), ANSWER).status_code == 302
    assert FeedbackReceipt.objects.count() == 2


def test_a_missing_rating_is_refused_next_to_it_and_nothing_is_saved(client, enrolments, in_person):
    url = assessment_path(enrolments["Jürgen Groß"], in_person)
    answers = ratings()
    del answers["after_2"]
    answers["before_3"] = "9"
    page = client.post(url, answers)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="id_after_2_error"' in html and 'href="#id_after_2"' in html
    assert 'id="id_before_3_error"' in html
    assert "Bewerten Sie Ihre heutige Kompetenz" in html
    assert not SelfAssessmentAnswer.objects.exists() and not FeedbackReceipt.objects.exists()


def test_a_feedback_link_does_not_open_the_self_assessment(client, enrolments, in_person):
    feedback = feedback_path(enrolments["Jürgen Groß"], in_person)
    token = feedback.rstrip("/").rsplit("/", 1)[1]
    with translation.override("de"):
        url = reverse("figures:self_assessment", kwargs={"token": token})
    assert client.get(url).status_code == 404


def test_after_the_retention_the_self_assessments_are_gone(client, enrolments, in_person, settings):
    client.post(assessment_path(enrolments["Jürgen Groß"], in_person), ratings())
    assert prune(timezone.now())[0]["self-assessment answers"] == 0
    later = in_person.ends_at + datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS + 1)
    deleted, failed = prune(later)
    assert failed == []
    assert (deleted["self-assessment answers"], deleted["feedback receipts"]) == (1, 1)
    assert not SelfAssessmentAnswer.objects.exists() and not OutcomeRating.objects.exists()
    assert not FeedbackReceipt.objects.exists()


def test_my_space_offers_the_self_assessment_until_answered(client, enrolments, in_person):
    enrolment = enrolments["Jürgen Groß"]
    client.force_login(enrolment.user)
    with translation.override("de"):
        my_space = reverse("members:my_space")
    page = client.get(my_space).content.decode()
    link = re.search(r'href="(/de/self-assessment/[^"]+)"', page).group(1)
    assert "Ihre Kompetenzen nach dem Präsenztermin einschätzen" in page
    client.post(link, ratings())
    page = client.get(my_space).content.decode()
    assert "/de/self-assessment/" not in page and "/de/feedback/" in page


def test_outcomes_freeze_once_answered_and_every_language_lists_as_many(
    client, enrolments, in_person, editor
):
    client.post(assessment_path(enrolments["Jürgen Groß"], in_person), ratings())
    first = SelfAssessment.objects.get()
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_figures_selfassessment:edit", args=[first.pk])
    page = client.get(edit_url)
    assert page.status_code == 200
    data = form_data(page.context["form"])
    data["name"] = "Changed"
    assert "can no longer change" in client.post(edit_url, data).content.decode()
    first.refresh_from_db()
    assert first.name == "Version 1"

    add_url = reverse("wagtailsnippets_figures_selfassessment:add")
    new = {
        "name": "Version 2",
        "texts-TOTAL_FORMS": "2", "texts-INITIAL_FORMS": "0",
        "texts-MIN_NUM_FORMS": "0", "texts-MAX_NUM_FORMS": "1000",
        "texts-0-language": "en", "texts-0-outcomes": "Explain AI\nBuy AI",
        "texts-0-ORDER": "1",
        "texts-1-language": "de", "texts-1-outcomes": "KI erklären",
        "texts-1-ORDER": "2",
    }  # fmt: skip
    refused = client.post(add_url, new)
    assert "the same number of learning outcomes" in refused.content.decode()
    assert SelfAssessment.objects.count() == 1
    without_english = {**new, "texts-0-language": "fr"}
    without_english["texts-1-outcomes"] = "KI erklären\nKI beschaffen"
    refused = client.post(add_url, without_english)
    assert "Give the wording in English at least" in refused.content.decode()
    assert SelfAssessment.objects.count() == 1
    new["texts-1-outcomes"] = "KI erklären\nKI beschaffen"
    assert client.post(add_url, new).status_code == 302
    assert SelfAssessmentText.objects.filter(questionnaire__name="Version 2").count() == 2

    page = client.get(assessment_path(enrolments["Çağla Yılmaz"], in_person)).content.decode()
    assert "<legend>KI beschaffen</legend>" in page


def test_staff_read_the_self_assessment_per_outcome(client, enrolments, in_person, editor):
    client.post(assessment_path(enrolments["Jürgen Groß"], in_person), ratings(before=2, after=4))
    client.force_login(editor)
    page = client.get(reverse("figures_feedback")).content.decode()
    assert "Self-assessment of skills" in page
    first = current_self_assessment().text_in("en").outcome_list[0]
    # One participant, at most exact figures for staff: 1 answer, before 2, after 4.
    assert re.search(
        rf'<th scope="row">{re.escape(first)}</th><td>1</td><td>2.0</td><td>4.0</td>', page
    )
