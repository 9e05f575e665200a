"""The demo tells the programme as it is, in each language: its dates fit the programme's
period with the final conference last, the certificate page leads to the verification page,
place names and page addresses are in the page's language, and one term names the committee."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Locale, Page

from committee.models import CommitteePage
from programme.models import Cohort, Event, EventKind, Session
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

# The day the issue was found: late in the programme's last year.
LOADED_ON = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)
PROGRAMME_END = datetime.date(2026, 12, 31)
COMMITTEE_ADDRESS = {
    "en": "/en/committee/",
    "fr": "/fr/comite-de-pilotage/",
    "it": "/it/comitato-direttivo/",
    "nl": "/nl/stuurgroep/",
    "de": "/de/lenkungsausschuss/",
    "es": "/es/comite-directivo/",
}
TURIN = {"en": "Turin", "fr": "Turin", "it": "Torino", "nl": "Turijn", "de": "Turin", "es": "Turín"}
WRONG_TERMS = {"nl": "commissie"}


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    # wagtail-localize publishes translations once the transaction commits.
    with (
        time_machine.travel(LOADED_ON, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("load_demo_content", quiet_accounts=True)
    return Page.objects.get(slug="certificate", locale__language_code="en").specific


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_the_demo_tells_the_programme_in_its_period_and_in_each_language(demo, client):
    final = Event.objects.get(kind=EventKind.FINAL_CONFERENCE)
    assert Cohort.objects.filter(planned_end__gt=PROGRAMME_END).count() == 0
    assert set(Cohort.objects.values_list("year", flat=True)) == {2025, 2026}
    late_sessions = Session.objects.filter(starts_at__gte=final.starts_at)
    assert list(late_sessions) == [], "every session comes before the final conference"
    assert not Event.objects.exclude(pk=final.pk).filter(starts_at__gte=final.starts_at)

    english_committee = CommitteePage.objects.get(locale__language_code="en")
    for code in LANGUAGE_CODES:
        locale = Locale.objects.get(language_code=code)
        certificate_page = demo.get_translation(locale)
        html = client.get(certificate_page.url).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        main_links = [a["href"] for a in soup.select("main a[href]")]
        assert f"/{code}/certificates/verify/" in main_links, code
        footer_links = [a["href"] for a in soup.select("footer a[href]")]
        assert f"/{code}/certificates/verify/" in footer_links, code

        committee = english_committee.get_translation(locale)
        assert committee.url == COMMITTEE_ADDRESS[code]
        page = text_of(client.get(committee.url))
        assert f"{TURIN[code]} (" in page, code
        if code in WRONG_TERMS:
            assert WRONG_TERMS[code] not in page.lower(), code


def test_a_demo_loaded_after_the_last_call_can_open_one_to_try_the_application_form(client):
    """Loaded late in 2026 the demo has no open call; `--open-call` gives one, with an Apply
    link on the home page."""
    with time_machine.travel(LOADED_ON, tick=False):
        call_command("load_demo_content", quiet_accounts=True, open_call=True)
        open_cohorts = [c for c in Cohort.objects.all() if c.is_open_for_applications]
        assert [c.country for c in open_cohorts] == ["BE"]
        assert open_cohorts[0].planned_start > LOADED_ON.date()
        home = client.get("/en/")
    assert f"?cohort={open_cohorts[0].slug}" in home.content.decode()
