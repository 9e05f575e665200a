"""Calendar feeds offered in a real browser, in six languages: a subscription that keeps
itself up to date (webcal:, Google Calendar, Outlook.com, Outlook for Microsoft 365) and a
download, each link labelled for what it does in the page's language."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.utils import translation

from programme.factories import CohortFactory
from programme.subscriptions import LABELS

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
YEAR = datetime.date.today().year + 1

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_feeds_are_offered_as_labelled_subscriptions_in_six_languages(
    page, live_server, site_tree, assert_accessible
):
    cohort = CohortFactory(
        slug=f"italy-{YEAR}",
        country="IT",
        delivery_languages=["it"],
        year=YEAR,
        planned_start=datetime.date(YEAR, 3, 1),
        planned_end=datetime.date(YEAR, 4, 30),
        with_sessions__confirmed=True,
    )
    problems = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            expected = {kind: str(label) for kind, label in LABELS.items()}
        pages = site_tree.translations[code]
        for path, feed in [
            (
                f"{pages['cohorts'].url}{cohort.slug_in(code)}/",
                f"/{code}/calendar/cohorts/{cohort.slug}.ics",
            ),
            (pages["events"].url, f"/{code}/calendar/all.ics"),
        ]:
            page.goto(f"{live_server.url}{path}")
            links = page.locator("main .calendar-links a")
            found = {
                links.nth(i).get_attribute("data-calendar"): (
                    links.nth(i).inner_text().strip(),
                    links.nth(i).get_attribute("href"),
                    links.nth(i).is_visible(),
                )
                for i in range(links.count())
            }
            if {kind: text for kind, (text, _href, _shown) in found.items()} != expected:
                problems.append(f"{path}: labels {found}")
                continue
            if not all(shown for _text, _href, shown in found.values()):
                problems.append(f"{path}: a link is hidden")
            hrefs = {kind: href for kind, (_text, href, _shown) in found.items()}
            assert hrefs["webcal"].startswith("webcal://") and hrefs["webcal"].endswith(feed)
            google = urlsplit(hrefs["google"])
            assert google.netloc == "calendar.google.com"
            assert parse_qs(google.query)["cid"] == [hrefs["webcal"]]
            for kind, host in [("outlook", "outlook.live.com"), ("office", "outlook.office.com")]:
                outlook = urlsplit(hrefs[kind])
                assert outlook.netloc == host and outlook.path == "/calendar/0/addfromweb"
                assert parse_qs(outlook.query)["url"][0].endswith(feed)
            assert hrefs["download"].startswith("http") and hrefs["download"].endswith(feed)
            assert page.locator("main .calendar-links a[download]").count() == 1
        assert_accessible(page)
    assert not problems, "\n".join(problems)
