"""Keyboard only: the skip link comes first and works, and the language chooser opens with Enter,
its links are reachable with Tab and lead to the same page in the chosen language."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from programme.factories import CohortFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MAX_TABS = 40

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        className: el.className,
        text: (el.innerText || el.value || "").trim(),
        href: el.getAttribute("href"),
        lang: el.getAttribute("lang"),
        inLanguageSwitcher: !!el.closest("nav.language-switcher"),
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight && box.left < window.innerWidth,
    };
}"""


def describe(element):
    if element is None:
        return "<body> (nothing focused)"
    return f"<{element['tag']}> {element['text']!r} href={element['href']!r}"


def open_fresh(page, live_server, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None and response.status == 200, (path, response and response.status)
    assert page.evaluate("() => document.activeElement === document.body"), "focus is not at start"


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def check_skip_link(page, live_server, path):
    """The first Tab stop is the visible skip link; Enter on it moves focus to <main>."""
    open_fresh(page, live_server, path)
    first = tab(page)
    assert first is not None and first["tag"] == "a" and "skip-link" in first["className"], (
        f"first Tab stop on {path} is {describe(first)}, expected the skip link"
    )
    assert first["text"] == "Skip to main content", first
    assert first["href"] == "#main", first
    assert first["onScreen"], f"the focused skip link is not visible on screen: {first}"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "main", f"after the skip link, focus is on {describe(focused)}"
    assert page.url.endswith(f"{path}#main"), page.url


def switch_language_with_keyboard(page, live_server, path, language_name):
    """From a fresh load, Tab to the switcher's link for `language_name` and press Enter."""
    open_fresh(page, live_server, path)
    visited = []
    for _press in range(MAX_TABS):
        focused = tab(page)
        visited.append(describe(focused))
        if focused and focused["inLanguageSwitcher"] and focused["tag"] == "summary":
            # The compact language chooser: a <details>, opened with Enter.
            page.keyboard.press("Enter")
        if focused and focused["inLanguageSwitcher"] and focused["text"] == language_name:
            break
    else:
        pytest.fail(
            f"{language_name!r} not reached in {MAX_TABS} Tab presses on {path}; Tab order:\n  "
            + "\n  ".join(visited)
        )
    assert visited[0].startswith("<a> 'Skip to main content'"), visited
    assert focused["onScreen"], f"focused {language_name!r} link is not on screen: {focused}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return visited


def test_skip_link_and_language_switcher_by_keyboard(live_server, site_tree, page):
    year = datetime.date.today().year + 1
    cohort = CohortFactory(
        slug=f"france-{year}-spring",
        year=year,
        planned_start=datetime.date(year, 3, 1),
        planned_end=datetime.date(year, 4, 30),
        applications_open_on=datetime.date(year, 1, 5),
        applications_close_on=datetime.date(year, 2, 13),
        with_sessions__confirmed=True,
    )
    en, fr, de = (site_tree.translations[code] for code in ("en", "fr", "de"))

    # Home page: skip link, then English home → Français → French home.
    home_path = en["home"].url
    check_skip_link(page, live_server, home_path)
    switch_language_with_keyboard(page, live_server, home_path, "Français")
    assert page.url == f"{live_server.url}{fr['home'].url}", page.url
    assert page.url.startswith(f"{live_server.url}/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    with translation.override("fr"):
        french_heading = gettext(
            "Artificial intelligence for urban security: free training for cities"
        )
    assert page.locator("main h1").inner_text().strip() == french_heading

    # Cohort page: skip link, then English cohort page → Deutsch → the same cohort in German.
    cohort_path = f"{en['cohorts'].url}{cohort.slug}/"
    check_skip_link(page, live_server, cohort_path)
    switch_language_with_keyboard(page, live_server, cohort_path, "Deutsch")
    assert page.url == f"{live_server.url}{de['cohorts'].url}{cohort.slug_in('de')}/", page.url
    assert page.url.startswith(f"{live_server.url}/de/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("main ol.sessions > li").count() == 5
