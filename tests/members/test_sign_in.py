"""Member sign-in, sign-out and password reset, in every language."""

import re

import pytest
from django.core import mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.accounts import PASSWORD
from tests.applications.builders import run_queue
from tests.conftest import LANGUAGE_CODES


def wrong_password_error(language):
    """Django's own translated refusal, as the login form words it in `language`."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.forms import AuthenticationForm

    username = get_user_model()._meta.get_field("username").verbose_name
    with translation.override(language):
        return str(AuthenticationForm.error_messages["invalid_login"]) % {"username": username}


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_sign_in_lands_in_my_space_and_sign_out_ends_the_session(client, people, language):
    login = url_in(language, "members:login")
    page = client.get(login)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'for="id_username"' in html and 'for="id_password"' in html
    response = client.post(login, {"username": "paula", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == url_in(language, "members:my_space")
    space = client.get(response["Location"])
    assert space.status_code == 200
    assert "Paula" in space.content.decode()
    signed_out = client.post(url_in(language, "members:logout"))
    assert signed_out.status_code == 302
    assert client.get(url_in(language, "members:my_space")).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_wrong_password_gives_a_translated_error_next_to_the_form(client, people, language):
    response = client.post(
        url_in(language, "members:login"), {"username": "paula", "password": "wrong"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    error = wrong_password_error(language)
    assert escape(error) in html
    if language != "en":
        assert error != wrong_password_error("en")
    assert 'class="error-summary"' in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_in_returns_to_the_members_page_asked_for(client, committee_tree, people):
    library = committee_tree.pages["de"]["library"]
    bounced = client.get(library.url)
    response = client.post(
        bounced["Location"], {"username": "carlos", "password": PASSWORD, "next": library.url}
    )
    assert response["Location"] == library.url
    assert client.get(library.url).status_code == 200


@pytest.mark.django_db
def test_sign_in_refuses_to_send_members_to_another_site(client, people):
    response = client.post(
        url_in("en", "members:login"),
        {"username": "paula", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == url_in("en", "members:my_space")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_password_reset_by_email_in_the_members_language(client, people, language):
    reset = url_in(language, "members:password_reset")
    response = client.post(reset, {"email": "paula@example.org"})
    assert response.status_code == 302
    assert response["Location"] == url_in(language, "members:password_reset_done")
    assert mail.outbox == []  # queued, not sent in the request
    run_queue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["paula@example.org"]
    assert PASSWORD not in message.body
    reset_address = url_in(language, "members:password_reset")
    link = re.search(rf"https?://\S+{reset_address}\S+/", message.body).group(0)
    path = link.split("testserver", 1)[-1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    new_password = "another-long-password-77"
    done = client.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    assert client.login(request=HttpRequest(), username="paula", password=new_password)
    # The link works once.
    client.logout()
    assert "validlink" not in client.get(path).context or not client.get(path).context["validlink"]


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, people):
    response = client.post(url_in("fr", "members:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == url_in("fr", "members:password_reset_done")
    run_queue()
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_email_is_retried_when_the_mail_server_fails(client, people, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    calls = {"count": 0}
    real_send = EmailBackend.send_messages

    def flaky(self, messages):
        calls["count"] += 1
        if calls["count"] == 1:
            raise ConnectionRefusedError("mail server down")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    client.post(url_in("it", "members:password_reset"), {"email": "paula@example.org"})
    run_queue()
    assert mail.outbox == []
    import datetime

    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        run_queue()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_my_space_shows_certificates_to_participants_only(client, committee_tree, people):
    committee_tree_library_url = committee_tree.pages["fr"]["library"].url
    client.force_login(people.participant)
    participant_space = client.get(url_in("fr", "members:my_space")).content.decode()
    assert 'id="my-certificates-title"' in participant_space
    assert committee_tree_library_url in participant_space
    client.force_login(people.committee)
    committee_space = client.get(url_in("fr", "members:my_space")).content.decode()
    assert 'id="my-certificates-title"' not in committee_space
    assert 'id="my-notes-title"' in committee_space
