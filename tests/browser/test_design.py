"""The design on every phone: every page type of the demo site, in six languages, at 320, 390,
768 and 1280 px – no sideways scrolling, tap targets of at least 24×24 px, the header's menu
by tap and by keyboard (with and without JavaScript), and axe-core's WCAG 2.2 A/AA and
best-practice rules.

The demo content (six language trees, cohorts, committee, certificates, applications) is loaded
once for the module (the tests only read it), and each test walks many pages and reports every
problem before failing: one page load per page, then the viewport is resized through the four
widths.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from applications.models import Application
from applications.status_links import status_token
from certificates.models import Certificate
from committee.models import CommitteeNotePage, LibraryPage
from programme.models import Cohort, CohortIndexPage
from tests.browser.conftest import committed_for_the_module

pytestmark = [pytest.mark.browser, pytest.mark.shared_world]

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
WIDTHS = [320, 390, 768, 1280]
AXE_WIDTHS = {390, 1280}  # the phone header and the desktop header
PASSWORD = "design-test-password"

# Every clickable thing that is not an inline link in a sentence must be 24×24 px (WCAG 2.2,
# 2.5.8); inline links are left to axe-core's target-size rule, which knows the exceptions.
SMALL_TARGETS = """() => {
    const small = [];
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
    for (const el of document.querySelectorAll(selector)) {
        if (el.closest('.visually-hidden, .honeypot, .g-recaptcha, .skip-link')) continue;
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden') continue;
        if (style.display === 'inline' && el.tagName === 'A') continue;
        if (box.width >= 24 && box.height >= 24) continue;
        small.push(`<${el.tagName.toLowerCase()}> ${(el.innerText || el.name || '').trim()
            .slice(0, 40)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
}"""

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > width + 1
            && !el.closest('.visually-hidden, .honeypot, .skip-link'))
        .slice(0, 3)
        .map(el => `<${el.tagName.toLowerCase()} class="${el.className}"> right=${
            Math.round(el.getBoundingClientRect().right)}`);
    return {scrollWidth: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.fixture(scope="module")
def demo(browser, django_db_blocker):
    """The demo site, its accounts sharing one known password."""
    with committed_for_the_module(django_db_blocker), pytest.MonkeyPatch.context() as env:
        env.setenv("DEMO_PASSWORD", PASSWORD)
        call_command("load_demo_content", "--quiet-accounts")
        yield Page.objects.live().specific()


@pytest.fixture
def tab(browser):
    context = browser.new_context(has_touch=True, viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    # The application page loads Google reCAPTCHA: no network to Google in tests.
    context.route("**/www.google.com/**", lambda route: route.abort())
    context.route("**/www.gstatic.com/**", lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


def pages_by_language(demo):
    """The URL of each public page type in each language, from the demo tree."""
    cohort = Cohort.objects.order_by("-year").first()
    certificate = Certificate.objects.filter(revoked_at__isnull=True).first()
    revoked = Certificate.objects.filter(revoked_at__isnull=False).first()
    application = Application.objects.exclude(reference="").first()
    by_language = {}
    for code in LANGUAGE_CODES:
        live = {
            type(page).__name__: page for page in reversed(demo.filter(locale__language_code=code))
        }
        programme_pages = demo.filter(locale__language_code=code, depth=3).order_by("path")
        urls = {
            "home": live["HomePage"].url,
            "programme page": programme_pages.first().url,
            "cohorts": live["CohortIndexPage"].url,
            "cohort": f"{live['CohortIndexPage'].url}{cohort.slug}/",
            "events": live["EventIndexPage"].url,
            "committee": live["CommitteePage"].url,
            "notes": live["CommitteeNoteIndexPage"].url,
            "application": live["ApplicationPage"].url,
            "sitemap": live["SitemapPage"].url,
            "search": f"/{code}/search/?q=AI",
            "sign in": member_address(code, "login"),
            "password reset": member_address(code, "password_reset"),
            "verify (valid)": f"/{code}/certificates/verify/{certificate.code}/",
            "verify (revoked)": f"/{code}/certificates/verify/{revoked.code}/",
            "status": f"{live['ApplicationPage'].url}status/?token={status_token(application)}",
        }
        note = (
            CommitteeNotePage.objects.live()
            .filter(locale__language_code=code, members_only=False)
            .first()
        )
        urls["note"] = note.url
        by_language[code] = urls
    return by_language


class Walker:
    """Visits pages, checks each at every width, and keeps every problem for one report."""

    def __init__(self, page, live_server, assert_accessible):
        self.page = page
        self.base = live_server.url
        self.assert_accessible = assert_accessible
        self.problems = []

    def check(self, label, path):
        page = self.page
        try:
            page.set_viewport_size({"width": WIDTHS[0], "height": 800})
            response = page.goto(f"{self.base}{path}")
            assert response is not None and response.status == 200, (
                f"HTTP {response and response.status}"
            )
        except AssertionError as error:
            self.problems.append(f"[{label}] {path}: {error}")
            return
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            where = f"[{label} @ {width}px] {path}"
            overflow = page.evaluate(OVERFLOW)
            if overflow["scrollWidth"] > overflow["width"]:
                self.problems.append(
                    f"{where}: scrolls sideways ({overflow['scrollWidth']} > "
                    f"{overflow['width']}): {overflow['wide']}"
                )
            small = page.evaluate(SMALL_TARGETS)
            if small:
                self.problems.append(f"{where}: tap targets under 24×24 px: {small}")
            if width in AXE_WIDTHS:
                try:
                    self.assert_accessible(page)
                except AssertionError as error:
                    self.problems.append(f"{where}:\n{error}")

    def report(self):
        assert not self.problems, f"{len(self.problems)} problem(s):\n\n" + "\n\n".join(
            self.problems
        )


def test_every_public_page_type_in_every_language_and_width(
    live_server, demo, tab, assert_accessible
):
    walker = Walker(tab, live_server, assert_accessible)
    for code, urls in pages_by_language(demo).items():
        for label, path in urls.items():
            walker.check(f"{code} {label}", path)
    walker.report()


def member_address(code, name):
    """A member page's address in the language `code` (/fr/membres/connexion/)."""
    with translation.override(code):
        return reverse(f"members:{name}")


def sign_in(tab, live_server, code, username):
    tab.goto(f"{live_server.url}{member_address(code, 'login')}")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    with tab.expect_navigation():
        tab.locator("main form button[type=submit]").click()


def test_members_pages_in_every_language_and_width(live_server, demo, tab, assert_accessible):
    walker = Walker(tab, live_server, assert_accessible)
    sign_in(tab, live_server, "en", "committee")
    for code in LANGUAGE_CODES:
        library = LibraryPage.objects.live().get(locale__language_code=code)
        walker.check(f"{code} my space (committee)", member_address(code, "my_space"))
        walker.check(f"{code} library", library.url)
    tab.context.clear_cookies()
    sign_in(tab, live_server, "en", "participant")
    for code in LANGUAGE_CODES:
        walker.check(f"{code} my space (participant)", member_address(code, "my_space"))
    walker.report()


def menu_is_shown(tab):
    return tab.locator("#site-menu .main-nav").is_visible()


def test_the_menu_opens_and_closes_by_tap_and_keyboard(live_server, demo, tab):
    problems = []
    for code in LANGUAGE_CODES:
        tab.set_viewport_size({"width": 320, "height": 700})
        tab.goto(f"{live_server.url}/{code}/")
        button = tab.locator("button.menu-button")
        try:
            assert button.is_visible(), "no Menu button on a phone"
            assert not menu_is_shown(tab), "the menu is open before anyone asks"
            assert tab.locator(".search-link").is_visible(), "no search in one tap"
            assert tab.locator(".language-switcher summary").is_visible(), "no language chooser"
            button.tap()
            assert button.get_attribute("aria-expanded") == "true"
            assert menu_is_shown(tab), "a tap on Menu does not open the menu"
            button.tap()
            assert button.get_attribute("aria-expanded") == "false"
            assert not menu_is_shown(tab), "a second tap does not close the menu"
            button.focus()
            tab.keyboard.press("Enter")
            assert menu_is_shown(tab), "Enter on Menu does not open the menu"
            tab.keyboard.press("Tab")
            focused = tab.evaluate("() => !!document.activeElement.closest('#site-menu')")
            assert focused, "Tab after Menu does not lead into the menu"
            tab.keyboard.press("Escape")
            assert not menu_is_shown(tab), "Escape does not close the menu"
            assert tab.evaluate("() => document.activeElement.classList.contains('menu-button')")
            tab.keyboard.press("Space")
            assert menu_is_shown(tab), "Space on Menu does not open the menu"
            tab.keyboard.press("Space")
            assert not menu_is_shown(tab), "Space again does not close the menu"

            tab.set_viewport_size({"width": 1280, "height": 800})
            assert not button.is_visible(), "a Menu button on a desktop"
            assert menu_is_shown(tab), "no navigation row on a desktop"
            links = tab.locator(".main-nav a")
            tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
            assert len(tops) == 1, f"the desktop navigation takes {len(tops)} rows"
        except AssertionError as error:
            problems.append(f"[{code}] {error}")
    assert not problems, "\n".join(problems)


def test_the_menu_and_language_chooser_work_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    try:
        tab.goto(f"{live_server.url}/de/")
        assert not menu_is_shown(tab)
        tab.locator("a.menu-link").click()
        assert tab.url.endswith("#site-menu")
        assert menu_is_shown(tab), "the Menu link does not open the menu without JavaScript"
        tab.locator("a.menu-close").click()
        assert not menu_is_shown(tab), "the close link does not close the menu"
        tab.locator(".language-switcher summary").click()
        with tab.expect_navigation():
            tab.locator(".language-switcher a[hreflang=fr]").click()
        assert tab.locator("html").get_attribute("lang") == "fr"
    finally:
        context.close()


def test_the_current_page_is_marked_in_the_menu(live_server, demo, tab):
    tab.set_viewport_size({"width": 1280, "height": 800})
    for code in ["en", "de"]:
        cohorts = CohortIndexPage.objects.live().get(locale__language_code=code)
        tab.goto(f"{live_server.url}{cohorts.url}")
        current = tab.locator(".main-nav a[aria-current=page]")
        assert current.count() == 1 and current.inner_text().strip() == cohorts.title
        cohort = Cohort.objects.first()
        tab.goto(f"{live_server.url}{cohorts.url}{cohort.slug}/")
        assert tab.locator(".main-nav a[aria-current]").inner_text().strip() == cohorts.title
