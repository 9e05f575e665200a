"""The spam check is never a dead end: when reCAPTCHA cannot load or Google cannot verify it,
the application is accepted and flagged "spam check not done" for staff, while the honeypot,
the minimum fill time and the per-address limit still keep robots out."""

import datetime
import json
import re
import urllib.error
from email.message import Message

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django_recaptcha.client import RecaptchaResponse

from applications.factories import ApplicationFactory
from applications.models import Application
from programme.factories import CohortFactory
from tests.applications.builders import DURING_WINDOW, valid_data
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

INDEX_URL = reverse("applications_application_modeladmin_index")


class _Headers(Message):
    pass


def post(client, page, data):
    with time_machine.travel(DURING_WINDOW):
        return client.post(page.url, data)


def summary(response):
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select_one("#error-summary")
    return found.get_text(" ", strip=True) if found else ""


@pytest.mark.parametrize(
    "failure",
    [
        urllib.error.HTTPError("https://www.google.com", 503, "Unavailable", _Headers(), None),
        urllib.error.URLError("Name or service not known"),
        TimeoutError("The read operation timed out"),
        ConnectionResetError(104, "Connection reset by peer"),
        json.JSONDecodeError("Expecting value", "<html>", 0),
    ],
    ids=["http-error", "unreachable", "timeout", "reset", "not-json"],
)
def test_google_unreachable_when_verifying_accepts_and_flags_the_application(
    apply_pages, italy, client, recaptcha_passes, failure
):
    recaptcha_passes.side_effect = failure
    response = post(client, apply_pages["en"], valid_data(italy))
    assert response.status_code == 302, summary(response)
    assert Application.objects.get().spam_check_done is False


def test_a_verified_answer_marks_the_spam_check_done(apply_pages, italy, client):
    assert post(client, apply_pages["en"], valid_data(italy)).status_code == 302
    assert Application.objects.get().spam_check_done is True


@pytest.mark.parametrize("state", ["", "unavailable"])
def test_a_spam_check_that_never_loaded_still_lets_the_city_apply(
    apply_pages, italy, client, recaptcha_passes, state
):
    """The script was blocked (state "unavailable") or never ran (no JavaScript: no state)."""
    data = valid_data(italy, captcha=state)
    del data["g-recaptcha-response"]
    response = post(client, apply_pages["fr"], data)
    assert response.status_code == 302, summary(response)
    assert Application.objects.get().spam_check_done is False
    recaptcha_passes.assert_not_called()


def test_a_shown_but_unticked_spam_check_asks_for_the_tick(apply_pages, italy, client):
    response = post(client, apply_pages["en"], valid_data(italy, **{"g-recaptcha-response": ""}))
    assert response.status_code == 200
    assert "Spam check: Please tick the box “I’m not a robot”." in summary(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('#error-summary a[href="#spam-check"]') is not None
    assert not Application.objects.exists()


def test_an_answer_google_refuses_is_refused(apply_pages, italy, client, recaptcha_passes):
    recaptcha_passes.return_value = RecaptchaResponse(is_valid=False)
    response = post(client, apply_pages["en"], valid_data(italy))
    assert "The spam check did not succeed" in summary(response)
    assert not Application.objects.exists()


def test_a_filled_honeypot_is_refused_even_without_recaptcha(apply_pages, italy, client):
    data = valid_data(italy, website="http://spam.example", captcha="unavailable")
    del data["g-recaptcha-response"]
    response = post(client, apply_pages["en"], data)
    assert response.status_code == 200
    assert "This field must stay empty" in summary(response)
    assert not Application.objects.exists()


def started_token_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one('input[name="started"]')["value"]


def test_a_form_sent_seconds_after_opening_is_refused_then_accepted_later(
    apply_pages, italy, client, settings
):
    settings.APPLICATION_MIN_FILL_SECONDS = 5
    page = apply_pages["en"]
    with time_machine.travel(DURING_WINDOW, tick=False) as clock:
        token = started_token_of(client.get(page.url))
        clock.shift(datetime.timedelta(seconds=2))
        response = client.post(page.url, valid_data(italy, started=token))
        assert response.status_code == 200
        assert "sent only seconds after it was opened" in summary(response)
        assert not Application.objects.exists()
        # The form comes back with the time it was first opened: sending again later works.
        assert started_token_of(response) == token
        clock.shift(datetime.timedelta(seconds=10))
        assert client.post(page.url, valid_data(italy, started=token)).status_code == 302


@pytest.mark.parametrize(
    "started", [None, "", "1700000000", "1700000000:forged", "1700000000:key:forged"]
)
def test_a_missing_or_forged_start_time_is_refused_and_replaced(
    apply_pages, italy, client, started
):
    data = valid_data(italy)
    if started is None:
        del data["started"]
    else:
        data["started"] = started
    response = post(client, apply_pages["en"], data)
    assert "This form has expired" in summary(response)
    assert not Application.objects.exists()
    fresh = started_token_of(response)
    assert fresh not in ("", started)
    assert re.fullmatch(r"\d+:[\w-]+:[\w-]+", fresh)  # opened at, the form's key, signature


def test_the_per_address_limit_answers_429_with_a_clear_message(
    apply_pages, italy, client, settings
):
    settings.APPLICATION_RATE = (2, 3600)
    page = apply_pages["en"]
    for number in range(2):
        data = valid_data(italy, authority_name=f"Città {number}")
        assert post(client, page, data).status_code == 302
    response = post(client, page, valid_data(italy, authority_name="Città 3"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "You have sent this form many times in a short time" in response.content.decode()
    assert Application.objects.count() == 2


def test_adding_a_row_without_javascript_does_not_count_against_the_limit(
    apply_pages, italy, client, settings
):
    settings.APPLICATION_RATE = (1, 3600)
    page = apply_pages["en"]
    for _ in range(3):
        assert post(client, page, valid_data(italy, add_participant="1")).status_code == 200
    assert post(client, page, valid_data(italy)).status_code == 302


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_page_asks_no_google_script_and_names_its_language(apply_pages, italy, client, code):
    with time_machine.travel(DURING_WINDOW):
        html = client.get(apply_pages[code].url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert not [s["src"] for s in soup.select("script[src]") if "google" in s["src"]]
    assert not soup.select(".g-recaptcha, iframe")
    area = soup.select_one("fieldset#spam-check")
    script = area["data-script"]
    assert script.startswith("https://www.google.com/recaptcha/api.js?")
    assert f"hl={code}" in script and "render=explicit" in script
    assert area.legend.get_text(strip=True)
    assert area.select_one('input[type="hidden"][name="captcha"]') is not None


def test_every_label_points_at_a_real_control(apply_pages, italy, client):
    with time_machine.travel(DURING_WINDOW):
        soup = BeautifulSoup(client.get(apply_pages["en"].url).content, "html.parser")
    for label in soup.select("form.application-form label[for]"):
        control = soup.find(id=label["for"])
        assert control is not None and control.name in {"input", "select", "textarea"}, label


@pytest.fixture
def flagged_and_checked():
    cohort = CohortFactory(country="IT", slug="italy-admin")
    flagged = ApplicationFactory(cohort=cohort, authority_name="Parma", spam_check_done=False)
    checked = ApplicationFactory(cohort=cohort, authority_name="Lucca")
    return flagged, checked


def rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        next(row.select_one(".field-authority").stripped_strings): row.select_one(
            ".field-spam_check"
        ).get_text(" ", strip=True)
        for row in soup.select("table.listing tbody tr")
    }


def test_staff_see_the_flag_and_can_filter_on_it(client, editor, flagged_and_checked):
    flagged, _checked = flagged_and_checked
    client.force_login(editor)
    assert rows(client.get(INDEX_URL)) == {"Parma": "Spam check not done", "Lucca": "-"}
    assert rows(client.get(INDEX_URL, {"spam_check_done__exact": "0"})) == {
        "Parma": "Spam check not done"
    }
    assert list(rows(client.get(INDEX_URL, {"spam_check_done__exact": "1"}))) == ["Lucca"]
    detail = client.get(reverse("applications_application_modeladmin_inspect", args=[flagged.pk]))
    assert "Spam check not done" in detail.content.decode()
