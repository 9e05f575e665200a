"""The programme in figures in a real browser, at 320 and 1280 px and in print: charts drawn and
readable, no sideways scrolling, and WCAG 2.2 A/AA by axe-core."""

import pytest
from django.urls import reverse
from django.utils import translation

from figures.feedback import SELF_ASSESSMENT, feedback_path
from tests.browser.test_design import OVERFLOW
from tests.figures.conftest import programme  # noqa: F401  (fixture)
from tests.figures.test_self_assessment import end_in_person_session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESCRIPTION_SIZE = "() => getComputedStyle(document.querySelector('#progress p')).fontSize"
CHARTS = """() => [...document.querySelectorAll('svg.chart')].map(svg => {
    const box = svg.getBoundingClientRect();
    const text = svg.querySelector('text.label');
    return {width: box.width, height: box.height,
            font: text ? text.getBoundingClientRect().height : 0};
})"""


@pytest.mark.usefixtures("programme")
@pytest.mark.parametrize("language", ["en", "de"])
def test_the_figures_page_at_320_and_1280_px_and_in_print(
    live_server,
    site_tree,
    page,
    assert_accessible,
    language,
):
    with translation.override(language):
        url = f"{live_server.url}{reverse('figures:figures')}"
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.goto(url).status == 200
        overflow = page.evaluate(OVERFLOW)
        assert overflow["scrollWidth"] <= overflow["width"], overflow["wide"]
        charts = page.evaluate(CHARTS)
        assert len(charts) >= 9
        for chart in charts:
            assert 0 < chart["width"] <= width and chart["height"] > 0
            assert chart["font"] >= 9, f"chart labels {chart['font']:.1f} px high at {width} px"
        # Each figure's description reads as body text (the key facts' big-number style once
        # leaked onto it through a shared class name).
        size = page.evaluate(DESCRIPTION_SIZE)
        assert float(size.removesuffix("px")) <= 20, size
        assert_accessible(page)
    page.emulate_media(media="print")
    assert all(chart["width"] > 0 for chart in page.evaluate(CHARTS))


@pytest.mark.parametrize("width", [320, 1280])
def test_the_self_assessment_form_reads_at_320_and_1280_px_and_reports_a_missing_rating(
    live_server, site_tree, cohort, enrolments, page, assert_accessible, width
):
    in_person = end_in_person_session(cohort)
    path = feedback_path(enrolments["Jürgen Groß"], in_person, survey=SELF_ASSESSMENT)
    page.set_viewport_size({"width": width, "height": 900})
    assert page.goto(f"{live_server.url}{path}").status == 200
    overflow = page.evaluate(OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["width"], overflow["wide"]
    assert_accessible(page)
    page.check("#id_before_1_0")
    page.get_by_role("button", name="Selbsteinschätzung senden").click()
    summary = page.locator("#error-summary")
    summary.wait_for()  # the page sent back with its errors
    assert "Bewerten Sie Ihre heutige Kompetenz" in summary.inner_text()
    assert page.title().startswith("Fehler:")
    assert_accessible(page)
