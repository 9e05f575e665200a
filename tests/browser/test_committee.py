"""A committee member signs in, opens the member library, filters it and downloads a document;
an anonymous visitor following the same document URL is sent to sign in. axe-core checks the
committee pages, the library and the sign-in page."""

import pytest

from tests.accounts import PASSWORD
from tests.fixtures.committee import PRIVATE_DOCUMENT_TITLE, build_committee_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_member_uses_the_library_and_outsiders_are_sent_to_sign_in(
    page, browser, live_server, assert_accessible
):
    world = build_committee_world()
    document_url = f"{live_server.url}{world.document.url}"

    # An anonymous visitor following the document's URL lands on the sign-in page.
    page.goto(document_url)
    assert "/en/members/login/" in page.url
    assert "next=" in page.url
    assert page.locator("h1").inner_text() == "Sign in"
    assert_accessible(page)

    # Wrong password: the error is announced in the summary and the page stays accessible.
    page.goto(f"{live_server.url}/en/members/login/")
    page.get_by_label("Username").fill("carlos")
    page.get_by_label("Password").fill("not-the-password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)

    # Signing in with the keyboard leads to "my space".
    page.get_by_label("Username").fill("carlos")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/en/members/")
    assert page.locator("h1").inner_text() == "My space"
    assert_accessible(page)

    # The library, reached from "my space", lists the document with its facts.
    page.get_by_role("link", name="Member library").first.click()
    page.wait_for_url("**/en/committee/library/")
    assert page.get_by_role("link", name=PRIVATE_DOCUMENT_TITLE).is_visible()
    assert_accessible(page)

    # Filtering by a type without documents empties the list; by "Template" brings it back.
    page.get_by_label("Type").select_option("report")
    with page.expect_navigation():
        page.get_by_role("button", name="Show documents").click()
    assert "type=report" in page.url
    assert page.get_by_role("link", name=PRIVATE_DOCUMENT_TITLE).count() == 0
    page.get_by_label("Type").select_option("template")
    page.get_by_label("Search the library").fill("checklist")
    with page.expect_navigation():
        page.get_by_role("button", name="Show documents").click()
    link = page.get_by_role("link", name=PRIVATE_DOCUMENT_TITLE)
    assert link.is_visible()
    assert_accessible(page)

    # The member downloads it (same browser session, same cookies).
    href = link.get_attribute("href")
    download = page.context.request.get(f"{live_server.url}{href}")
    assert download.status == 200
    assert download.body().startswith(b"%PDF")

    # The committee pages pass axe too, in English and in French.
    for language in ["en", "fr"]:
        for key in ["committee", "notes", "public_note", "private_note"]:
            page.goto(f"{live_server.url}{world.pages[language][key].url}")
            assert page.locator("h1").is_visible()
            assert_accessible(page)

    # A fresh, anonymous browser gets no document: it is sent to sign in.
    anonymous = browser.new_context()
    try:
        response = anonymous.request.get(document_url, max_redirects=0)
        assert response.status == 302
        assert "/members/login/" in response.headers["location"]
    finally:
        anonymous.close()
