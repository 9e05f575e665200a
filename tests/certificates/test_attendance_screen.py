"""The attendance grid: labelled checkboxes, saving who recorded what and when, changes of
two editors at once both kept, and a flat query count from 10 to 30 participants."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.models import Attendance
from tests.fixtures.certificates import enrolled

pytestmark = pytest.mark.django_db


def screen(cohort):
    return f"/admin/certificates/cohort/{cohort.pk}/"


def grid_data(enrolments, sessions, ticked=(), shown=()):
    data = {}
    for enrolment in enrolments:
        for session in sessions:
            data[f"shown-{enrolment.pk}-{session.pk}"] = (
                "1" if (enrolment, session) in shown else "0"
            )
            if (enrolment, session) in ticked:
                data[f"present-{enrolment.pk}-{session.pk}"] = "on"
    return data


def test_each_checkbox_has_a_label_naming_participant_and_session(
    client, editor, cohort, enrolments
):
    client.force_login(editor)
    page = client.get(screen(cohort)).content.decode()
    jurgen = enrolments["Jürgen Groß"]
    first = cohort.sessions.order_by("position").first()
    field = f"present-{jurgen.pk}-{first.pk}"
    assert (
        f'<label class="w-sr-only" for="{field}">Jürgen Groß – Online session 1: present</label>'
        in page
    )
    assert f'id="{field}"' in page
    assert page.count('type="checkbox" id="present-') == 4 * 5


def test_saving_records_who_and_when_and_shows_completion(client, editor, cohort, enrolments):
    client.force_login(editor)
    sessions = list(cohort.sessions.order_by("position"))
    everyone = list(enrolments.values())
    jurgen = enrolments["Jürgen Groß"]
    ticked = {(jurgen, s) for s in sessions} | {(enrolments["Núria Fàbregas"], sessions[0])}
    response = client.post(screen(cohort), grid_data(everyone, sessions, ticked=ticked))
    assert response.status_code == 302
    assert Attendance.objects.filter(present=True).count() == 6
    assert set(Attendance.objects.values_list("recorded_by", flat=True)) == {editor.pk}
    page = client.get(screen(cohort)).content.decode()
    assert "Eva Editor" in page
    assert "Completed" in page
    assert "Not yet: 1 of 5 sessions" in page

    # Unticking one cell records an absence, by whoever did it.
    shown = ticked
    ticked = ticked - {(jurgen, sessions[4])}
    client.post(screen(cohort), grid_data(everyone, sessions, ticked=ticked, shown=shown))
    record = Attendance.objects.get(enrolment=jurgen, session=sessions[4])
    assert record.present is False and record.recorded_by == editor


def test_two_editors_at_once_keep_each_others_changes(client, editor, cohort, enrolments):
    client.force_login(editor)
    sessions = list(cohort.sessions.order_by("position"))
    everyone = list(enrolments.values())
    a, b = enrolments["Jürgen Groß"], enrolments["Núria Fàbregas"]
    # Both loaded an empty grid; the first ticks A, the second ticks B.
    client.post(screen(cohort), grid_data(everyone, sessions, ticked={(a, sessions[0])}))
    client.post(screen(cohort), grid_data(everyone, sessions, ticked={(b, sessions[0])}))
    assert set(Attendance.objects.filter(present=True).values_list("enrolment", flat=True)) == {
        a.pk,
        b.pk,
    }


def test_participants_and_committee_members_cannot_record(
    client, cohort, enrolments, committee_member
):
    sessions = list(cohort.sessions.all())
    jurgen = enrolments["Jürgen Groß"]
    for user in (jurgen.user, committee_member):
        client.force_login(user)
        client.post(
            screen(cohort), grid_data([jurgen], sessions, ticked={(jurgen, s) for s in sessions})
        )
    assert not Attendance.objects.exists()


def test_the_screen_is_flat_from_10_to_30_participants(client, editor, cohort, groups):
    def add(count, start):
        people = [(f"Teilnehmer {i}", f"t{i}@example.de") for i in range(start, start + count)]
        for enrolment in enrolled(cohort, people=people).values():
            for session in cohort.sessions.all():
                Attendance.objects.create(
                    enrolment=enrolment, session=session, present=True, recorded_by=editor
                )

    client.force_login(editor)
    add(10, 0)
    client.get(screen(cohort))
    with CaptureQueriesContext(connection) as small:
        assert client.get(screen(cohort)).status_code == 200
    add(20, 10)
    with CaptureQueriesContext(connection) as large:
        page = client.get(screen(cohort))
    assert page.content.decode().count('type="checkbox" id="present-') == 30 * 5
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
