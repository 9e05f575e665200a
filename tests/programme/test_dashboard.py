"""The editors' dashboard: applications waiting per cohort, open application windows, sessions
to confirm in the next 60 days, seats left, progress to 175 participants and undelivered
emails; its number of queries does not grow with the data."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.records import Application, ApplicationStatus
from mail.models import EmailStatus, OutgoingEmail
from mail.outbox import undelivered_count
from programme.factories import CohortFactory
from programme.models import Cohort, Session

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 1, 20, 10, 0, tzinfo=datetime.UTC)
DASHBOARD = reverse("wagtailadmin_home")


def application(cohort, number, status=ApplicationStatus.SUBMITTED):
    return Application.objects.create(
        cohort=cohort, reference=f"AIC-{cohort.pk}-{number}", language="fr", authority_name="Lyon",
        country=cohort.country, region="Rhône", population=500_000, service="municipal_police",
        contact_name="Léa", contact_position="Cheffe", contact_email=f"lea{number}@example.fr",
        contact_phone="+33 4 00 00 00 00", motivation="…", commits_to_attend=True,
        consent_version="2026-01", consented_at=TODAY, status=status,
    )  # fmt: skip


def failed_email(status=EmailStatus.FAILED):
    return OutgoingEmail.objects.create(
        kind="applications.accepted", record_id=1, status=status, attempts=6
    )


def build_programme(cohorts, first=0):
    """`cohorts` French cohorts: open for applications, 3 waiting + 1 decided application each,
    the first one starting within 60 days with unconfirmed sessions."""
    made = []
    for index in range(first, first + cohorts):
        start = datetime.date(2026, 3, 1) + datetime.timedelta(days=200 * index)
        cohort = CohortFactory(
            slug=f"cohort-{index}", planned_start=start,
            planned_end=start + datetime.timedelta(days=60), seats=25,
            applications_open_on=datetime.date(2026, 1, 5),
            applications_close_on=datetime.date(2026, 2, 13) + datetime.timedelta(days=index),
        )  # fmt: skip
        for number in range(3):
            application(cohort, number)
        application(cohort, 9, status=ApplicationStatus.DECLINED)
        made.append(cohort)
    if first == 0:
        Cohort.objects.filter(pk=made[0].pk).update(accepted_participants=10)
    return made


def panel(soup, panel_id):
    found = soup.find(id=f"{panel_id}-section")
    assert found is not None, panel_id
    return " ".join(found.get_text(" ").split())


def dashboard(client, user):
    client.force_login(user)
    with time_machine.travel(TODAY):
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_undelivered_counts_only_emails_that_failed_for_good():
    failed_email()
    failed_email()
    failed_email(status=EmailStatus.SENT)
    failed_email(status=EmailStatus.QUEUED)
    failed_email(status=EmailStatus.SENDING)
    assert undelivered_count() == 2


def test_the_editors_dashboard_shows_the_programme_at_a_glance(client, editor):
    first, second = build_programme(2)
    failed_email()
    soup = dashboard(client, editor)

    waiting = panel(soup, "waiting-applications")
    assert f"{' '.join(str(first).split())} 3 applications" in waiting
    windows = panel(soup, "application-windows")
    assert "24 days left" in windows and "25 days left" in windows
    to_confirm = panel(soup, "sessions-to-confirm")
    assert "Online session 1" in to_confirm and "In-person session" not in to_confirm
    assert " ".join(str(second).split()) not in to_confirm, "starts in more than 60 days"
    seats = panel(soup, "seats-and-participants")
    assert "10 of 175 participants accepted (6%)" in seats
    assert "25 10 15" in seats
    assert "1 email could not be delivered" in panel(soup, "undelivered-emails")


def test_confirmed_sessions_and_closed_windows_leave_the_dashboard(client, editor):
    (cohort,) = build_programme(1)
    Session.objects.filter(cohort=cohort).update(is_confirmed=True)
    Cohort.objects.filter(pk=cohort.pk).update(applications_close_on=datetime.date(2026, 1, 19))
    soup = dashboard(client, editor)
    assert "Every session of the coming weeks is confirmed" in panel(soup, "sessions-to-confirm")
    assert "No application window is open today" in panel(soup, "application-windows")
    assert "Every email went out" in panel(soup, "undelivered-emails")


def test_committee_members_see_none_of_the_programme_panels(client, committee_member):
    build_programme(1)
    failed_email()
    soup = dashboard(client, committee_member)
    for panel_id in ("waiting-applications", "application-windows", "sessions-to-confirm",
                     "seats-and-participants", "undelivered-emails"):  # fmt: skip
        assert soup.find(id=f"{panel_id}-section") is None, panel_id


def test_the_dashboard_costs_as_many_queries_for_six_cohorts_as_for_one(
    client, editor, django_assert_max_num_queries
):
    build_programme(1)
    client.force_login(editor)
    with time_machine.travel(TODAY), CaptureQueriesContext(connection) as one_cohort:
        assert client.get(DASHBOARD).status_code == 200
    build_programme(5, first=1)
    failed_email()
    with time_machine.travel(TODAY), django_assert_max_num_queries(len(one_cohort)):
        response = client.get(DASHBOARD)
    assert response.content.decode().count("3 applications") == 6
