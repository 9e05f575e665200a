"""The CDN forgets what changed (#20, points 2 and 3): each distinct address once per request,
after the response, in a background task (the database queue, `run_queue` here). These tests
commit, as a real request does: the purge follows the commit."""

from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from committee.models import Resource
from programme.factories import CohortFactory
from tests.applications.builders import run_queue
from tests.conftest import LANGUAGE_CODES
from tests.programme.test_date_changes import edit_form_data
from tests.web.conftest import restrict_in_privacy_dialog

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("cdn"),
]

BATCHES = []


class CountingBackend:
    """A CDN that records each purge call it receives, with its addresses."""

    def __init__(self, params):
        self.hostnames = None

    def invalidates_hostname(self, hostname):
        return True

    def purge(self, url):
        BATCHES.append([url])

    def purge_batch(self, urls):
        BATCHES.append(list(urls))


@pytest.fixture
def cdn(settings):
    settings.PAGE_CACHE_SECONDS = 600
    BATCHES.clear()
    with override_settings(
        WAGTAILFRONTENDCACHE={"counting": {"BACKEND": "tests.web.test_cdn_purges.CountingBackend"}}
    ):
        yield


def all_purged():
    return [url for batch in BATCHES for url in batch]


def test_restricting_a_page_purges_it_and_its_descendants_after_the_response(
    pages,
    client,
    editor,  # noqa: F811
):
    about, child, french_child, french_about = pages
    run_queue()
    BATCHES.clear()
    restrict_in_privacy_dialog(client, editor, about)
    assert BATCHES == [], "the editor does not wait for the CDN"
    run_queue()
    purged = all_purged()
    for page in (about, child, french_about, french_child):
        assert f"http://localhost{page.url}" in purged, page.url
    assert len(purged) == len(set(purged))


def test_a_private_collection_purges_its_documents():
    collection = Collection.get_first_root_node().add_child(name="Reports")
    inner = collection.add_child(name="Reports 2026")
    document = Resource(title="Report", collection=inner)
    document.file.save("report.txt", ContentFile(b"figures"), save=True)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    run_queue()
    assert f"http://testserver{document.url}" in all_purged()


def test_one_cohort_save_purges_each_address_once_after_the_response(site_tree, client, editor):
    cohort = CohortFactory(slug="germany-2026", country="DE", with_sessions__confirmed=False)
    run_queue()
    BATCHES.clear()
    client.force_login(editor)
    url = reverse("wagtailsnippets_programme_cohort:edit", args=[cohort.pk])
    data = edit_form_data(client.get(url))
    data["seats"] = "30"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert BATCHES == [], "the editor does not wait for the CDN"

    run_queue()
    # One call per host name (pages on the site's, feeds on BASE_URL's), each address once.
    hosts = [urlsplit(batch[0]).netloc for batch in BATCHES]
    assert len(hosts) == len(set(hosts))
    purged = all_purged()
    assert len(purged) == len(set(purged))
    for code in LANGUAGE_CODES:
        cohorts = site_tree.translations[code]["cohorts"].url
        # Its page at its address in the language, and the English one, whose cached redirect
        # (or page, from before addresses were translated) is forgotten too.
        assert f"http://localhost{cohorts}{cohort.slug_in(code)}/" in purged, code
        assert f"http://localhost{cohorts}germany-2026/" in purged, code
    assert "http://localhost/de/cohorts/deutschland-2026/" in purged
    assert "http://localhost/nl/cohorts/duitsland-2026/" in purged
