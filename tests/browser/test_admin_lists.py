"""The editors' list of applications on a 1280 px screen: it stays inside its box (the page
never scrolls sideways), and each application's reference, status and date show without
scrolling; the other columns scroll inside the list's own box."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from applications.factories import ApplicationFactory
from programme.factories import CohortFactory
from tests.browser.test_data_requests import sign_in_as

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEASURE = """() => {
    const list = document.querySelector('table.listing');
    const box = list.parentElement.closest('.result-list').getBoundingClientRect();
    const right = name => Math.max(...[...list.querySelectorAll(`tbody td.field-${name}`)]
        .map(cell => cell.getBoundingClientRect().right));
    return {
        box: box.right,
        page: document.documentElement.scrollWidth,
        screen: document.documentElement.clientWidth,
        reference: right('reference'),
        status: right('status'),
        date: right('submitted_on'),
    };
}"""


def test_the_applications_list_fits_its_box_at_1280_px(page, live_server, editor):
    cohort = CohortFactory(country="BE", slug="belgium-2026")
    for name in ["Stad Mechelen", "Commune d'Ixelles", "Gemeinde Kelmis-La Calamine"]:
        ApplicationFactory(cohort=cohort, authority_name=name, spam_check_done=False)
    sign_in_as(page, live_server, editor)
    page.set_viewport_size({"width": 1280, "height": 900})
    profile = UserProfile.get_for_user(editor)
    for language in ["en", "de"]:
        profile.preferred_language = language
        profile.save()
        page.goto(f"{live_server.url}{reverse('applications_application_modeladmin_index')}")
        found = page.evaluate(MEASURE)
        assert found["page"] <= found["screen"], f"[{language}] the page scrolls sideways"
        assert found["box"] <= found["screen"], f"[{language}] the list's box leaves the screen"
        for column in ["reference", "status", "date"]:
            assert found[column] <= found["box"], (
                f"[{language}] the {column} ends at x={found[column]:.0f}, past the list's "
                f"box ({found['box']:.0f})"
            )
