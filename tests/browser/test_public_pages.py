"""The public pages in every language, in a real browser: language, content and WCAG 2.1 A/AA.

One test walks all six languages on one data set (building the six-language page tree is the
slow part, so it is built once); it checks every page and reports every problem it finds, per
language and page, before failing.
"""

import datetime

import pytest
from django.conf import settings

from programme.factories import PARIS, CohortFactory, EventFactory

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# Dates in the coming year, so that both cohorts are "coming" whatever today's date is.
YEAR = datetime.date.today().year + 1

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def cohorts(site_tree):
    """One cohort whose five sessions are confirmed, one whose five sessions are not."""
    return {
        "confirmed": CohortFactory(
            slug=f"france-{YEAR}-spring",
            year=YEAR,
            planned_start=datetime.date(YEAR, 3, 1),
            planned_end=datetime.date(YEAR, 4, 30),
            applications_open_on=datetime.date(YEAR, 1, 5),
            applications_close_on=datetime.date(YEAR, 2, 13),
            with_sessions__confirmed=True,
        ),
        "unconfirmed": CohortFactory(
            slug=f"germany-{YEAR}-autumn",
            country="DE",
            delivery_languages=["de"],
            year=YEAR,
            planned_start=datetime.date(YEAR, 9, 1),
            planned_end=datetime.date(YEAR, 10, 31),
            applications_open_on=None,
            applications_close_on=None,
        ),
    }


@pytest.fixture
def events(site_tree):
    """An upcoming web conference whose date is not confirmed yet, and a past one."""
    return [
        EventFactory(
            starts_at=datetime.datetime(YEAR, 6, 16, 14, 0, tzinfo=PARIS), is_confirmed=False
        ),
        EventFactory(starts_at=datetime.datetime(YEAR - 2, 6, 16, 14, 0, tzinfo=PARIS)),
    ]


class Checker:
    """Runs checks page by page and keeps every failure, so that one run reports them all."""

    def __init__(self, page, live_server, assert_accessible):
        self.page = page
        self.live_server = live_server
        self.assert_accessible = assert_accessible
        self.problems = []

    def visit(self, label, path, *checks):
        try:
            response = self.page.goto(f"{self.live_server.url}{path}")
            assert response is not None and response.status == 200, (
                f"HTTP {response and response.status} for {path}"
            )
            for check in checks:
                check(self.page)
            self.assert_accessible(self.page)
        except AssertionError as error:
            self.problems.append(f"[{label}] {path}\n{error}")

    def report(self):
        assert not self.problems, f"{len(self.problems)} page(s) failed:\n\n" + "\n\n".join(
            self.problems
        )


def has_lang(code):
    def check(page):
        lang = page.locator("html").get_attribute("lang")
        assert lang == code, f'<html lang="{lang}">, expected "{code}"'

    return check


def is_styled(page):
    """The site's stylesheet is served and applied (else the colour-contrast checks mean little)."""
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert background not in ("", "transparent", "rgba(0, 0, 0, 0)"), "site.css is not applied"


def has_heading(expected=None, containing=None):
    def check(page):
        heading = page.locator("main h1")
        assert heading.count() == 1, f"{heading.count()} <h1> in <main>"
        assert heading.is_visible(), "the <h1> is not visible"
        text = heading.inner_text().strip()
        assert text, "the <h1> is empty"
        if expected is not None:
            assert text == expected, f"<h1> is {text!r}, expected {expected!r}"
        if containing is not None:
            assert containing in text, f"<h1> {text!r} does not contain {containing!r}"

    return check


def heading_is_not_the_brand(page):
    """The header names the site; the home page's heading says what the programme is."""
    heading = page.locator("main h1").inner_text().strip()
    brand = page.locator(".brand-name").inner_text().strip()
    assert brand not in heading, f"the <h1> {heading!r} repeats the brand"


def lists_coming_cohorts(count):
    def check(page):
        cards = page.locator("main .cohort-cards > li")
        assert cards.count() == count, f"{cards.count()} coming cohorts listed, expected {count}"
        for index in range(count):
            assert cards.nth(index).locator("a").is_visible(), f"cohort card {index} has no link"

    return check


def lists_sessions(code, state):
    badge = "date-confirmed" if state == "confirmed" else "date-tbc"

    def check(page):
        sessions = page.locator("main ol.sessions > li")
        assert sessions.count() == 5, f"{sessions.count()} sessions listed, expected 5"
        for index in range(5):
            session = sessions.nth(index)
            assert session.is_visible(), f"session {index + 1} is not visible"
            assert session.locator("h3").inner_text().strip(), f"session {index + 1}: no title"
            assert session.locator(".when").inner_text().strip(), f"session {index + 1}: no date"
        badges = page.locator(f"main ol.sessions .badge-{badge}")
        assert badges.count() == 5, f"{badges.count()} .badge-{badge} badges, expected 5"
        text = page.locator("main ol.sessions").inner_text()
        if state == "confirmed":
            assert str(YEAR) in text, f"the confirmed dates ({YEAR}) are not shown:\n{text}"
        if code == "en":
            if state == "confirmed":
                assert "To be confirmed" not in text, f"confirmed sessions say TBC:\n{text}"
            else:
                assert text.count("To be confirmed") >= 5, f"'To be confirmed' missing:\n{text}"

    return check


def lists_events(upcoming, past):
    def check(page):
        for section, count in (("upcoming-title", upcoming), ("past-title", past)):
            items = page.locator(f"section[aria-labelledby={section}] .event-list > li")
            assert items.count() == count, f"{items.count()} events in #{section}, expected {count}"

    return check


def lists_cohort_rows(count):
    def check(page):
        rows = page.locator("main table.cohort-table tbody tr")
        assert rows.count() == count, f"{rows.count()} cohort rows, expected {count}"
        assert rows.first.is_visible(), "the cohort table is not visible"

    return check


def test_public_pages_in_every_language(
    live_server, site_tree, cohorts, events, page, assert_accessible
):
    checker = Checker(page, live_server, assert_accessible)

    for code in LANGUAGE_CODES:
        pages = site_tree.translations[code]
        checker.visit(
            f"{code} home",
            pages["home"].url,
            has_lang(code),
            is_styled,
            has_heading(),
            heading_is_not_the_brand,
            lists_coming_cohorts(2),
        )
        for state, cohort in cohorts.items():
            checker.visit(
                f"{code} cohort ({state} sessions)",
                f"{pages['cohorts'].url}{cohort.slug_in(code)}/",
                has_lang(code),
                has_heading(containing=str(YEAR)),
                lists_sessions(code, state),
            )

    english = site_tree.translations["en"]
    checker.visit(
        "en cohort listing",
        english["cohorts"].url,
        has_lang("en"),
        has_heading(expected=english["cohorts"].title),
        lists_cohort_rows(2),
    )
    checker.visit(
        "en events",
        english["events"].url,
        has_lang("en"),
        has_heading(expected=english["events"].title),
        lists_events(upcoming=1, past=1),
    )

    checker.report()
