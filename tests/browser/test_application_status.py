"""The applicant's private status page in a real browser: withdrawing an application (by
keyboard) leaves a page that says "withdrawn" in the badge, the explanation and the steps,
never "under review", and no withdraw button; axe-core finds nothing to fix."""

import pytest
from django.conf import settings

from applications.emails import status_url
from applications.factories import ApplicationFactory
from applications.models import Application, ApplicationPage, ApplicationStatus
from programme.factories import CohortFactory
from tests.conftest import publish_translation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def application(site_tree):
    english = ApplicationPage(title="Apply", slug="apply")
    site_tree.home.add_child(instance=english)
    english.save_revision().publish()
    publish_translation(english, site_tree.locales["de"], "Bewerbung")
    return ApplicationFactory(
        cohort=CohortFactory(country="DE", slug="germany-2027", with_sessions__confirmed=True),
        language="de",
        authority_name="Köln",
        participants=[("Jürgen Groß", "juergen@example.de")],
    )


def test_a_withdrawn_application_says_withdrawn(page, live_server, application, assert_accessible):
    address = status_url(application).replace(settings.BASE_URL, live_server.url)
    page.goto(address)
    assert page.locator("dl.facts .badge").inner_text() == "Eingegangen"
    page.get_by_label("Ich möchte diese Bewerbung zurückziehen.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Zurückziehen").press("Enter")

    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.WITHDRAWN
    main = page.locator("main")
    assert page.locator("dl.facts .badge").inner_text() == "Zurückgezogen"
    assert "nicht mehr berücksichtigt" in page.locator("#status-explained").inner_text()
    steps = page.locator("ol.steps li").all_inner_texts()
    assert [" ".join(step.split()) for step in steps] == [
        "Eingegangen (erledigt)",
        "Zurückgezogen (erledigt)",
    ]
    assert "In Prüfung" not in main.inner_text()
    assert page.get_by_role("button", name="Zurückziehen").count() == 0
    assert_accessible(page)


def test_the_language_switcher_leads_to_the_same_status_page(page, live_server, application):
    """#20, point 9: another language of the status page, not the application form."""
    page.goto(status_url(application).replace(settings.BASE_URL, live_server.url))
    page.locator("nav.language-switcher summary").click()
    with page.expect_navigation():
        page.locator("nav.language-switcher").get_by_role("link", name="English").click()
    assert "/en/apply/status/?token=" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    assert application.reference in page.locator("main").inner_text()
    assert page.locator("dl.facts .badge").inner_text() == "Received"
