"""The design on every phone: every page type of the demo site, in six languages, at 320, 390,
768, 1024 and 1280 px – no sideways scrolling, no word broken across two lines without a hyphen,
tap targets of at least 24×24 px, the header's menu by tap and by keyboard (with and without
JavaScript), and axe-core's WCAG 2.2 A/AA and best-practice rules.

The demo content (six language trees, cohorts, committee, certificates, applications) is loaded
once for the module (the tests only read it), and each test walks many pages and reports every
problem before failing: one page load per page, then the viewport is resized through the four
widths.
"""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Page

from applications.models import Application
from applications.status_links import status_token
from certificates.models import Certificate
from committee.models import CommitteeNotePage, LibraryPage
from programme.models import Cohort, CohortIndexPage
from tests.browser.conftest import committed_for_the_module

pytestmark = [pytest.mark.browser, pytest.mark.shared_world]

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
WIDTHS = [320, 390, 768, 1024, 1280]
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


# Words whose letters span two lines, the first not ending with a hyphen ("Toegankelijkheids-
# verklaring" is fine, "Toegankelijkheidsverklarin" / "g" is not), as "first part|rest".
BROKEN_WORDS = r"""() => {
    // A word is a run of non-space characters; a line may end after a hyphen, a dash, a slash
    // or a soft hyphen (U+00AD, which the browser then shows as a hyphen).
    const HYPHENS = '-\u00ad\u2010\u2011\u2013\u2014/';
    const broken = [];
    const range = document.createRange();
    const box = (node, i) => {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getClientRects()[0] || null;
    };
    const clipped = el => {
        for (let at = el; at; at = at.parentElement) {
            const rect = at.getBoundingClientRect();
            if (rect.width <= 1 || rect.height <= 1) return true;
        }
        return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || el.closest('script, style, .visually-hidden, .honeypot, .skip-link')) continue;
        if (!/\S{2}/.test(node.data) || clipped(el)) continue;
        for (const match of node.data.matchAll(/\S{2,}/g)) {
            const word = match[0];
            range.setStart(node, match.index);
            range.setEnd(node, match.index + word.length);
            const rects = [...range.getClientRects()].filter(r => r.width > 0);
            if (rects.length < 2 || rects.every(r => Math.abs(r.top - rects[0].top) < 2)) continue;
            let line = null;
            let last = -1;
            for (let i = 0; i < word.length; i++) {
                if (word[i] === '\u00ad') continue;
                const here = box(node, match.index + i);
                if (!here || !here.width) continue;
                if (line === null) {
                    line = here;
                } else if (here.top > line.top + line.height / 2) {
                    // Chromium gives the hyphen it draws for a soft hyphen as the box of the
                    // letter after it, on the first line: look one letter further back.
                    if (![...word.slice(Math.max(0, last - 1), i)].some(c => HYPHENS.includes(c))) {
                        const plain = s => s.replace(/\u00ad/g, '');
                        broken.push(`"${plain(word.slice(0, i))}|${plain(word.slice(i))}" in <${
                            el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}>`);
                    }
                    break;
                }
                last = i;
            }
        }
    }
    return broken;
}"""


@pytest.fixture(autouse=True)
def _soft_hyphens(settings):
    """The site's soft hyphens, as in production (the unit tests' settings leave words whole)."""
    settings.SOFT_HYPHENS = True


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
            "cohort": f"{live['CohortIndexPage'].url}{cohort.slug_in(code)}/",
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
            broken = page.evaluate(BROKEN_WORDS)
            if broken:
                self.problems.append(f"{where}: words broken without a hyphen: {broken}")
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


# What the page saw, kept for a failure's message: each input event reaching the document, with
# the time, its target, the focused element and the menu button's state when it arrived.
MENU_EVENT_TRACE = """
window.menuEvents = [];
const started = performance.now();
const named = (element) => element && (element.className || element.nodeName);
for (const type of ["keydown", "keyup", "click", "focusin", "pointerdown", "pointerup",
                    "pointercancel", "touchstart", "touchend", "mousedown", "mouseup"]) {
  document.addEventListener(type, (event) => {
    const key = event.key === " " ? "Space" : event.key || "";
    const expanded = document.querySelector(".menu-button")?.getAttribute("aria-expanded");
    window.menuEvents.push(`${Math.round(performance.now() - started)} ms ${type} ${key}`
      + ` on ${named(event.target)}, focus on ${named(document.activeElement)},`
      + ` aria-expanded=${expanded}`);
  }, true);
}
"""


def menu_state(tab, button, shown, why):
    """Wait (up to the default timeout) until the menu and its button say `shown`: a key press
    or a tap is handled by the page after Playwright returns, later on a busy machine. A failure
    says what was awaited and which events the page received."""
    menu = tab.locator("#site-menu .main-nav")
    try:
        if shown:
            expect(menu).to_be_visible()
        else:
            expect(menu).to_be_hidden()
        expect(button).to_have_attribute("aria-expanded", "true" if shown else "false")
    except AssertionError as error:
        awaited = " ".join(line.strip() for line in str(error).splitlines()[:2])
        events = "\n    ".join(tab.evaluate("window.menuEvents || []"))
        raise AssertionError(f"{why} ({awaited}); the page received:\n    {events}") from error


def test_the_menu_opens_and_closes_by_tap_and_keyboard(live_server, demo, tab):
    problems = []
    tab.add_init_script(MENU_EVENT_TRACE)
    for code in LANGUAGE_CODES:
        tab.set_viewport_size({"width": 320, "height": 700})
        tab.goto(f"{live_server.url}/{code}/")
        button = tab.locator("button.menu-button")
        try:
            expect(button).to_be_visible()
            menu_state(tab, button, False, "the menu is open before anyone asks")
            assert tab.locator(".search-link").is_visible(), "no search in one tap"
            assert tab.locator(".language-switcher summary").is_visible(), "no language chooser"
            button.tap()
            menu_state(tab, button, True, "a tap on Menu does not open the menu")
            button.tap()
            menu_state(tab, button, False, "a second tap does not close the menu")
            button.focus()
            tab.keyboard.press("Enter")
            menu_state(tab, button, True, "Enter on Menu does not open the menu")
            tab.keyboard.press("Tab")
            expect(tab.locator("#site-menu :focus")).to_have_count(1)
            tab.keyboard.press("Escape")
            menu_state(tab, button, False, "Escape does not close the menu")
            expect(button).to_be_focused()
            tab.keyboard.press("Space")
            menu_state(tab, button, True, "Space on Menu does not open the menu")
            tab.keyboard.press("Space")
            menu_state(tab, button, False, "Space again does not close the menu")

            tab.set_viewport_size({"width": 1280, "height": 800})
            expect(button).to_be_hidden()
            expect(tab.locator("#site-menu .main-nav")).to_be_visible()
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
        menu = tab.locator("#site-menu .main-nav")
        expect(menu).to_be_hidden()
        tab.locator("a.menu-link").click()
        expect(tab).to_have_url(re.compile("#site-menu$"))
        expect(menu, "the Menu link does not open the menu without JavaScript").to_be_visible()
        tab.locator("a.menu-close").click()
        expect(menu, "the close link does not close the menu").to_be_hidden()
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
        shown = current.inner_text().replace("\u00ad", "").strip()  # soft hyphens are on here
        assert current.count() == 1 and shown == cohorts.title
        cohort = Cohort.objects.first()
        tab.goto(f"{live_server.url}{cohorts.url}{cohort.slug_in(code)}/")
        section = tab.locator(".main-nav a[aria-current]").inner_text()
        assert section.replace("\u00ad", "").strip() == cohorts.title
