"""Join links show only to the cohort's enrolled participants (and staff); the private
calendar feed holds exactly the participant's cohort's sessions and refuses a bad token."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from certificates.enrolment import enrol_application
from certificates.views import calendar_token
from programme.factories import CohortFactory
from tests.fixtures.certificates import attend, make_application

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/room-"


@pytest.fixture
def with_links(cohort):
    for session in cohort.sessions.filter(kind="online"):
        session.join_url = f"{JOIN}{session.position}"
        session.save()
    return cohort


def cohort_page(site_tree, cohort):
    return f"{site_tree.translations['de']['cohorts'].url}{cohort.slug_in('de')}/"


def test_join_links_only_for_enrolled_participants_and_staff(
    client, site_tree, with_links, enrolments, outsider_participant, committee_member, editor
):
    url = cohort_page(site_tree, with_links)
    assert JOIN not in client.get(url).content.decode()
    for user in (outsider_participant, committee_member):
        client.force_login(user)
        assert JOIN not in client.get(url).content.decode()
    other = CohortFactory(slug="other-2026", with_sessions__confirmed=True)
    enrolled_elsewhere = make_application(other, people=[("Ana Ruiz", "ana@example.es")])
    (elsewhere,) = enrol_application(enrolled_elsewhere, notify=False)
    client.force_login(elsewhere.user)
    assert JOIN not in client.get(url).content.decode()

    for user in (enrolments["Jürgen Groß"].user, editor):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert page.count(JOIN) == 4, user


def test_the_cohort_page_query_count_stays_flat(client, site_tree, cohort, groups):
    url = f"{site_tree.cohorts.url}{cohort.slug}/"

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    before = queries()
    for session in cohort.sessions.filter(kind="online"):
        session.join_url = f"{JOIN}{session.position}"
        session.save()
    people = [(f"Teilnehmer {i}", f"t{i}@example.de") for i in range(20)]
    enrolled = enrol_application(make_application(cohort, people=people), notify=False)
    assert queries() == before <= 12  # anonymous visitors: no query for join links
    client.force_login(enrolled[0].user)
    # A participant costs the session, the user and one look-up of their enrolment.
    assert queries() <= before + 3


def test_the_private_calendar_holds_exactly_the_participants_sessions(
    client, site_tree, cohort, enrolments
):
    other = CohortFactory(slug="other-2026", with_sessions__confirmed=True)
    user = enrolments["Jürgen Groß"].user
    url = reverse("certificates:calendar", kwargs={"token": calendar_token(user)})
    response = client.get(url)
    assert response.status_code == 200
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert sorted(str(e["uid"]) for e in events) == sorted(s.uid for s in cohort.sessions.all())
    assert not {str(e["uid"]) for e in events} & {s.uid for s in other.sessions.all()}


def test_the_private_calendar_refuses_a_bad_token(client, enrolments):
    user = enrolments["Jürgen Groß"].user
    token = calendar_token(user)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (tampered, "nothing", str(user.pk)):
        url = reverse("certificates:calendar", kwargs={"token": bad})
        assert client.get(url).status_code == 404


def test_attendance_is_kept_per_session(enrolments):
    attend(enrolments["Jürgen Groß"])
    assert enrolments["Jürgen Groß"].attendances.filter(present=True).count() == 5


def test_feeds_remind_a_day_before_and_the_private_one_an_hour_before_with_the_join_page(
    client, site_tree, cohort, enrolments
):
    def alarms(url):
        response = client.get(url)
        (event, *_rest) = Calendar.from_ical(response.content).walk("VEVENT")
        return {
            alarm.decoded("TRIGGER"): str(alarm["DESCRIPTION"]) for alarm in event.walk("VALARM")
        }

    public = alarms(f"/de/calendar/cohorts/{cohort.slug}.ics")
    assert list(public) == [-datetime.timedelta(days=1)]
    user = enrolments["Jürgen Groß"].user
    private = alarms(reverse("certificates:calendar", kwargs={"token": calendar_token(user)}))
    assert sorted(private) == [-datetime.timedelta(days=1), -datetime.timedelta(hours=1)]
    # The feed speaks the language of its address (here the one last visited, German).
    join_page = f"{site_tree.translations['de']['cohorts'].url}{cohort.slug_in('de')}/"
    assert join_page in private[-datetime.timedelta(hours=1)]


def test_join_links_stay_the_participants_with_parts_kept(
    client, settings, site_tree, with_links, enrolments, outsider_participant, committee_member
):
    """With the page cache on, the cohort page's parts are kept per worker (web/fragments.py):
    the part an enrolled participant was shown, with the join links, is never anyone else's."""
    settings.PAGE_CACHE_SECONDS = 600
    url = cohort_page(site_tree, with_links)
    client.force_login(enrolments["Jürgen Groß"].user)
    assert client.get(url).content.decode().count(JOIN) == 4
    for user in (outsider_participant, committee_member):
        client.force_login(user)
        assert JOIN not in client.get(url).content.decode(), user
    client.logout()
    client.cookies.clear()
    assert JOIN not in client.get(url).content.decode()
    client.force_login(enrolments["Jürgen Groß"].user)
    assert client.get(url).content.decode().count(JOIN) == 4
