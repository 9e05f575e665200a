"""Parts of pages kept per generation (web/fragments.py, #26): whoever the page cache cannot
serve (a signed-in member) gets them from the worker's memory, and sees a change at once."""

import datetime

import pytest

from home.models import FooterText
from programme.factories import CohortFactory
from tests.programme.test_date_changes import NEW_DAY, cohort_url, move, text_of
from web.fragments import PARTS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_a_member_gets_kept_parts_and_sees_a_date_move_at_once(
    site_tree, client, committee_member, editor
):
    cohort = CohortFactory(with_sessions__confirmed=True)
    client.force_login(committee_member)
    urls = {code: cohort_url(site_tree, code, cohort) for code in ("en", "de")}
    first = {code: client.get(url) for code, url in urls.items()}
    assert PARTS.entries, "the parts are kept"
    again = {code: client.get(url) for code, url in urls.items()}
    for code in urls:
        assert again[code]["X-Page-Cache"] == "skip"  # never the page cache: a member
        assert text_of(again[code]) == text_of(first[code])
    assert "My space" in text_of(again["en"])  # the member's links, outside the parts

    third = cohort.sessions.order_by("position")[2]
    move(third, third.starts_at + datetime.timedelta(days=8), user=editor)
    for code, url in urls.items():
        assert NEW_DAY[code] in text_of(client.get(url)), code


def test_the_footer_changes_on_every_page_at_once(site_tree, client, committee_member):
    client.force_login(committee_member)
    about = site_tree.translations["nl"]["about"].url
    client.get(about)
    assert "A new footer" not in text_of(client.get(about))
    FooterText.objects.create(body="<p>A new footer</p>", locale=site_tree.locales["nl"])
    assert "A new footer" in text_of(client.get(about))


def test_an_anonymous_visitor_never_gets_the_members_part(site_tree, client, committee_member):
    """The member links are the reader's: outside every part."""
    url = site_tree.translations["en"]["about"].url
    client.force_login(committee_member)
    client.get(url)
    client.logout()
    client.cookies.clear()
    page = text_of(client.get(url))
    assert "My space" not in page
    assert "Members: sign in" in page
