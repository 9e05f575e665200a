"""Admin lists that read well, in every language: status labels rather than codes, times that
name their time zone, column labels capitalised alike, and an applications list whose words
never break in the middle."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from applications.models import Application
from programme.factories import CohortFactory, EventFactory
from programme.models import Session
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

DURING_APPLICATIONS = datetime.datetime(2026, 1, 20, 10, 0, tzinfo=datetime.UTC)
APPLICATIONS_OPEN = {"en": "Applications open", "fr": "Candidatures ouvertes"}
COHORT_CODES = {"planned", "applications_open", "applications_closed", "in_progress",
                "completed", "postponed", "cancelled"}  # fmt: skip


def admin_in(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


def table(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headers = [" ".join(th.get_text(" ").split()) for th in soup.select("table.listing thead th")]
    rows = [
        [" ".join(td.get_text(" ").split()) for td in row.find_all("td")]
        for row in soup.select("table.listing tbody tr")
    ]
    return [header for header in headers if header], rows


def assert_capitalised(headers):
    for header in headers:
        assert header[0].isupper() or not header[0].isalpha(), header


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_the_cohort_list_shows_status_labels_with_capitalised_headers(client, editor, language):
    CohortFactory(country="ES", slug="spain-2026")
    admin_in(client, editor, language)
    with time_machine.travel(DURING_APPLICATIONS):
        headers, rows = table(client.get(reverse("wagtailsnippets_programme_cohort:list")))
    assert_capitalised(headers)
    assert not COHORT_CODES & set(rows[0]), rows
    if language in APPLICATIONS_OPEN:
        assert APPLICATIONS_OPEN[language] in rows[0]
    if language != "en":
        assert "Dates last confirmed" not in headers


def test_event_times_name_their_time_zone(client, editor):
    EventFactory()
    admin_in(client, editor, "en")
    headers, rows = table(client.get(reverse("wagtailsnippets_programme_event:list")))
    assert "Starts at" in headers
    assert "06/16/2026 2 p.m. Brussels time (UTC+2)" in rows[0], rows


def test_the_cohort_screen_names_the_zone_of_session_times_and_of_changes(client, editor):
    cohort = CohortFactory(country="ES", slug="spain-2026", with_sessions__confirmed=True)
    session = Session.objects.filter(cohort=cohort).first()
    before = session.snapshot()
    session.starts_at += datetime.timedelta(days=1)
    session.ends_at += datetime.timedelta(days=1)
    session.save()
    session.record_edit(before, editor)
    admin_in(client, editor, "fr")
    response = client.get(reverse("wagtailsnippets_programme_cohort:edit", args=[cohort.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    note = " ".join(soup.select_one("#session-times-zone").get_text(" ").split())
    assert "heure de Bruxelles" in note and "heure de Madrid" in note, note
    history = " ".join(
        soup.find("th", string="Nouvelle date").find_parent("table").get_text(" ").split()
    )
    assert "09:30 heure de Madrid (UTC+1)" in history, history


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_the_applications_list_keeps_words_whole_and_headers_capitalised(client, editor, language):
    cohort = CohortFactory(country="BE", slug="belgium-2026")
    Application.objects.create(
        cohort=cohort, reference="AIC-2026-BE-0001", language="nl", authority_name="Mechelen",
        country="BE", region="Antwerpen", population=87_000, service="municipal_police",
        contact_name="An Peeters", contact_position="Korpschef", contact_email="an@example.be",
        contact_phone="+32 15 00 00 00", motivation="…", commits_to_attend=True,
        consent_version="2026-01", consented_at=DURING_APPLICATIONS,
        submitted_at=DURING_APPLICATIONS,
    )  # fmt: skip
    admin_in(client, editor, language)
    response = client.get(reverse("applications_application_modeladmin_index"))
    headers, rows = table(response)
    assert_capitalised(headers)
    assert "10:00" not in " ".join(rows[0]), "the list gives the day, the screen the time"
    page = response.content.decode()
    assert 'class="modeladmin aic-applications' in page
    assert "word-break: normal" in page and ".field-status { white-space: nowrap; }" not in page
    assert ".aic-applications .listing .field-status," in page
