"""Who may see a page changes: the page cache forgets the public copy at once (#20, point 2):
restricting through Wagtail's privacy dialog, on the page or an ancestor, unpublishing,
moving under a private page. The CDN's side is in test_cdn_purges.py."""

import pytest
from wagtail.models import PageViewRestriction

from programme.factories import ProgrammePageFactory
from tests.web.conftest import restrict_in_privacy_dialog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def kept(client, url):
    """Request twice as an anonymous visitor: the second answer comes from the page cache."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return response


def is_refused(response):
    """What an anonymous visitor gets from a members-only page: a redirect to sign in (at the
    sign-in page's address in the page's language), coming back after."""
    return response.status_code == 302 and "?next=" in response["Location"]


def test_a_page_made_private_in_the_dialog_is_never_served_from_the_cache(pages, client, editor):
    _about, child, _french_child, _french_about = pages
    kept(client, child.url)
    restrict_in_privacy_dialog(client, editor, child)
    response = client.get(child.url)
    assert response["X-Page-Cache"] != "hit"
    assert is_refused(response)


def test_a_private_ancestor_clears_its_descendants_in_every_language(pages, client, editor):
    about, child, french_child, french_about = pages
    for url in (child.url, french_child.url, french_about.url):
        kept(client, url)
    restrict_in_privacy_dialog(client, editor, about)
    # The restriction is copied to the translations (committee/privacy.py).
    for url in (child.url, french_child.url, french_about.url):
        response = client.get(url)
        assert is_refused(response) and response["X-Page-Cache"] != "hit", url


def test_lifting_a_restriction_shows_the_page_again(pages, client, editor):
    _about, child, _french_child, _french_about = pages
    restriction = PageViewRestriction.objects.create(
        page=child, restriction_type=PageViewRestriction.LOGIN
    )
    assert is_refused(client.get(child.url))
    restriction.delete()
    assert client.get(child.url).status_code == 200


def test_an_unpublished_page_is_not_served_from_the_cache(pages, client):
    _about, child, _french_child, _french_about = pages
    kept(client, child.url)
    child.unpublish()
    response = client.get(child.url)
    assert response.status_code == 404 and response["X-Page-Cache"] != "hit"


def test_a_page_moved_under_a_private_page_is_not_served_from_the_cache(site_tree, client):
    private = ProgrammePageFactory(parent=site_tree.about, slug="members-only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    page = ProgrammePageFactory(parent=site_tree.about, slug="moving")
    kept(client, page.url)
    page.move(private, pos="last-child")
    page.refresh_from_db()
    assert is_refused(client.get(page.url))
