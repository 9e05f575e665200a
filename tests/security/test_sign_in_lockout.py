"""Brute force against every sign-in: the admin's, the members', look-alike names, proxies."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from members.lockout import NormalisedUsernameBackend, normalise_username
from tests.accounts import PASSWORD, make_user
from tests.applications.builders import run_queue
from tests.security.conftest import admin_sign_in, sign_in, url_in
from web.throttle import client_address

LOOK_ALIKES = ["ｓectest", "𝐬𝐞𝐜𝐭𝐞𝐬𝐭", "SECTEST", " sectest", "ＳＥＣＴＥＳＴ"]


@pytest.fixture(autouse=True)
def few_failures(settings):
    settings.AXES_FAILURE_LIMIT = 3


def test_look_alike_names_share_one_normal_form():
    assert {normalise_username(name) for name in LOOK_ALIKES} == {"sectest"}


@pytest.mark.django_db
def test_the_admin_sign_in_locks_that_address_out_of_that_account(client, target):
    for _attempt in range(2):
        assert admin_sign_in(client, "sectest", "wrong").status_code == 200
    assert admin_sign_in(client, "sectest", "wrong").status_code == 429  # the third locks
    locked = admin_sign_in(client, "sectest", PASSWORD)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 900
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_members_sign_in_locks_that_address_out_of_that_account(client, target):
    for _attempt in range(2):
        assert sign_in(client, "sectest", "wrong").status_code == 200
    assert sign_in(client, "sectest", "wrong").status_code == 429  # the third locks
    locked = sign_in(client, "sectest", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_right_password_from_an_address_that_never_failed_signs_in(client, target):
    """Nobody can keep someone out of their account by failing on purpose."""
    for attacker in range(10):
        for _attempt in range(3):
            sign_in(client, "sectest", "wrong", address=f"203.0.113.{attacker}")
    assert sign_in(client, "sectest", PASSWORD, address="198.51.100.200").status_code == 302
    assert client.session["_auth_user_id"] == str(target.pk)


@pytest.mark.django_db
def test_an_editor_is_not_kept_out_of_the_admin_either(client, editor):
    for _attempt in range(5):
        admin_sign_in(client, editor.username, "wrong", address="203.0.113.66")
    assert (
        admin_sign_in(client, editor.username, PASSWORD, address="203.0.113.66").status_code == 429
    )
    assert admin_sign_in(client, editor.username, PASSWORD, address="192.0.2.10").status_code == 302


@pytest.mark.django_db
def test_a_lockout_on_the_members_page_holds_on_the_admin_page_too(client, target):
    for _attempt in range(3):
        sign_in(client, "sectest", "wrong")
    assert admin_sign_in(client, "sectest", PASSWORD).status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_look_alike_names_count_against_the_same_account(client, target, spelling):
    for name in [spelling, "sectest", spelling]:
        sign_in(client, name, "wrong", address="198.51.100.10")
    assert sign_in(client, spelling, PASSWORD, address="198.51.100.10").status_code == 429
    assert sign_in(client, "sectest", PASSWORD, address="198.51.100.10").status_code == 429
    assert sign_in(client, "sectest", PASSWORD, address="203.0.113.51").status_code == 302


@pytest.mark.django_db
def test_the_wait_doubles_with_each_round_of_failures_on_the_account(client, target):
    waits = []
    for attacker in range(4):
        for _attempt in range(3):
            locked = sign_in(client, "SecTest", "wrong", address=f"203.0.113.{attacker}")
        waits.append(int(locked["Retry-After"]))
    assert waits == [900, 1800, 3600, 7200]
    # the first address locked now waits as long as the attack says, not its own 15 minutes
    assert int(sign_in(client, "sectest", PASSWORD, address="203.0.113.0")["Retry-After"]) == 7200
    assert sign_in(client, "sectest", PASSWORD, address="192.0.2.1").status_code == 302


@pytest.mark.django_db
def test_editors_are_told_of_an_attack_once_an_hour_per_account(client, target, editor):
    mail.outbox.clear()
    for attacker in range(4):
        for _attempt in range(3):
            sign_in(client, "sectest", "guess-1234", address=f"203.0.113.{attacker}")
    for _attempt in range(3):
        sign_in(client, "nobody-by-this-name", "wrong")
    run_queue()
    (warning,) = mail.outbox
    assert warning.to == [editor.email]
    assert "sectest" in warning.subject and "guess-1234" not in warning.body
    assert "/admin/sign_in_lockouts/" in warning.body

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        for _attempt in range(3):
            sign_in(client, "sectest", "wrong", address="203.0.113.99")
        run_queue()
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_behind_a_proxy_the_recorded_client_address_is_counted(client, target, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for index in range(3):
        client.post(
            url_in("en", "members:login"),
            {"username": "sectest", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{index}, 192.0.2.80",  # forged left part
        )
    assert AccessAttempt.objects.get().ip_address == "192.0.2.80"
    locked = client.post(
        url_in("en", "members:login"),
        {"username": "sectest", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.80",
    )
    assert locked.status_code == 429


def forwarded(remote, forwarded_for=None):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded_for is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_address(request)


def test_a_forged_x_forwarded_for_from_outside_the_proxies_is_ignored(settings):
    """gunicorn reached without nginx: the claimed addresses count for nothing."""
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    assert forwarded("198.51.100.9", "203.0.113.1") == "198.51.100.9"
    assert forwarded("2001:db8::9", "203.0.113.1, 127.0.0.1") == "2001:db8::9"


def test_the_client_is_the_last_address_no_trusted_proxy_vouches_for(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]
    assert forwarded("127.0.0.1", "203.0.113.1") == "203.0.113.1"
    # forged, then the client, then a load balancer: both proxies are passed over
    assert forwarded("127.0.0.1", "192.0.2.1, 203.0.113.1, 10.1.2.3") == "203.0.113.1"
    assert forwarded("::1", "2001:db8::7") == "2001:db8::7"
    assert forwarded("127.0.0.1") == "127.0.0.1"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_lockout_message_is_translated_and_says_when(client, target, language):
    for _attempt in range(4):
        locked = sign_in(client, "sectest", "wrong", language=language)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert f'<html lang="{language}"' in html
    with translation.override(language):
        wait = translation.gettext(
            "Too many unsuccessful attempts to sign in. Please wait %(minutes)s minutes and try "
            "again, or reset your password."
        ) % {"minutes": 15}
    assert wait != "Too many unsuccessful attempts" and escape(wait) in html
    assert "Too many unsuccessful attempts" not in html


@pytest.mark.django_db
def test_after_the_cool_off_the_right_password_works_again(client, target):
    for _attempt in range(3):
        sign_in(client, "sectest", "wrong")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert sign_in(client, "sectest", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_editors_see_lockouts_and_lift_one(client, target, editor):
    for _attempt in range(3):
        sign_in(client, "sectest", "wrong", address="192.0.2.5")
    attempts = AccessAttempt.objects.all()
    assert {a.username for a in attempts} >= {"sectest"}
    client.force_login(editor)
    index = client.get(reverse("sign_in_lockouts:index"))
    assert index.status_code == 200
    assert "sectest" in index.content.decode()
    assert "Lift lockout" in index.content.decode()
    for attempt in attempts:
        url = reverse("sign_in_lockouts:delete", args=[attempt.pk])
        assert client.post(url).status_code == 302
    assert not AccessAttempt.objects.exists()
    client.logout()
    assert sign_in(client, "sectest", PASSWORD, address="192.0.2.5").status_code == 302


@pytest.mark.django_db
def test_participants_cannot_see_lockouts(client, target):
    client.force_login(target)
    assert client.get(reverse("sign_in_lockouts:index")).status_code in {302, 403}


@pytest.mark.django_db
def test_authenticate_normalises_the_name_on_every_path(rf, groups):
    user = make_user("sectest2")
    backend = NormalisedUsernameBackend()
    assert backend.authenticate(rf.post("/"), username="ｓectest2", password=PASSWORD) == user


@pytest.mark.django_db
def test_wagtail_admin_password_reset_is_off(client):
    response = client.get("/admin/password_reset/", follow=True)
    assert response.status_code == 404
