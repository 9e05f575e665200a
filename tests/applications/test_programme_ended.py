"""The programme's close (issue #27, point 2): from the day named in the contact settings, every
page says the programme has ended, in the reader's language; the application form and the
opening alerts close with a clear message; the home page leads with the results."""

import datetime

import pytest
import time_machine
from django.core import mail

from applications.models import Application, OpeningAlert
from home.models import ContactSettings
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

ENDED_ON = datetime.date(2026, 12, 18)
# Midnight in Brussels, when the day comes, is still the evening before in UTC.
FIRST_MINUTE_IN_BRUSSELS = datetime.datetime(2026, 12, 17, 23, 0, tzinfo=datetime.UTC)
NOTICE = {
    "en": "The AI for Cities programme ended on",
    "fr": "Le programme AI for Cities s’est terminé le",
    "it": "Il programma AI for Cities si è concluso il",
    "nl": "Het programma AI for Cities is afgesloten op",
    "de": "Das Programm AI for Cities wurde am",
    "es": "El programa AI for Cities finalizó el",
}


@pytest.fixture
def programme_end(site_tree):
    return ContactSettings.objects.create(
        site=site_tree.home.get_site(),
        manager_name="Claire Dumont",
        manager_email="manager@efus.example",
        programme_ended_on=ENDED_ON,
    )


@pytest.fixture
def italy_open(italy):
    italy.applications_open_on = datetime.date(2026, 12, 1)
    italy.applications_close_on = datetime.date(2026, 12, 31)
    italy.save()
    return italy


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_page_says_so_from_that_day_in_brussels(client, programme_end, apply_pages, code):
    with time_machine.travel(FIRST_MINUTE_IN_BRUSSELS - datetime.timedelta(hours=1), tick=False):
        before = client.get(f"/{code}/").content.decode()
    with time_machine.travel(FIRST_MINUTE_IN_BRUSSELS, tick=False):
        home = client.get(f"/{code}/").content.decode()
        apply = client.get(apply_pages[code].url).content.decode()
    assert NOTICE[code] not in before
    for page in (home, apply):
        assert NOTICE[code] in page
        assert "mailto:manager@efus.example" in page


def test_the_home_page_leads_with_the_results(client, programme_end, apply_pages):
    with time_machine.travel(FIRST_MINUTE_IN_BRUSSELS, tick=False):
        home = client.get("/en/").content.decode()
    assert "What the programme achieved" in home
    assert "Next sessions" not in home
    assert "Coming cohorts" not in home


def test_the_application_form_and_the_alerts_close_with_a_message(
    client, programme_end, apply_pages, italy_open
):
    page = apply_pages["it"]
    with time_machine.travel(FIRST_MINUTE_IN_BRUSSELS, tick=False):
        shown = client.get(page.url)
        sent = client.post(page.url, {"cohort": italy_open.pk, "authority_name": "Torino"})
        alert = client.post(page.url + "alerts/", {"email": "a@example.it", "country": "IT"})
    assert shown.status_code == 200
    assert "Le candidature sono chiuse: il programma è concluso." in shown.content.decode()
    assert 'name="authority_name"' not in shown.content.decode()
    assert sent.status_code == 403 and alert.status_code == 403
    assert "Le candidature sono chiuse" in alert.content.decode()
    assert not Application.objects.exists() and not OpeningAlert.objects.exists()
    assert not mail.outbox


def test_until_that_day_the_page_works_as_before(client, programme_end, apply_pages):
    with time_machine.travel(FIRST_MINUTE_IN_BRUSSELS - datetime.timedelta(minutes=1), tick=False):
        shown = client.get(apply_pages["en"].url).content.decode()
    assert "the programme has ended" not in shown
    assert "Tell me when applications open" in shown
