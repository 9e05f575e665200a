"""What editors do: the registration settings, the registrants with their counts, filters and
exports (CSV with a byte order mark and ";", XLSX), attendance ticked or imported (junk files
answered with an error, never a 500); and what the data-protection rules do to registrants."""

import csv
import datetime
import io

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from registrations.models import EventRegistration, Registrant, RegistrantStatus
from tests.registrations.conftest import NOW, register_person, sent_emails
from web.pruning import prune

pytestmark = pytest.mark.django_db

AFTER = datetime.datetime(2026, 12, 11, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def registrants(client, registration):
    event = registration.event
    registration.capacity = 3
    registration.save()
    people = [
        register_person(client, event, "Claire Martin", "claire@lyon.example", "fr", country="FR"),
        register_person(
            client,
            event,
            "Jonas Weber",
            "jonas@koeln.example",
            "de",
            country="DE",
            organisation_kind="press",
        ),
        register_person(client, event, '=HYPERLINK("x")', "ana@madrid.example", "es", country="ES"),
        register_person(client, event, "Ola Nordmann", "ola@oslo.example", country="XX"),
    ]
    sent_emails()
    return people


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def registrants_url(registration):
    return reverse("event_registrations:registrants", args=[registration.pk])


def test_editors_open_registration_for_an_event_in_the_admin(editor_client, final_conference):
    with time_machine.travel(NOW, tick=False):
        response = editor_client.post(
            reverse("event_registrations:add"),
            {"event": final_conference.pk, "is_open": "on", "capacity": "150", "closes_at": ""},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        listing = editor_client.get(reverse("event_registrations:index"))
        events = editor_client.get("/fr/events/")
    assert listing.status_code == 200
    registration = EventRegistration.objects.get()
    assert (registration.is_open, registration.capacity) == (True, 150)
    assert f"/fr/events/{final_conference.pk}/register/" in events.content.decode()


def test_more_places_move_the_waiting_list_up(editor_client, registrants):
    registration = EventRegistration.objects.get()
    assert Registrant.objects.get(email="ola@oslo.example").status == RegistrantStatus.WAITING
    with time_machine.travel(NOW, tick=False):
        response = editor_client.post(
            reverse("event_registrations:edit", args=[registration.pk]),
            {"event": registration.event_id, "is_open": "on", "capacity": "4", "closes_at": ""},
        )
    assert response.status_code == 302
    assert Registrant.objects.get(email="ola@oslo.example").status == RegistrantStatus.CONFIRMED
    (message,) = sent_emails()
    assert message.to == ["ola@oslo.example"]


def test_counts_filters_and_exports(editor_client, registrants):
    registration = EventRegistration.objects.get()
    url = registrants_url(registration)
    with time_machine.travel(NOW, tick=False):
        page = editor_client.get(url).content.decode()
        press = editor_client.get(url, {"organisation_kind": "press"}).content.decode()
        exported = editor_client.get(url, {"export": "csv"})
        exported_waiting = editor_client.get(url, {"export": "csv", "status": "waiting"})
        workbook_response = editor_client.get(url, {"export": "xlsx"})
    assert "With a place: 3" in page and "On the waiting list: 1" in page
    assert "Germany" in page and "A country outside the EU" in page
    assert "jonas@koeln.example" in press and "claire@lyon.example" not in press

    raw = exported.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw[1:]), delimiter=";"))
    assert rows[0][:3] == ["Name", "Email", "Organisation"]
    assert len(rows) == 5
    by_email = {row[1]: row for row in rows[1:]}
    assert by_email["ana@madrid.example"][0].startswith("'="), "a formula stays text"
    assert by_email["jonas@koeln.example"][3] == "Press"
    waiting = list(
        csv.reader(io.StringIO(exported_waiting.content.decode("utf-8-sig")), delimiter=";")
    )
    assert [row[1] for row in waiting[1:]] == ["ola@oslo.example"]

    sheet = openpyxl.load_workbook(io.BytesIO(workbook_response.content)).active
    values = list(sheet.values)
    assert values[0][1] == "Email" and len(values) == 5
    assert any(row[0] == '=HYPERLINK("x")' for row in values[1:])
    assert {cell.data_type for cell in sheet["A"]} == {"s"}


def test_attendance_ticked_after_the_event(editor_client, registrants):
    registration = EventRegistration.objects.get()
    url = registrants_url(registration)
    with time_machine.travel(NOW, tick=False):
        too_early = editor_client.post(url, {"attended": [str(registrants[0].pk)]})
    assert too_early.status_code == 302
    assert not Registrant.objects.filter(attended=True).exists()
    with time_machine.travel(AFTER, tick=False):
        editor_client.post(url, {"attended": [str(registrants[0].pk), str(registrants[1].pk)]})
        page = editor_client.get(url).content.decode()
    assert set(Registrant.objects.filter(attended=True).values_list("email", flat=True)) == {
        "claire@lyon.example",
        "jonas@koeln.example",
    }
    assert "Attended: 2" in page


def upload(content, name="attendees.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_the_attendee_list_is_imported_and_unmatched_rows_reported(editor_client, registrants):
    registration = EventRegistration.objects.get()
    url = registrants_url(registration)
    attendee_list = (
        "Full Name\tUser Email\tJoin Time\n"
        "Claire Martin\tCLAIRE@lyon.example\t10/12/2026 13:58\n"
        "Claire Martin\tclaire@lyon.example\t10/12/2026 14:20\n"
        "Guest\tguest@nowhere.example\t10/12/2026 14:01\n"
        "Phone user\t\t10/12/2026 14:03\n"
    ).encode("utf-16")
    with time_machine.travel(AFTER, tick=False):
        response = editor_client.post(
            url, {"import": "1", "attendee_list": upload(attendee_list)}, follow=True
        )
    text = response.content.decode()
    assert response.status_code == 200
    assert "1 registrant marked as attended." in text
    assert "2 rows matched no registrant" in text and "guest@nowhere.example" in text
    assert list(Registrant.objects.filter(attended=True).values_list("email", flat=True)) == [
        "claire@lyon.example"
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"name;organisation\nClaire;Lyon\n",
        b'Name,E-mail\n"unclosed,claire@lyon.example\n',
        b"\xff\xfe\x00\x00garbage",
    ],
)
def test_junk_files_get_an_error_and_change_nothing(editor_client, registrants, content):
    url = registrants_url(EventRegistration.objects.get())
    with time_machine.travel(AFTER, tick=False):
        response = editor_client.post(url, {"import": "1", "attendee_list": upload(content)})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "error-message" in response.content.decode()
    assert not Registrant.objects.filter(attended=True).exists()


def test_registrants_lists_are_for_editors_only(client, registrants, committee_member):
    client.force_login(committee_member)
    url = registrants_url(EventRegistration.objects.get())
    assert client.get(url).status_code in (302, 403)
    assert client.get(url, {"export": "csv"}).status_code in (302, 403)


def test_registrants_are_anonymised_after_the_retention_period(registrants, settings):
    settings.APPLICATION_RETENTION_DAYS = 30
    event = EventRegistration.objects.get().event
    deleted, failed = prune(event.ends_at + datetime.timedelta(days=29))
    assert failed == [] and deleted["registrants anonymised"] == 0
    deleted, _failed = prune(event.ends_at + datetime.timedelta(days=31))
    assert deleted["registrants anonymised"] == 4
    assert not Registrant.objects.filter(email__endswith="example").exists()
    counts = sorted(Registrant.objects.values_list("country", flat=True))
    assert counts == ["DE", "ES", "FR", "XX"], "the counts stay true"


def test_a_registrant_s_data_is_exported_and_erased_on_request(registrants, capsys):
    call_command("export_registrant_data", "Claire@lyon.example")
    assert "Claire Martin" in capsys.readouterr().out
    call_command("erase_registrant_data", "claire@lyon.example")
    assert not Registrant.objects.filter(name="Claire Martin").exists()
    assert not Registrant.objects.filter(email__iexact="claire@lyon.example").exists()
    assert Registrant.objects.count() == 4


def test_the_demo_opens_the_final_conference_with_a_few_registrants(client, final_conference):
    from demo.loaders.registrations import REGISTRANTS, load_registrations  # noqa: PLC0415

    load_registrations()
    load_registrations()
    registration = EventRegistration.objects.get(event=final_conference)
    assert registration.is_open and registration.registrants.count() == len(REGISTRANTS)
    with time_machine.travel(NOW, tick=False):
        assert client.get(f"/it/events/{final_conference.pk}/register/").status_code == 200


def test_editors_erase_a_registrant_on_request(editor_client, registrants):
    registration = EventRegistration.objects.get()
    claire = registrants[0]
    url = reverse("event_registrations:erase_registrant", args=[registration.pk, claire.pk])
    with time_machine.travel(NOW, tick=False):
        asked = editor_client.get(url)
        assert asked.status_code == 200 and "claire@lyon.example" in asked.content.decode()
        assert Registrant.objects.filter(email="claire@lyon.example").exists()
        done = editor_client.post(url)
        page = editor_client.get(registrants_url(registration)).content.decode()
    assert done.status_code == 302
    claire.refresh_from_db()
    assert claire.erased_at and claire.name == "erased" and claire.country == "FR"
    assert "claire@lyon.example" not in page
    with time_machine.travel(NOW, tick=False):
        assert editor_client.post(url).status_code in (302, 404), "once"


def test_the_recording_email_leads_to_the_events_page(client, registrants):
    registration = EventRegistration.objects.get()
    event = registration.event
    after = event.ends_at + datetime.timedelta(days=1)
    with time_machine.travel(after, tick=False):
        event.recording_url = "https://video.example.org/final"
        event.save()
    sent = {message.to[0]: message for message in sent_emails(after)}
    assert "http://testserver/de/" in sent["jonas@koeln.example"].body
    assert "ola@oslo.example" not in sent, "on the waiting list: no place, no recording"


def add_registrants(registration, count, start=0):
    Registrant.objects.bulk_create(
        Registrant(
            registration=registration,
            name=f"Person {n}",
            email=f"person{n}@example.org",
            organisation="City",
            organisation_kind="city" if n % 2 else "press",
            country="BE" if n % 3 else "XX",
            role="Officer",
            status=RegistrantStatus.CONFIRMED,
        )
        for n in range(start, start + count)
    )


def test_the_registrants_screen_costs_the_same_queries_for_many(editor_client, registration):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    url = registrants_url(registration)

    def queries():
        with CaptureQueriesContext(connection) as captured, time_machine.travel(AFTER):
            assert editor_client.get(url).status_code == 200
        return len(captured)

    add_registrants(registration, 3)
    few = queries()
    add_registrants(registration, 60, start=3)
    assert queries() == few
