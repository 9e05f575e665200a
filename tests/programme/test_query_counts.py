"""Public pages use a flat number of SQL queries however many cohorts and events exist."""

import datetime

import pytest
from django.utils import timezone

from applications.factories import ApplicationPageFactory
from programme.factories import CohortFactory, EventFactory
from programme.models import Cohort
from tests.conftest import queries_on_second_visit

QUERY_BUDGET = 12
COUNTRIES = ["FR", "IT", "NL", "DE", "ES", "BE", "FR"]


def make_cohorts(count, start=0):
    """Cohorts with confirmed, to-be-confirmed and moved sessions, and their change logs."""
    for index in range(start, start + count):
        cohort = CohortFactory(
            country=COUNTRIES[index % 7], year=2025 + index % 2, with_sessions__confirmed=False
        )
        if index % 3 == 0:
            continue
        for session in cohort.sessions.all():
            before = session.snapshot()
            session.is_confirmed = True
            session.save()
            session.record_edit(before)
        moved = cohort.sessions.order_by("position")[2]
        before = moved.snapshot()
        moved.starts_at += datetime.timedelta(days=7)
        moved.ends_at += datetime.timedelta(days=7)
        moved.save()
        moved.record_edit(before)


@pytest.mark.django_db
def test_cohort_listing_and_cohort_page_are_flat_from_7_to_70_cohorts(site_tree, client):
    make_cohorts(7)
    listing = site_tree.cohorts.url
    first = Cohort.objects.order_by("pk").first()
    english = f"{listing}{first.slug}/"
    urls = (listing, english, site_tree.home.url)
    # The cohort page at its German address ("frankreich-0"), found by the English slug it
    # stands for, costs what its English address costs: the page view finds each language's
    # home page in the same one query (home/views.py).
    german = f"{site_tree.translations['de']['cohorts'].url}{first.slug_in('de')}/"
    small = {url: queries_on_second_visit(client, url) for url in (*urls, german)}

    make_cohorts(63, start=7)
    large = {url: queries_on_second_visit(client, url) for url in (*urls, german)}

    assert small == large
    assert max(large[url] for url in urls) <= QUERY_BUDGET, large
    assert large[german] == large[english], large


@pytest.mark.django_db
def test_events_page_is_flat(site_tree, client):
    for _ in range(3):
        EventFactory()
    small = queries_on_second_visit(client, site_tree.events.url)
    for _ in range(40):
        EventFactory()
    # Two more than other pages: the summary notes of past web conferences, and the page
    # restrictions that keep members-only ones out.
    assert queries_on_second_visit(client, site_tree.events.url) == small <= QUERY_BUDGET + 2


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", "fr", "de"])
def test_every_public_page_type_stays_within_budget(site_tree, client, code):
    make_cohorts(7)
    for key, page in site_tree.translations[code].items():
        assert queries_on_second_visit(client, page.url) <= QUERY_BUDGET, key


def open_cohorts(count, start=0):
    """Cohorts whose call is open today, each with an "Apply" link on the home page, the cohort
    listing and its own page."""
    today = timezone.localdate()
    for index in range(start, start + count):
        begins = today + datetime.timedelta(days=60 + index)
        CohortFactory(
            country=COUNTRIES[index % 7],
            year=begins.year,
            planned_start=begins,
            planned_end=begins + datetime.timedelta(days=60),
            applications_open_on=today - datetime.timedelta(days=5),
            applications_close_on=today + datetime.timedelta(days=20),
        )


@pytest.mark.django_db
def test_open_calls_with_their_apply_links_stay_flat_and_within_budget(site_tree, client):
    ApplicationPageFactory(parent=site_tree.home)
    open_cohorts(7)
    first = Cohort.objects.order_by("pk").first()
    urls = (site_tree.home.url, site_tree.cohorts.url, f"{site_tree.cohorts.url}{first.slug}/")
    small = {url: queries_on_second_visit(client, url) for url in urls}
    assert "?cohort=" in client.get(site_tree.home.url).content.decode()

    open_cohorts(63, start=7)
    large = {url: queries_on_second_visit(client, url) for url in urls}

    assert small == large
    assert max(large.values()) <= QUERY_BUDGET, large
