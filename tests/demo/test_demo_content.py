"""The demo loader builds the programme and is idempotent; the demo tells the programme as it is,
in each language: its dates fit the programme's period with the final conference last, the
certificate page leads to the verification page, place names and page addresses are in the page's
language, one term names the committee, and a completed cohort has certificates to verify.

Loading the demo takes tens of seconds, so it is loaded once for this module (rolled back at its
end) and its tests only read it or change it inside their own savepoint.
"""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Locale, Page

from certificates.calendar_rule import course_calendar
from certificates.models import Attendance, Certificate, Enrolment
from committee.models import CommitteePage
from demo.loaders.certificates import DEMO_CODE, REVOKED_CODE
from programme.models import Cohort, Event, EventKind, Session, SessionDateChange
from tests.conftest import LANGUAGE_CODES, kept_for_the_module

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


def load_demo():
    # wagtail-localize publishes translations once the transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo_content", quiet_accounts=True)


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker), time_machine.travel(LOADED_ON, tick=False):
        load_demo()
        yield


@pytest.fixture
def demo(demo_world, db):
    """The demo's certificate page (English)."""
    return Page.objects.get(slug="certificate", locale__language_code="en").specific


def counts():
    models = [Page, Cohort, Session, SessionDateChange, Event]
    models += [apps.get_model("auth", "User"), apps.get_model("auth", "Group")]
    models += [apps.get_model("home", "FooterText"), apps.get_model("programme", "EventTopic")]
    models += [
        apps.get_model("committee", name)
        for name in ["CommitteeMember", "Topic", "CommitteeNotePage", "Resource"]
    ]
    models += [apps.get_model("wagtailcore", "PageViewRestriction")]
    return {model.__name__: model.objects.count() for model in models}


def test_demo_loader_builds_the_programme_and_is_idempotent(demo, client):
    first = counts()
    assert first["Cohort"] == 7
    assert first["Session"] == 35
    # The root, then in six languages: eleven programme pages, the legal notice, the
    # accessibility statement and the sitemap page, the committee page, its notes listing and
    # library, and five notes.
    assert first["Page"] == 1 + 6 * (11 + 3 + 3 + 5)
    assert first["FooterText"] == 6
    assert first["CommitteeMember"] == 6 * 5
    assert first["Resource"] == 5
    # The library and two members-only notes, restricted in each of the six languages.
    assert first["PageViewRestriction"] == 6 * 3
    assert Page.objects.filter(depth__gt=1, live=False).count() == 0
    with time_machine.travel(LOADED_ON, tick=False):
        load_demo()
    assert counts() == first

    home = client.get("/fr/")
    assert home.status_code == 200
    assert "Forum européen pour la sécurité urbaine" in home.content.decode()
    cohorts = client.get("/de/durchgaenge/")
    assert cohorts.status_code == 200


def test_the_demo_has_a_completed_cohort_with_certificates(demo, client):
    assert Enrolment.objects.filter(cohort__slug="france-2025-spring").count() == 6
    assert Certificate.objects.count() == 6 and Certificate.objects.valid().count() == 5
    assert Certificate.objects.valid().filter(enrolment__user__username="participant").exists()
    names = set(Certificate.objects.valid().values_list("enrolment__name", flat=True))
    assert {"Élodie Lefèvre", "Jürgen Groß", "Núria Fàbregas", "Françoise Ĳsselmuiden"} <= names
    assert not Certificate.objects.filter(enrolment__name="Çağla Yılmaz").exists()  # missed one

    valid = client.get(f"/en/certificates/verify/{DEMO_CODE}/").content.decode()
    assert "This certificate is valid" in valid and "Élodie Lefèvre" in valid
    revoked = client.get(f"/fr/certificates/verify/{REVOKED_CODE}/").content.decode()
    assert "Ce certificat a été révoqué" in revoked


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


# The programme runs until December 2026: 175 is its target, not a count of people already trained.
TRAINING_TARGET = {
    "en": "175 officials and elected representatives to be trained by the end of 2026",
    "fr": "175 agents et élus à former d’ici fin 2026",
    "it": "175 funzionari e amministratori da formare entro la fine del 2026",
    "nl": "175 ambtenaren en bestuurders die tot eind 2026 worden opgeleid",
    "de": "175 Beschäftigte und Mandatsträger, die bis Ende 2026 fortgebildet werden",
    "es": "175 técnicos y cargos electos que se formarán hasta finales de 2026",
}


def test_the_about_page_gives_175_as_the_target_not_as_people_trained(demo, client):
    about = Page.objects.get(slug="about", locale__language_code="en")
    for code, target in TRAINING_TARGET.items():
        translation = about.get_translation(Locale.objects.get(language_code=code))
        page = text_of(client.get(translation.url))
        assert target in page, code
        assert "representatives trained" not in page, code


def test_the_demo_issues_certificates_only_for_its_finished_cohort(demo):
    """The demo follows the programme's calendar rule (certificates/calendar_rule.py)."""
    assert Certificate.objects.exists()
    certificates = Certificate.objects.select_related("enrolment__cohort")
    for certificate in certificates:
        cohort = Cohort.objects.with_sessions().get(pk=certificate.enrolment.cohort_id)
        assert course_calendar(cohort).has_ended(certificate.issued_at), cohort
    for attendance in Attendance.objects.select_related("session"):
        assert attendance.session.starts_at <= attendance.recorded_at
