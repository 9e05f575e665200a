"""Accepted applications enrol their participants: accounts in the Participants group and an
invitation, in the participant's language, whose link lets them choose a password."""

import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core import mail
from django.http import HttpRequest

from applications.models import ApplicationStatus
from certificates.enrolment import NotAccepted, enrol_application, enrol_cohort
from certificates.models import Enrolment
from members.groups import PARTICIPANTS
from tests.applications.builders import run_queue
from tests.fixtures.certificates import PEOPLE, make_application

pytestmark = pytest.mark.django_db

INVITATION_WORDS = {
    "de": ("Willkommen", "Wählen Sie Ihr Passwort"),
    "fr": ("bienvenue", "Choisissez votre mot de passe"),
    "es": ("bienvenida", "Elija su contraseña"),
}


def welcomes():
    """The invitations to choose a password (the calendar invitations of each session aside)."""
    return [m for m in mail.outbox if not any("calendar" in kind for _c, kind in m.alternatives)]


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_enrolment_creates_participant_accounts_and_sends_invitations_in_their_language(
    cohort, groups, language
):
    application = make_application(cohort, language=language)
    enrolled = enrol_application(application)
    assert [e.name for e in enrolled] == [name for name, _email in PEOPLE]
    assert mail.outbox == []  # Queued with the enrolment, sent by the worker.

    run_queue()

    assert sorted(m.to[0] for m in welcomes()) == sorted(email for _n, email in PEOPLE)
    assert len(mail.outbox) == len(PEOPLE) * 6, "and a calendar invitation per session"
    subject_word, body_words = INVITATION_WORDS[language]
    for message in welcomes():
        assert subject_word in message.subject
        assert body_words in message.body
        assert f"/{language}/" in link_in(message)
        assert "x-pass" not in message.body and "password:" not in message.body.lower()
    for name, email in PEOPLE:
        user = get_user_model().objects.get(email=email)
        assert user.groups.filter(name=PARTICIPANTS).exists()
        assert not user.has_usable_password()
        enrolment = Enrolment.objects.get(user=user)
        assert (enrolment.name, enrolment.language, enrolment.cohort) == (name, language, cohort)


def test_the_invitation_link_lets_the_participant_choose_a_password_and_log_in(
    cohort, groups, client
):
    enrol_application(make_application(cohort, people=PEOPLE[:1]))
    run_queue()
    (message,) = welcomes()

    response = client.get(link_in(message), follow=True)
    assert response.status_code == 200
    assert "new_password1" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {
            "new_password1": "Ein-sicheres-Passwort-2026",
            "new_password2": "Ein-sicheres-Passwort-2026",
        },
        follow=True,
    )
    assert response.status_code == 200
    user = get_user_model().objects.get(email=PEOPLE[0][1])
    password = "Ein-sicheres-Passwort-2026"
    assert authenticate(HttpRequest(), username=user.username, password=password) == user
    assert client.login(request=HttpRequest(), username=user.username, password=password)

    # The link works once.
    client.logout()
    response = client.get(link_in(message), follow=True)
    assert "new_password1" not in response.content.decode()


def test_an_existing_account_with_the_same_email_is_reused(cohort, groups):
    existing = get_user_model().objects.create_user(
        "jg", email=PEOPLE[0][1].upper(), password="kept-password-1"
    )
    enrol_application(make_application(cohort, people=PEOPLE[:1]), notify=False)
    enrolment = Enrolment.objects.get()
    assert enrolment.user == existing
    existing.refresh_from_db()
    assert existing.check_password("kept-password-1")
    assert existing.groups.filter(name=PARTICIPANTS).exists()


@pytest.mark.parametrize(
    "status",
    [
        ApplicationStatus.DECLINED,
        ApplicationStatus.WAITLISTED,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.WITHDRAWN,
    ],
)
def test_applications_not_accepted_enrol_nobody(cohort, groups, status):
    application = make_application(cohort, status=status)
    with pytest.raises(NotAccepted):
        enrol_application(application)
    assert enrol_cohort(cohort) == []
    run_queue()
    assert not Enrolment.objects.exists()
    assert not get_user_model().objects.filter(email=PEOPLE[0][1]).exists()
    assert mail.outbox == []


def test_enrolling_twice_changes_nothing_and_sends_no_second_invitation(cohort, groups):
    application = make_application(cohort)
    make_application(cohort, people=[("Ana Ruiz", "ana@example.es")], status="declined")
    assert len(enrol_cohort(cohort)) == 4
    assert enrol_cohort(cohort) == []
    assert enrol_application(application) == []
    run_queue()
    assert Enrolment.objects.count() == 4
    assert len(welcomes()) == 4
    assert len(mail.outbox) == 4 * 6, "a password invitation and five calendar invitations each"


def test_editors_enrol_per_application_and_per_cohort_from_the_admin(cohort, editor, client):
    first = make_application(cohort, people=PEOPLE[:2])
    make_application(cohort, people=PEOPLE[2:])
    client.force_login(editor)
    screen = client.get(f"/admin/certificates/cohort/{cohort.pk}/")
    assert screen.status_code == 200
    assert first.reference in screen.content.decode()

    client.post(f"/admin/certificates/application/{first.pk}/enrol/")
    assert Enrolment.objects.count() == 2
    client.post(f"/admin/certificates/cohort/{cohort.pk}/enrol/")
    assert Enrolment.objects.count() == 4
    assert all(e.enrolled_by == editor for e in Enrolment.objects.all())


def test_committee_members_cannot_enrol(cohort, committee_member, client):
    make_application(cohort)
    client.force_login(committee_member)
    assert client.get(f"/admin/certificates/cohort/{cohort.pk}/").status_code in (302, 403)
    client.post(f"/admin/certificates/cohort/{cohort.pk}/enrol/")
    assert not Enrolment.objects.exists()
