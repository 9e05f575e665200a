"""States that add up: every status of an application, walked through the applicant's status
page, the admin list, the dashboard and the selection summary. An erased application leaves
every queue, count and decision list, and no email goes to it; a withdrawn one says
"withdrawn" wherever it appears, never "under review ✓"."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.urls import reverse

from applications.data_protection import erase
from applications.decisions import NotDecidable, change_status
from applications.emails import status_url
from applications.factories import ApplicationFactory
from applications.models import Application, ApplicationStatus
from applications.notifications import queue_date_change_emails
from applications.selection import authorities, by_country_and_status, make_up
from certificates.enrolment import enrol_cohort
from certificates.models import Enrolment
from programme.models import SessionDateChange
from tests.applications.builders import run_queue

pytestmark = pytest.mark.django_db

INDEX = "/admin/applications/application/"


def application(cohort, name, **extra):
    return ApplicationFactory(
        cohort=cohort,
        language="en",
        authority_name=name,
        contact_email=f"{name.lower()}@example.it",
        participants=[(f"{name} One", f"one@{name.lower()}.example.it")],
        **extra,
    )


# How each status is reached: the decisions taken, in order.
PATHS = {
    ApplicationStatus.SUBMITTED: [],
    ApplicationStatus.UNDER_REVIEW: [ApplicationStatus.UNDER_REVIEW],
    ApplicationStatus.ACCEPTED: [ApplicationStatus.UNDER_REVIEW, ApplicationStatus.ACCEPTED],
    ApplicationStatus.WAITLISTED: [ApplicationStatus.UNDER_REVIEW, ApplicationStatus.WAITLISTED],
    ApplicationStatus.DECLINED: [ApplicationStatus.UNDER_REVIEW, ApplicationStatus.DECLINED],
    ApplicationStatus.WITHDRAWN: [ApplicationStatus.WITHDRAWN],  # while "Received"
    ApplicationStatus.ERASED: [],  # erased on request while "Received"
}


@pytest.fixture
def every_status(apply_pages, italy, editor):
    """One application in each status the selection knows, reached the way it is reached."""
    assert set(PATHS) == set(ApplicationStatus)
    made = {}
    for status, decisions in PATHS.items():
        made[status] = application(italy, status.label.split()[0])
        for decision in decisions:
            change_status(made[status], decision, editor)
    erased = made[ApplicationStatus.ERASED]
    erase(reference=erased.reference, email=erased.contact_email, by=editor)
    run_queue()
    mail.outbox.clear()
    return {status: Application.objects.get(pk=a.pk) for status, a in made.items()}


def status_page(client, application):
    response = client.get(status_url(application).removeprefix(settings.BASE_URL))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def steps(page):
    return [
        (" ".join(li.get_text(" ").split()), "reached" in li.get("class", []))
        for li in page.select("ol.steps li")
    ]


def test_each_status_page_says_where_the_application_stands(client, every_status):
    done = "(done)"
    expected = {
        ApplicationStatus.SUBMITTED: [("Received (done)", True), ("Decision", False)],
        ApplicationStatus.UNDER_REVIEW: [("Received (done)", True), ("Under review (done)", True)],
        ApplicationStatus.ACCEPTED: [("Under review (done)", True), ("Accepted (done)", True)],
        ApplicationStatus.WAITLISTED: [("Under review (done)", True), ("Waitlisted (done)", True)],
        ApplicationStatus.DECLINED: [("Under review (done)", True), ("Declined (done)", True)],
        # Withdrawn while "Received": no review was reached, and it says so.
        ApplicationStatus.WITHDRAWN: [("Received (done)", True), ("Withdrawn (done)", True)],
        ApplicationStatus.ERASED: [
            ("Received (done)", True),
            ("Personal data erased (done)", True),
        ],
    }
    for status, app in every_status.items():
        page = status_page(client, app)
        assert page.select_one(".badge").get_text() == status.label, status
        shown = steps(page)
        assert all(step in shown for step in expected[status]), (status, shown)
        if status in (ApplicationStatus.WITHDRAWN, ApplicationStatus.ERASED):
            assert ("Under review " + done, True) not in shown
            assert "no longer considered" in page.select_one("#status-explained").get_text()
            assert not page.select("form input[name=withdraw]")


def test_withdrawn_after_a_review_shows_the_review(client, every_status, editor):
    waitlisted = every_status[ApplicationStatus.WAITLISTED]
    change_status(waitlisted, ApplicationStatus.WITHDRAWN)
    shown = steps(status_page(client, Application.objects.get(pk=waitlisted.pk)))
    assert shown == [
        ("Received (done)", True),
        ("Under review (done)", True),
        ("Withdrawn (done)", True),
    ]


def test_a_withdrawn_application_says_so_in_french_too(client, apply_pages, italy):
    withdrawn = application(italy, "Ravenna")
    Application.objects.filter(pk=withdrawn.pk).update(language="fr")
    change_status(withdrawn, ApplicationStatus.WITHDRAWN)
    page = status_page(client, Application.objects.get(pk=withdrawn.pk))
    assert page.select_one(".badge").get_text() == "Retirée"
    assert [text for text, _reached in steps(page)] == [
        "Reçue (étape franchie)",
        "Retirée (étape franchie)",
    ]


def rows(client, references):
    page = BeautifulSoup(client.get(INDEX).content.decode(), "html.parser")
    found = {}
    for row in page.select("table.listing tbody tr"):
        text = row.select_one(".field-reference").get_text()
        (reference,) = [reference for reference in references if reference in text]
        found[reference] = {
            "status": " ".join(row.select_one(".field-status").get_text().split()),
            "selectable": bool(row.select("input[name=applications]")),
        }
    return found


def test_the_admin_list_shows_each_status_and_offers_only_decidable_ones(
    client, every_status, editor
):
    client.force_login(editor)
    listed = rows(client, [app.reference for app in every_status.values()])
    for status, app in every_status.items():
        assert listed[app.reference]["status"] == status.label
        decidable = status not in (ApplicationStatus.WITHDRAWN, ApplicationStatus.ERASED)
        assert listed[app.reference]["selectable"] is decidable, status
    received = client.get(INDEX, {"status": "submitted"}).content.decode()
    assert every_status[ApplicationStatus.SUBMITTED].reference in received
    assert every_status[ApplicationStatus.ERASED].reference not in received


def test_the_dashboard_counts_only_those_waiting_for_a_decision(client, every_status, editor):
    client.force_login(editor)
    panel = BeautifulSoup(client.get("/admin/").content.decode(), "html.parser").select_one(
        "#waiting-applications-section"
    )
    assert " ".join(panel.select_one("tbody td a").get_text().split()) == "2 applications"


def test_the_selection_summary_adds_up(client, every_status, italy, editor):
    table = {row["status"]: row["applications"] for row in by_country_and_status(italy)}
    assert table == {status.value: 1 for status in ApplicationStatus}
    # Proposed: every application but the withdrawn and the erased one.
    assert make_up(italy)["proposed"] == 5 and make_up(italy)["accepted"] == 1
    assert authorities(italy)["proposed"] == 5
    client.force_login(editor)
    page = client.get(reverse("applications_summary"), {"cohort": italy.pk}).content.decode()
    assert "Personal data erased" in page and "Withdrawn" in page


def test_an_erased_application_cannot_be_decided_nor_emailed(client, every_status, editor):
    erased = every_status[ApplicationStatus.ERASED]
    assert erased.contact_email.endswith("@invalid.example")
    assert erased.status_changes.last().changed_by == editor
    with pytest.raises(NotDecidable):
        change_status(erased, ApplicationStatus.ACCEPTED, editor)

    client.force_login(editor)
    response = client.post(
        reverse("applications_bulk_decision"),
        {"applications": [erased.pk], "status": "accepted", "confirmed": "on"},
        follow=True,
    )
    assert "was erased: it cannot be decided" in response.content.decode()
    inspect = reverse("applications_application_modeladmin_inspect", args=[erased.pk])
    assert 'name="status"' not in client.get(inspect).content.decode()
    client.post(inspect, {"status": "declined", "confirmed": "on"})

    session = erased.cohort.sessions.first()
    change = SessionDateChange.objects.create(
        cohort=erased.cohort, session=session, kind=SessionDateChange.Kind.MOVED
    )
    queue_date_change_emails(change)
    run_queue()
    assert not [m for m in mail.outbox if any("invalid.example" in to for to in m.to)]
    assert Application.objects.get(pk=erased.pk).status == ApplicationStatus.ERASED


def test_an_accepted_application_erased_keeps_its_decision_but_gets_no_email(every_status, editor):
    accepted = every_status[ApplicationStatus.ACCEPTED]
    erase(reference=accepted.reference, by=editor)
    accepted = Application.objects.get(pk=accepted.pk)
    assert accepted.status == ApplicationStatus.ACCEPTED and accepted.is_erased
    assert accepted.cohort.accepted_participants == 1  # its seat stays taken
    with pytest.raises(NotDecidable):
        change_status(accepted, ApplicationStatus.DECLINED, editor)
    run_queue()
    assert not mail.outbox


def test_an_accepted_application_erased_enrols_and_invites_nobody(every_status, editor, groups):
    accepted = every_status[ApplicationStatus.ACCEPTED]
    erase(reference=accepted.reference, by=editor)
    assert enrol_cohort(accepted.cohort, by=editor) == []
    assert not Enrolment.objects.exists()
    run_queue()
    assert not mail.outbox
