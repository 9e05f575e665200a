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
    assert form["action"] == reverse("certificates_enrol_application", args=[application.pk])
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.button.get_text(strip=True) == (
        f"Enrol the participants of {application.reference}"
    )

    response = client.post(form["action"])
    assert response.status_code == 302
    assert Enrolment.objects.filter(application=application).count() == 4

    link = actions(client, application).find(
        "a", href=reverse("certificates_cohort", args=[cohort.pk])
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
    client.post(reverse("certificates_enrol_application", args=[submitted.pk]))
    assert not Enrolment.objects.exists(), "a submitted application enrols nobody"

    accepted = make_application(cohort, status=ApplicationStatus.ACCEPTED)
    client.force_login(committee_member)
    client.post(reverse("certificates_enrol_application", args=[accepted.pk]))
    assert not Enrolment.objects.exists(), "a committee member enrols nobody"
