"""The site frame as a person sees it: the header's search button level with its box, one
coming cohort shown as one wide card rather than a card alone in a row, and the home page's
Apply button printed legibly (black on white, framed)."""

import pytest

from tests.browser.test_application_form import open_cohort_and_page  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_the_header_search_button_is_level_with_its_box(page, live_server, site_tree):
    page.set_viewport_size({"width": 1280, "height": 800})
    for code in ["en", "de"]:
        page.goto(f"{live_server.url}{site_tree.translations[code]['about'].url}")
        field, button = box(page, "#site-search"), box(page, ".search-form .search-button")
        assert abs(button["y"] - field["y"]) < 1, f"[{code}] {button['y'] - field['y']:.0f} px"
        assert abs(button["height"] - field["height"]) < 1
        assert abs(button["x"] - (field["x"] + field["width"])) < 1, "the button is not joined"


def test_a_lone_coming_cohort_takes_the_row(page, live_server, open_cohort_and_page):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/fr/")
    assert page.locator(".cohort-cards > li").count() == 1
    card, row = box(page, ".cohort-cards > li"), box(page, ".cohort-cards")
    assert card["width"] > row["width"] - 2, "one card sits alone in a row of cards"


def test_the_apply_button_prints_legibly(page, live_server, open_cohort_and_page):  # noqa: F811
    page.goto(f"{live_server.url}/fr/")
    page.emulate_media(media="print")
    button = page.locator(".call-to-action a.button")
    style = button.evaluate(
        """el => { const s = getComputedStyle(el);
            return {color: s.color, background: s.backgroundColor, border: s.borderTopColor,
                    borderWidth: parseFloat(s.borderTopWidth), visible: el.offsetWidth > 0}; }"""
    )
    assert style["visible"]
    assert style["color"] == "rgb(0, 0, 0)"
    assert style["background"] in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert style["border"] == "rgb(0, 0, 0)" and style["borderWidth"] >= 1
