"""A date move leaves no visitor waiting on a cold page (#26, point 4): the editor's save of a
cohort queues one task, after the response, that renders the cohort's pages in every language
into the page cache; a private page is never among them. These tests commit, as a request does."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from programme.factories import CohortFactory
from tests.applications.builders import run_queue
from tests.conftest import LANGUAGE_CODES
from tests.programme.test_date_changes import edit_form_data

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WARM_TASK = "web.page_cache.warm_pages"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def warm_tasks():
    return DBTaskResult.objects.filter(task_path=WARM_TASK)


def save_in_admin(client, editor, cohort, **changes):
    client.force_login(editor)
    url = reverse("wagtailsnippets_programme_cohort:edit", args=[cohort.pk])
    data = edit_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()


def anonymous_get(client, url):
    """As a new visitor (no cookie) at the site's address (the pages' own host, where the task
    warms them)."""
    return Client().get(url, HTTP_HOST=urlsplit(url).netloc or "localhost")


def cohort_url(listing, cohort):
    """The cohort's page under `listing`, at its address in the listing's language."""
    return f"{listing.url}{cohort.slug_in(listing.locale.language_code)}/"


def test_a_cohort_save_queues_one_warming_and_fills_the_cache_in_every_language(
    site_tree, client, editor
):
    cohort = CohortFactory(with_sessions__confirmed=False)
    run_queue()
    warm_tasks().delete()

    save_in_admin(client, editor, cohort, seats="30")
    assert warm_tasks().count() == 1, "one task for the cohort and its five sessions"
    run_queue()

    for code in LANGUAGE_CODES:
        listing = site_tree.translations[code]["cohorts"]
        home = site_tree.translations[code]["home"]
        for url in (cohort_url(listing, cohort), listing.url, home.url):
            response = anonymous_get(client, url)
            assert response["X-Page-Cache"] == "hit", (code, url)
        response = anonymous_get(client, cohort_url(listing, cohort))
        assert "30" in response.content.decode()


def test_without_the_task_the_first_visitor_after_a_change_waits_for_a_render(
    site_tree, client, editor
):
    """What the task spares: the save moves the page cache's generations on."""
    cohort = CohortFactory(with_sessions__confirmed=False)
    url = cohort_url(site_tree.translations["fr"]["cohorts"], cohort)
    anonymous_get(client, url)
    assert anonymous_get(client, url)["X-Page-Cache"] == "hit"
    save_in_admin(client, editor, cohort, seats="31")
    assert anonymous_get(client, url)["X-Page-Cache"] == "miss"


def test_a_private_listing_is_never_warmed_into_the_shared_cache(site_tree, client, editor):
    """Restricting a listing restricts its translations too: none of them is warmed."""
    cohort = CohortFactory(with_sessions__confirmed=False)
    french = site_tree.translations["fr"]["cohorts"]
    PageViewRestriction.objects.create(page=french, restriction_type=PageViewRestriction.LOGIN)
    run_queue()
    warm_tasks().delete()

    save_in_admin(client, editor, cohort, seats="32")
    run_queue()
    (task,) = warm_tasks()
    warmed = task.args_kwargs["args"][0]
    assert not [url for url in warmed if "/cohorts/" in url]
    for code in LANGUAGE_CODES:
        listing = site_tree.translations[code]["cohorts"]
        for url in (listing.url, cohort_url(listing, cohort)):
            response = anonymous_get(client, url)
            assert response.status_code == 302, url  # to the sign-in page, never a kept copy
            assert response["X-Page-Cache"] != "hit"
        home = site_tree.translations[code]["home"]
        assert anonymous_get(client, home.url)["X-Page-Cache"] == "hit", "public pages still are"
