"""Reminders 7 days and 1 day before each confirmed session, to its enrolled participants, in
their language and at the session's wall-clock time in its cohort's zone, also across a
daylight-saving change; never twice, never for an old or cancelled date, never after."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from certificates.enrolment import enrol_application
from programme.factories import CohortFactory
from programme.facts import COUNTRY_TIME_ZONES
from tests.applications.builders import run_queue
from tests.fixtures.certificates import PEOPLE, make_application

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def cohort_after_the_spring_change(country):
    """Its first session on Monday 29 March 2027 at 09:30 local time, the day after clocks
    went forward (28 March) in every zone of the programme."""
    return CohortFactory(
        country=country,
        delivery_languages=["en"],
        slug=f"spring-{country.lower()}",
        year=2027,
        planned_start=datetime.date(2027, 3, 26),
        planned_end=datetime.date(2027, 4, 30),
        applications_open_on=None,
        applications_close_on=None,
        with_sessions__confirmed=True,
    )


def run_timer_at(moment):
    with time_machine.travel(moment, tick=False):
        call_command("send_session_reminders", verbosity=0)
        run_queue()
    sent = list(mail.outbox)
    mail.outbox.clear()
    return sent


@pytest.mark.parametrize("country", sorted(COUNTRY_TIME_ZONES))
def test_reminders_keep_the_wall_clock_time_across_the_spring_change(country, groups):
    cohort = cohort_after_the_spring_change(country)
    zone = zoneinfo.ZoneInfo(COUNTRY_TIME_ZONES[country])
    enrol_application(make_application(cohort, language="fr"), notify=False)
    first = cohort.sessions.order_by("position").first()
    assert first.local_start == datetime.datetime(2027, 3, 29, 9, 30, tzinfo=zone)

    # 7 days before at 09:30 on the wall clock is 08:30 UTC (winter time), not 07:30.
    week_before = datetime.datetime(2027, 3, 22, 9, 30, tzinfo=zone).astimezone(UTC)
    assert week_before.hour == 8
    assert run_timer_at(week_before - datetime.timedelta(minutes=1)) == []
    sent = run_timer_at(week_before)
    assert sorted(m.to[0] for m in sent) == sorted(email for _name, email in PEOPLE)
    message = sent[0]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "7 jours" in message.subject and "9:30" in message.body.replace("09:30", "9:30")
    assert run_timer_at(week_before + datetime.timedelta(hours=1)) == [], "never twice"

    day_before = datetime.datetime(2027, 3, 28, 9, 30, tzinfo=zone).astimezone(UTC)
    assert day_before.hour == 7  # summer time since the night before
    assert run_timer_at(day_before - datetime.timedelta(minutes=1)) == []
    sent = run_timer_at(day_before)
    assert len(sent) == len(PEOPLE) and "demain" in sent[0].subject
    after = run_timer_at(first.starts_at + datetime.timedelta(minutes=5))
    assert [m for m in after if "Session en ligne 1" in m.subject] == [], "never after"
    assert {m.subject for m in after} == {"AI for Cities : Session en ligne 2 dans 7 jours"}


def test_an_online_session_points_to_its_page_and_the_in_person_one_to_its_venue(groups, site_tree):
    cohort = cohort_after_the_spring_change("BE")
    enrol_application(make_application(cohort, people=PEOPLE[:1], language="nl"), notify=False)
    sessions = list(cohort.sessions.order_by("position"))
    online = run_timer_at(sessions[0].starts_at - datetime.timedelta(hours=2))
    (message,) = online
    assert "morgen" in message.subject
    assert f"/nl/{site_tree.translations['nl']['cohorts'].slug}/{cohort.slug_in('nl')}/" in (
        message.body
    )
    in_person = run_timer_at(sessions[4].starts_at - datetime.timedelta(hours=2))
    (message,) = in_person
    assert "Hôtel de Ville, Lyon" in message.body
    assert "https://www.openstreetmap.org/search?query=H%C3%B4tel+de+Ville%2C+Lyon" in message.body


def test_a_moved_session_is_reminded_of_its_new_date_only_and_a_cancelled_one_never(groups):
    cohort = cohort_after_the_spring_change("IT")
    enrol_application(make_application(cohort, people=PEOPLE[:1], language="it"), notify=False)
    first, second = cohort.sessions.order_by("position")[:2]
    old_day_before = first.starts_at - datetime.timedelta(days=1)
    with time_machine.travel(old_day_before, tick=False):
        call_command("send_session_reminders", verbosity=0)  # queued, not sent yet
        before = first.snapshot()
        first.starts_at += datetime.timedelta(days=2)
        first.ends_at += datetime.timedelta(days=2)
        first.save()
        first.record_edit(before)
        run_queue()
    assert [m for m in mail.outbox if "domani" in m.subject] == [], "not for the old date"
    mail.outbox.clear()
    sent = run_timer_at(first.starts_at - datetime.timedelta(days=1))
    about_first = [m.subject for m in sent if "Sessione online 1" in m.subject]
    assert about_first == ["AI for Cities: Sessione online 1 si tiene domani"]

    before = second.snapshot()
    second.is_cancelled = True
    second.save()
    second.record_edit(before)
    run_queue()  # the cancellation of the calendar invitation
    mail.outbox.clear()
    assert run_timer_at(second.starts_at - datetime.timedelta(days=1)) == []


def test_editors_see_the_next_reminders_on_the_dashboard(client, editor, groups):
    cohort = cohort_after_the_spring_change("DE")
    enrol_application(make_application(cohort, language="de"), notify=False)
    with time_machine.travel(datetime.datetime(2027, 3, 20, 8, 0, tzinfo=UTC), tick=False):
        client.force_login(editor)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Next session reminders" in page
    panel = page[page.index("Next session reminders") :]
    assert "Online session 1" in panel and "7 days before" in panel
