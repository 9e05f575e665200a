"""Session feedback: participants are invited when a session ends, answer once in their
language by a signed link or from "my space", anonymously; staff read the free text; the
retention deletes it; the questions freeze once answered."""

import datetime
import re

import polib
import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from figures.feedback import feedback_path, receipt_digest
from figures.models import FeedbackAnswer, FeedbackReceipt, Questionnaire, QuestionnaireText
from tests.applications.builders import run_queue
from web.pruning import prune

pytestmark = pytest.mark.django_db

ANSWER = {"usefulness": "4", "pace": "right", "will_use": "Risikoanalyse", "missing": "Mehr Praxis"}


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def invite_and_send():
    call_command("send_feedback_invitations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    run_queue()


def test_participants_are_invited_once_in_their_language_when_a_session_ends(
    enrolments, ended_session
):
    invite_and_send()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(e.email for e in enrolments.values())
    message = mail.outbox[0]
    assert "Online-Termin 2" in message.subject
    assert "anonym" in message.body
    assert link_in(message).startswith("/de/feedback/")

    mail.outbox.clear()
    invite_and_send()
    assert mail.outbox == []  # Each session's invitations go out once.


def test_no_invitation_before_a_session_ends(enrolments, cohort):
    invite_and_send()
    assert mail.outbox == []


def test_a_participant_answers_once_anonymously_and_a_second_answer_is_refused(
    client, enrolments, ended_session
):
    enrolment = enrolments["Jürgen Groß"]
    url = feedback_path(enrolment, ended_session)
    page = client.get(url)
    assert page.status_code == 200
    assert "Wie nützlich war dieser Termin" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"

    assert client.post(url, ANSWER).status_code == 302
    (answer,) = FeedbackAnswer.objects.all()
    assert (answer.usefulness, answer.pace, answer.language) == (4, "right", "de")
    # Nothing ties the answer to the person: no field names them, their account or enrolment.
    names = {field.name for field in FeedbackAnswer._meta.get_fields()}
    assert not names & {"enrolment", "user", "email", "name", "created_at", "digest"}
    assert FeedbackReceipt.objects.count() == 1
    assert {field.name for field in FeedbackReceipt._meta.get_fields()} == {"digest", "session"}

    again = client.post(url, {**ANSWER, "usefulness": "1"})
    assert "Sie können zu jedem Termin nur einmal antworten" in client.get(url).content.decode()
    assert again.status_code in (200, 302)
    assert FeedbackAnswer.objects.count() == 1


def test_bad_input_is_refused_next_to_the_field_and_nothing_is_saved(
    client, enrolments, ended_session
):
    url = feedback_path(enrolments["Jürgen Groß"], ended_session)
    page = client.post(url, {"usefulness": "9", "pace": ""})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="id_pace_error"' in html
    assert "Sagen Sie, wie das Tempo war." in html
    assert FeedbackAnswer.objects.count() == 0 and FeedbackReceipt.objects.count() == 0


def test_an_altered_link_or_a_session_not_ended_gives_no_form(client, enrolments, cohort):
    enrolment = enrolments["Jürgen Groß"]
    coming = cohort.sessions.get(position=5)
    coming.starts_at = timezone.now() + datetime.timedelta(days=7)
    coming.ends_at = coming.starts_at + datetime.timedelta(hours=3)
    coming.save()
    assert (
        "sobald der Termin vorbei ist"
        in client.get(feedback_path(enrolment, coming)).content.decode()
    )
    past = cohort.sessions.get(position=1)  # March: past the window of FEEDBACK_WINDOW
    assert "nicht mehr möglich" in client.get(feedback_path(enrolment, past)).content.decode()
    url = feedback_path(enrolment, past)
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_after_the_retention_answers_and_receipts_are_gone(
    client, enrolments, ended_session, settings
):
    url = feedback_path(enrolments["Jürgen Groß"], ended_session)
    client.post(url, ANSWER)
    assert prune(timezone.now())[0]["feedback answers"] == 0  # Still within the retention.
    later = ended_session.ends_at + datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS + 1)
    deleted, failed = prune(later)
    assert failed == []
    assert (deleted["feedback answers"], deleted["feedback receipts"]) == (1, 1)
    assert not FeedbackAnswer.objects.exists() and not FeedbackReceipt.objects.exists()


def test_my_space_lists_the_sessions_awaiting_feedback_until_answered(
    client, enrolments, ended_session
):
    enrolment = enrolments["Jürgen Groß"]
    client.force_login(enrolment.user)
    with translation.override("de"):
        my_space = reverse("members:my_space")
    page = client.get(my_space).content.decode()
    assert "Online-Termin 2" in page
    link = re.search(r'href="(/de/feedback/[^"]+)"', page).group(1)
    client.post(link, ANSWER)
    assert "/de/feedback/" not in client.get(my_space).content.decode()


def test_staff_read_the_free_text_and_participants_cannot(
    client, enrolments, ended_session, editor
):
    client.post(feedback_path(enrolments["Jürgen Groß"], ended_session), ANSWER)
    client.force_login(enrolments["Núria Fàbregas"].user)
    assert client.get(reverse("figures_feedback")).status_code in (302, 403)
    client.force_login(editor)
    page = client.get(reverse("figures_feedback")).content.decode()
    assert "Risikoanalyse" in page and "Mehr Praxis" in page


def test_questions_freeze_once_answered_and_a_new_version_is_asked_from_then_on(
    client, enrolments, ended_session, editor
):
    client.post(feedback_path(enrolments["Jürgen Groß"], ended_session), ANSWER)
    first = Questionnaire.objects.get()
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_figures_questionnaire:edit", args=[first.pk])
    page = client.get(edit_url)
    assert page.status_code == 200
    data = form_data(page.context["form"])
    data["name"] = "Changed"
    refused = client.post(edit_url, data)
    assert "can no longer change" in refused.content.decode()
    first.refresh_from_db()
    assert first.name != "Changed"

    second = Questionnaire.objects.create(name="Version 2")
    QuestionnaireText.objects.create(
        questionnaire=second,
        language="de",
        usefulness="Neue Frage?",
        pace="Tempo?",
        will_use="Nutzen?",
        missing="Fehlte?",
    )
    page = client.get(feedback_path(enrolments["Çağla Yılmaz"], ended_session))
    assert "Neue Frage?" in page.content.decode()
    assert receipt_digest(1, 2) != receipt_digest(2, 1)


def form_data(form):
    """The values an edit form would post back unchanged, with its inline formsets."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[form.add_prefix(name)] = value
    for formset in form.formsets.values():
        data.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
                f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
                f"{formset.prefix}-MIN_NUM_FORMS": "0",
                f"{formset.prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for child in formset.forms:
            for name in child.fields:
                value = child[name].value()
                if value is not None:
                    data[child.add_prefix(name)] = value if value is not True else "on"
    return data


def test_every_string_of_the_figures_app_is_translated():
    for code, _name in django_settings.LANGUAGES:
        if code == "en":
            continue
        catalogue = polib.pofile(
            str(django_settings.BASE_DIR / f"figures/locale/{code}/LC_MESSAGES/django.po")
        )
        assert catalogue.untranslated_entries() == [] and catalogue.fuzzy_entries() == [], code
