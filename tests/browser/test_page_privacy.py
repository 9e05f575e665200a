"""An editor makes a live page private with Wagtail's privacy dialog: the next anonymous
visitor is asked to sign in, never served the copy the page cache kept (#20, point 2)."""

from urllib.parse import urlsplit

import pytest
from django.test import Client

from programme.factories import ProgrammePageFactory
from tests.browser.test_data_requests import sign_in_as

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_page_made_private_in_the_dialog_is_refused_to_the_next_visitor(
    page, browser, live_server, site_tree, editor, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    methods = ProgrammePageFactory(parent=site_tree.about, slug="methods", title="Our methods")
    address = f"{live_server.url}{methods.url}"
    # Kept by the page cache for this host (the test's client shares the server's cache).
    client = Client(headers={"host": urlsplit(live_server.url).netloc})
    assert [client.get(methods.url)["X-Page-Cache"] for _visit in range(2)] == ["miss", "hit"]
    visitor = browser.new_context(locale="en-GB")
    anonymous = visitor.new_page()
    assert anonymous.goto(address).headers["x-page-cache"] == "hit"

    sign_in_as(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{methods.pk}/edit/")
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Change privacy").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Private, accessible to any logged-in users").check()
    with page.expect_response(lambda answer: "/privacy/" in answer.url):
        dialog.get_by_role("button", name="Save").click()

    visitor.close()

    # The next visitor (a browser of its own: the first one may keep its copy max-age=60 s).
    later = browser.new_context(locale="en-GB")
    anonymous = later.new_page()
    response = anonymous.goto(address)
    assert "/login/" in anonymous.url
    assert response.request.redirected_from.response().headers.get("x-page-cache") != "hit"
    assert "Our methods" not in anonymous.content()
    later.close()
