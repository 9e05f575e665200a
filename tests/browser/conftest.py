"""Browser tests: a real Chromium driven by Playwright against pytest-django's live server.

Everything in this folder is marked ``browser`` and skipped when no Chromium is installed. One
browser is started per test session; each test gets a fresh page in a fresh browser context.

Database: the live server answers from another thread, so the tests' data must be committed.
The tests use ``@pytest.mark.django_db(transaction=True, serialized_rollback=True)`` and build
their pages with the shared ``site_tree`` fixture. A transactional test ends with a flush of every
table, which also removes what the migrations created (Wagtail's root page and root collection,
the default locale and site, content types, groups); ``serialized_rollback`` puts those rows back
before each test, and ``_restore_migration_data`` puts them back after the last test of each
module, so tests that run later in the same session still find them.

Playwright's sync API marks its asyncio event loop as running in the test thread. While a loop
runs, Django keeps its database connections in a separate (async) storage, so the test thread
gets new connection objects once the browser has started: the ``browser`` fixture hands them the
serialized migration data that pytest-django stored on the original ones, and sets
DJANGO_ALLOW_ASYNC_UNSAFE=true while the browser runs, without which Django refuses database
access (SynchronousOnlyOperation) from that thread.
"""

import contextlib
import os
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

CHROMIUM = next(
    (
        path
        for path in ["/usr/bin/chromium", shutil.which("chromium")]
        if path and os.path.isfile(path) and os.access(path, os.X_OK)
    ),
    None,
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_REASON = (
    "browser tests need Chromium, and none was found at /usr/bin/chromium or as `chromium` "
    "on PATH (install Debian's chromium package; `playwright install` is not used)"
)

# The WCAG 2.0, 2.1 and 2.2 level A and AA rules of axe-core, and its best practices.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def _in_this_folder(item):
    return HERE in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config, items):
    """Mark this folder's tests `browser`, and skip them all when Chromium is missing."""
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if _in_this_folder(item):
            item.add_marker(pytest.mark.browser)
            if CHROMIUM is None:
                item.add_marker(skip)


# --- database ---------------------------------------------------------------------------------


def _serialized_contents():
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _hand_over_serialized_contents(contents):
    from django.db import connections

    for alias, data in contents.items():
        connections[alias]._test_serialized_contents = data


@pytest.fixture(scope="module", autouse=True)
def _restore_migration_data(django_db_blocker):
    """After this module's transactional tests, put back the rows the migrations created."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for alias, data in _serialized_contents().items():
            connections[alias].creation.deserialize_db_from_string(data)


@contextlib.contextmanager
def committed_for_the_module(django_db_blocker):
    """Rows committed once for a module whose tests only read them (building the demo site for
    each test took half a minute). Its tests are marked `shared_world` instead of
    `django_db(transaction=True)`: nothing is flushed between them. When the module ends, every
    table is emptied and the migrations' rows put back, as after a transactional test."""
    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        try:
            yield
        finally:
            contents = _serialized_contents()
            for alias in contents:
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    verbosity=0,
                    inhibit_post_migrate=True,
                )
                connections[alias].creation.deserialize_db_from_string(contents[alias])


@pytest.fixture(autouse=True)
def _live_server_helper(request):
    """pytest-django's helper of the same name, except that tests marked `shared_world` read a
    world committed for their module and must not flush it: they get no `transactional_db`."""
    if "live_server" not in request.fixturenames:
        yield
        return
    if request.node.get_closest_marker("shared_world") is None:
        request.getfixturevalue("transactional_db")
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


# --- browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(django_db_setup, django_db_blocker):
    if CHROMIUM is None:
        pytest.skip(SKIP_REASON)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Read the migration data pytest-django serialized while the original connections are
    # still the ones this thread sees (see the module docstring).
    with django_db_blocker.unblock():
        contents = _serialized_contents()
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # Playwright's launch uses a fresh temporary profile (user-data dir) for each browser.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        _hand_over_serialized_contents(contents)
        try:
            yield chromium
        finally:
            chromium.close()
            # Close the connections this thread opened while the loop ran, so that none is
            # left open on the test database when pytest-django drops it.
            with django_db_blocker.unblock():
                connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.set_default_navigation_timeout(20_000)
    tab = context.new_page()
    yield tab
    context.close()


# --- axe-core ---------------------------------------------------------------------------------


def axe_violations(page):
    """Run axe-core on the current page with the WCAG 2.2 A/AA and best-practice rules; return
    its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        from axe_playwright_python.base import AXE_SCRIPT

        page.evaluate(AXE_SCRIPT)
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations;
        }""",
        WCAG_TAGS,
    )


def format_violations(violations, url):
    lines = [
        f"{len(violations)} axe-core WCAG 2.2 A/AA or best-practice rule(s) violated on {url}:"
    ]
    for violation in violations:
        tags = ", ".join(
            tag for tag in violation["tags"] if tag.startswith("wcag") or tag == "best-practice"
        )
        lines.append(
            f"- {violation['id']} (impact: {violation.get('impact')}; {tags}): "
            f"{violation['help']} – {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    target: {', '.join(map(str, node['target']))}")
            lines.append(f"    html:   {node['html'][:300]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n            ")
            if summary:
                lines.append(f"    why:    {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert not violations, format_violations(violations, page.url)


@pytest.fixture
def assert_accessible():
    """`assert_accessible(page)`: fails, listing each problem, unless axe finds no WCAG 2.2 A/AA
    violation nor best-practice finding on the page."""
    return assert_no_axe_violations


# --- outcome pages ----------------------------------------------------------------------------

PHONE_SCREEN = {"width": 320, "height": 640}
OUTCOME = """() => {
    const focused = document.activeElement;
    return {
        outcome: focused.hasAttribute('data-outcome'),
        text: focused.innerText,
        bottom: focused.getBoundingClientRect().bottom + window.scrollY,
        title: document.title,
    };
}"""


def assert_outcome_announced(page, words):
    """The page's outcome (`words`) is in its title, has the focus (a screen reader reads it
    first) and ends within the first screen of a 320×640 phone."""
    page.wait_for_function("() => document.activeElement.hasAttribute('data-outcome')")
    found = page.evaluate(OUTCOME)
    assert words in found["title"], f"the title {found['title']!r} does not say {words!r}"
    assert words in found["text"], f"the focus is on {found['text']!r}, not on {words!r}"
    assert found["bottom"] <= PHONE_SCREEN["height"], (
        f"the outcome ends at y={found['bottom']:.0f}, below the first screen"
    )
