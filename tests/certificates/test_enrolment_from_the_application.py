"""Enrolment is reachable from an accepted application's admin screen: certificates offers it
through the applications_admin_actions hook (applications never imports certificates)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from applications.models import ApplicationStatus
from certificates.models import Enrolment
from tests.fixtures.certificates import make_application

pytestmark = pytest.mark.django_db


def actions(client, application):
    response = client.get(
        reverse("applications_application_modeladmin_inspect", args=[application.pk])
    )
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("#application-actions")


def test_an_accepted_application_enrols_its_participants_from_its_screen(client, editor, cohort):
    application = make_application(cohort)
    client.force_login(editor)
    form = actions(client, application).find("form")
    assert form["method"] == "post"
    assert form["action"] == reverse("certificates_admin:enrol_application", args=[application.pk])
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.button.get_text(strip=True) == (
        f"Enrol the participants of {application.reference}"
    )

    response = client.post(form["action"])
    assert response.status_code == 302
    assert Enrolment.objects.filter(application=application).count() == 4

    link = actions(client, application).find(
        "a", href=reverse("certificates_admin:cohort", args=[cohort.pk])
    )
    assert link.get_text(strip=True) == f"Participants of {cohort}"
    assert not actions(client, application).find("form", action=form["action"])


def test_no_enrolment_before_acceptance_nor_for_committee_members(
    client, editor, committee_member, cohort
):
    submitted = make_application(cohort, status=ApplicationStatus.SUBMITTED)
    client.force_login(editor)
    section = actions(client, submitted)
    assert "certificates" not in str(section)
    client.post(reverse("certificates_admin:enrol_application", args=[submitted.pk]))
    assert not Enrolment.objects.exists(), "a submitted application enrols nobody"

    accepted = make_application(cohort, status=ApplicationStatus.ACCEPTED)
    client.force_login(committee_member)
    client.post(reverse("certificates_admin:enrol_application", args=[accepted.pk]))
    assert not Enrolment.objects.exists(), "a committee member enrols nobody"


def admin_menu(client):
    """The admin's menus, as Wagtail hands them to its sidebar (JSON props)."""
    home = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    return home.find(id="wagtail-sidebar-props").string


def test_the_main_menu_leads_staff_to_participants_and_certificates(
    client, editor, committee_member
):
    # Where editors bookmarked it; the public pages keep their own "certificates" namespace.
    assert reverse("certificates_admin:index") == "/admin/certificates/"
    assert reverse("certificates:verify").endswith("/certificates/verify/")
    client.force_login(editor)
    menu = admin_menu(client)
    assert "Participants and certificates" in menu and '"/admin/certificates/"' in menu
    client.force_login(committee_member)
    assert "/admin/certificates/" not in admin_menu(client)
