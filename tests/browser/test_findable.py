"""In a real browser: a visitor finds the certificate verification page from the footer, and
sees which sessions of a cohort are already past."""

import datetime

import pytest

from programme.factories import CohortFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_footer_leads_to_verification_and_past_sessions_are_marked(
    site_tree, live_server, page, assert_accessible
):
    cohort = CohortFactory(
        slug="france-2025-spring",
        year=2025,
        planned_start=datetime.date(2025, 3, 1),
        planned_end=datetime.date(2025, 4, 30),
        applications_open_on=datetime.date(2025, 1, 6),
        applications_close_on=datetime.date(2025, 2, 14),
        with_sessions__confirmed=True,
    )

    page.goto(f"{live_server.url}{site_tree.translations['nl']['home'].url}")
    link = page.locator("footer").get_by_role("link", name="Een certificaat controleren")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/nl/certificates/verify/"
    assert page.locator("main h1").inner_text().strip() == "Een certificaat controleren"

    french = f"{site_tree.translations['fr']['cohorts'].url}{cohort.slug_in('fr')}/"
    page.goto(f"{live_server.url}{french}")
    sessions = page.locator("main ol.sessions > li")
    assert sessions.count() == 5
    for index in range(5):
        badge = sessions.nth(index).locator(".badge-date-past")
        assert badge.is_visible(), f"session {index + 1} is not marked as past"
        assert badge.inner_text().strip() == "Terminée"
    assert_accessible(page)
