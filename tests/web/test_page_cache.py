"""The page cache for anonymous visitors (web/page_cache.py): hits, what is never kept, and
freshness the moment a record changes, in every language; the CDN purged with the same pages."""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings

from applications.decisions import change_status
from applications.factories import ApplicationFactory, ApplicationPageFactory
from applications.models import ApplicationStatus
from committee.factories import (
    CommitteeMemberFactory,
    CommitteeNoteIndexPageFactory,
    CommitteeNotePageFactory,
    CommitteePageFactory,
)
from home.models import FooterText
from programme.factories import CohortFactory
from tests.applications.builders import run_queue
from tests.conftest import LANGUAGE_CODES, publish_translation
from tests.programme.test_date_changes import NEW_DAY, cohort_url, move, text_of
from web.cache_headers import PRIVATE

pytestmark = pytest.mark.django_db

PURGED = []


class RecordingBackend:
    """A frontend cache (CDN) that records the addresses it is asked to purge."""

    def __init__(self, params):
        self.hostnames = None

    def invalidates_hostname(self, hostname):
        return True

    def purge(self, url):
        PURGED.append(url)

    def purge_batch(self, urls):
        PURGED.extend(urls)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    PURGED.clear()


def cache_keys():
    return list(cache._cache.keys())  # the local-memory cache of the tests


def state(response):
    return response["X-Page-Cache"]


def test_a_second_anonymous_request_is_a_hit(site_tree, client):
    url = site_tree.translations["fr"]["about"].url
    first = client.get(url)
    second = client.get(url)
    assert (state(first), state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["Cache-Control"].startswith("public, max-age=")
    assert "s-maxage=" in second["Cache-Control"]
    # The kept page keeps the Content-Security-Policy whose nonce its inline script carries.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_query_and_language_are_part_of_the_key(site_tree, client):
    english, german = (
        site_tree.translations["en"]["about"].url,
        site_tree.translations["de"]["about"].url,
    )
    assert state(client.get(english)) == "miss"
    assert state(client.get(german)) == "miss"
    assert state(client.get(english)) == "hit"


def test_only_the_query_parameters_a_page_reads_are_part_of_its_key(site_tree, client):
    about = site_tree.translations["en"]["about"].url
    assert state(client.get(about)) == "miss"
    for junk in ["?utm_source=mail", "?x=1&y=2", "?fbclid=abc"]:
        assert state(client.get(about + junk)) == "hit"
    # a parameter some page reads, on a page that does not read it: rendered, never kept
    assert state(client.get(about + "?page=2")) == "skip"
    assert state(client.get(about + "?page=2")) == "skip"


def test_a_flood_of_query_variants_keeps_nothing_new(site_tree, client):
    """Random parameters cannot fill a size-capped cache and push out the rate limits."""
    about = site_tree.translations["en"]["about"].url
    client.get(about + "?bust=0")
    kept = set(cache_keys())
    for number in range(1, 30):
        assert state(client.get(f"{about}?bust={number}&page={number}")) in ("hit", "skip")
    assert set(cache_keys()) == kept


def test_a_listing_is_kept_per_filter_it_reads(site_tree, client):
    _committee, index, *_rest = committee_section(site_tree)
    assert state(client.get(index.url + "?type=meeting_notes")) == "miss"
    assert state(client.get(index.url + "?utm_medium=y&type=meeting_notes")) == "hit"
    assert state(client.get(index.url + "?type=recommendation")) == "miss"
    assert state(client.get(index.url + "?type=recommendation&utm_source=x")) == "hit"


def test_off_when_page_cache_seconds_is_zero(site_tree, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = site_tree.home.url
    assert "X-Page-Cache" not in client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_a_signed_in_member_never_gets_nor_poisons_a_kept_page(site_tree, client, committee_member):
    url = site_tree.home.url
    client.force_login(committee_member)
    signed_in = client.get(url)
    assert state(signed_in) == "skip"
    assert signed_in["Cache-Control"] == PRIVATE
    assert "My space" in text_of(signed_in)
    # Anonymous visitors then get their own page, rendered, not the member's.
    client.logout()
    client.cookies.clear()
    anonymous = client.get(url)
    assert state(anonymous) == "miss"
    assert "My space" not in text_of(anonymous)
    assert "Members: sign in" in text_of(anonymous)
    # And a member signing in after an anonymous visitor does not get the kept page.
    client.force_login(committee_member)
    again = client.get(url)
    assert state(again) == "skip"
    assert "My space" in text_of(again)


def test_member_only_content_is_never_kept(client, committee_member, settings):
    """A request with any session cookie is never looked up, whoever it belongs to."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    response = client.get("/en/members/")
    assert response["X-Page-Cache"] == "skip"


def test_forms_are_never_kept(site_tree, client):
    for url in ["/en/members/login/", "/en/members/password/reset/", "/en/certificates/verify/"]:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert state(response) == "skip", url
            assert "no-store" in response["Cache-Control"], url


def test_the_application_page_keeps_its_csrf_token(site_tree, client):
    today = datetime.date.today()
    CohortFactory(
        applications_open_on=today - datetime.timedelta(days=1),
        applications_close_on=today + datetime.timedelta(days=30),
        planned_start=today + datetime.timedelta(days=60),
        planned_end=today + datetime.timedelta(days=90),
        year=today.year,
    )
    page = ApplicationPageFactory(parent=site_tree.home, slug="apply")
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        assert state(response) == "skip"
        assert response["Cache-Control"] == PRIVATE
        assert b"csrfmiddlewaretoken" in response.content


def test_a_date_change_shows_at_once_everywhere_in_every_language(site_tree, client, editor):
    cohort = CohortFactory(with_sessions__confirmed=True)
    urls = []
    for code in LANGUAGE_CODES:
        pages = site_tree.translations[code]
        urls += [
            cohort_url(site_tree, code, cohort),
            pages["cohorts"].url,
            pages["home"].url,
            f"/{code}/calendar/all.ics",
            f"/{code}/calendar/cohorts/{cohort.slug}.ics",
        ]
    for url in urls:
        client.get(url)
        assert state(client.get(url)) == "hit", url

    third = cohort.sessions.order_by("position")[2]
    move(third, third.starts_at + datetime.timedelta(days=8), user=editor)

    for url in urls:
        assert state(client.get(url)) == "miss", url
    for code in LANGUAGE_CODES:
        assert NEW_DAY[code] in text_of(client.get(cohort_url(site_tree, code, cohort))), code
        calendar = client.get(f"/{code}/calendar/cohorts/{cohort.slug}.ics").content
        assert b"20260326" in calendar, code


def test_a_programme_change_leaves_unrelated_pages_kept(site_tree, client):
    about = site_tree.translations["en"]["about"].url
    client.get(about)
    CohortFactory()
    assert state(client.get(about)) == "hit"


def test_the_site_frame_clears_every_page(site_tree, client):
    about, cohorts = (
        site_tree.translations["nl"]["about"].url,
        site_tree.translations["nl"]["cohorts"].url,
    )
    client.get(about)
    client.get(cohorts)
    FooterText.objects.create(body="<p>New footer</p>", locale=site_tree.locales["nl"])
    assert state(client.get(about)) == "miss"
    assert state(client.get(cohorts)) == "miss"


def test_publishing_a_page_clears_the_pages(site_tree, client):
    url = site_tree.translations["es"]["about"].url
    client.get(url)
    about = site_tree.about
    about.title = "About the programme, again"
    about.save_revision().publish()
    assert state(client.get(url)) == "miss"


@override_settings(
    WAGTAILFRONTENDCACHE={"recorder": {"BACKEND": "tests.web.test_page_cache.RecordingBackend"}}
)
def test_saving_a_cohort_purges_the_cdn_for_its_pages(
    site_tree, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cohort = CohortFactory()
    run_queue()  # the purge runs in the background
    base = "http://localhost"
    for code in LANGUAGE_CODES:
        pages = site_tree.translations[code]
        assert f"{base}{pages['cohorts'].url}" in PURGED, code
        assert f"{base}{pages['cohorts'].url}{cohort.slug_in(code)}/" in PURGED, code
        assert f"{base}{pages['home'].url}" in PURGED, code
        assert f"{base}{pages['events'].url}" in PURGED, code
        assert f"http://testserver/{code}/calendar/all.ics" in PURGED, code
        assert f"http://testserver/{code}/calendar/cohorts/{cohort.slug}.ics" in PURGED, code
    assert not any("/about/" in url for url in PURGED)


def test_a_decision_that_changes_seats_left_clears_the_cohort_pages(site_tree, client, editor):
    cohort = CohortFactory(with_sessions__confirmed=True)
    application = ApplicationFactory(cohort=cohort, participants=[("Ana", "ana@example.org")])
    urls = [cohort_url(site_tree, code, cohort) for code in LANGUAGE_CODES]
    about = site_tree.translations["en"]["about"].url
    for url in [*urls, about]:
        client.get(url)
    change_status(application, ApplicationStatus.UNDER_REVIEW, editor)
    assert all(state(client.get(url)) == "hit" for url in urls), "no seat changed"
    change_status(application, ApplicationStatus.ACCEPTED, editor)
    assert all(state(client.get(url)) == "miss" for url in urls)
    assert state(client.get(about)) == "hit"


def test_a_committee_member_clears_the_committee_page(site_tree, client):
    page = CommitteePageFactory(parent=site_tree.home)
    client.get(page.url)
    assert state(client.get(page.url)) == "hit"
    cohorts = site_tree.translations["en"]["cohorts"].url
    client.get(cohorts)
    CommitteeMemberFactory(locale=site_tree.locales["en"])
    assert state(client.get(page.url)) == "miss"
    assert state(client.get(cohorts)) == "hit"


def committee_section(site_tree):
    """The committee's page with its notes in English and French: a section under home."""
    committee = CommitteePageFactory(parent=site_tree.home)
    notes = CommitteeNoteIndexPageFactory(parent=committee)
    first = CommitteeNotePageFactory(parent=notes, slug="first")
    second = CommitteeNotePageFactory(parent=notes, slug="second")
    french = {
        page: publish_translation(page, site_tree.locales["fr"], f"{page.title} (fr)")
        for page in (committee, notes, first, second)
    }
    return committee, notes, first, second, french


def test_publishing_a_note_clears_its_section_in_every_language_and_nothing_else(site_tree, client):
    committee, notes, first, second, french = committee_section(site_tree)
    section = [committee.url, notes.url, second.url, french[notes].url, french[second].url]
    elsewhere = [
        site_tree.translations["en"]["about"].url,
        site_tree.translations["fr"]["cohorts"].url,
        site_tree.translations["en"]["home"].url,
    ]
    events = [site_tree.translations[code]["events"].url for code in ("en", "fr")]
    for url in [*section, *elsewhere, *events]:
        client.get(url)
        assert state(client.get(url)) == "hit", url

    first.title = "The first note, corrected"
    first.save_revision().publish()

    # The listing, the committee page, the sibling note and the French translations (their
    # language switchers link to the English note) are rendered again; the events page links
    # notes; the rest of the site stays kept.
    assert {url: state(client.get(url)) for url in [*section, *events]} == dict.fromkeys(
        [*section, *events], "miss"
    )
    assert "The first note, corrected" in client.get(notes.url).content.decode()
    assert {url: state(client.get(url)) for url in elsewhere} == dict.fromkeys(elsewhere, "hit")


def test_publishing_a_page_in_the_menu_or_moving_one_clears_everything(site_tree, client):
    committee, notes, first, _second, _french = committee_section(site_tree)
    about = site_tree.translations["de"]["about"].url
    client.get(about)
    committee.title = "The steering committee"
    committee.save_revision().publish()
    assert state(client.get(about)) == "miss"

    client.get(about)
    first.move(site_tree.about, pos="last-child")
    assert state(client.get(about)) == "miss"


@override_settings(
    WAGTAILFRONTENDCACHE={"recorder": {"BACKEND": "tests.web.test_page_cache.RecordingBackend"}}
)
def test_publishing_a_note_purges_the_cdn_for_its_section(
    site_tree, client, django_capture_on_commit_callbacks
):
    committee, notes, first, second, french = committee_section(site_tree)
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first.save_revision().publish()
    run_queue()
    base = "http://localhost"
    for page in (committee, notes, first, second, french[notes], french[second]):
        assert f"{base}{page.url}" in PURGED, page.url
    assert f"{base}{site_tree.translations['en']['about'].url}" not in PURGED
