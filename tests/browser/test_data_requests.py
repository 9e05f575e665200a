"""An editor erases an applicant's data from the application's admin screen: the confirmation
page says whose data and what goes, and the erasure is done and shown in the history."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from applications.data_protection import is_anonymised
from applications.factories import ApplicationFactory
from programme.factories import CohortFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in_as(page, live_server, user):
    """The browser gets the session of `user` (the admin's own sign-in is not under test)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_an_editor_erases_an_applicants_data_after_reading_the_confirmation(
    page, live_server, editor, assert_accessible
):
    application = ApplicationFactory(
        cohort=CohortFactory(country="IT", slug="italy-2026"),
        contact_name="Giulia Rossi",
        contact_email="giulia.rossi@example.it",
        participants=[("Marco Bianchi", "marco.bianchi@example.it")],
    )
    sign_in_as(page, live_server, editor)
    inspect = reverse("applications_application_modeladmin_inspect", args=[application.pk])
    page.goto(f"{live_server.url}{inspect}")

    page.get_by_role("link", name="Erase the applicant's data").click()
    page.wait_for_url(f"**{reverse('applications_erase_applicant_data', args=[application.pk])}")
    applicant = page.inner_text("#data-request-applicant")
    assert "Giulia Rossi (giulia.rossi@example.it)" in applicant
    assert application.reference in applicant
    assert "Marco Bianchi (marco.bianchi@example.it)" in page.inner_text(
        "#data-request-applications"
    )
    assert page.get_by_text("This cannot be undone.").is_visible()
    assert_accessible(page)
    application.refresh_from_db()
    assert not is_anonymised(application), "reading the confirmation erases nothing"

    erase = page.get_by_role("button", name="Erase the data")
    erase.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(inspect)
    assert "The applicant's personal data is erased" in page.inner_text("body")
    application.refresh_from_db()
    assert is_anonymised(application)

    page.get_by_role("link", name="Staff actions on this application (data requests)").click()
    assert "Applicant's personal data erased" in page.inner_text("main")
