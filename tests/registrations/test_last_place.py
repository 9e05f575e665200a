"""Two people sending the form for the last place at the same moment: one gets it, the other
joins the waiting list (the registration row is locked while the place is decided). Needs
PostgreSQL's row locks and real concurrent connections."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from programme.models import Event, EventKind
from registrations.models import EventRegistration, RegistrantStatus
from registrations.places import register
from tests.registrations.conftest import ENDS, STARTS

pytestmark = [
    # serialized_rollback: the flush that ends the test then leaves the migrations' rows to be
    # put back as they were, instead of re-creating content types under new ids, which the
    # next test that restores them would collide with.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.USING_POSTGRES, reason="row locks: PostgreSQL only"),
]

PEOPLE = 8


def person(number):
    return {
        "name": f"Person {number}",
        "email": f"person{number}@example.org",
        "organisation": "City",
        "organisation_kind": "city",
        "country": "BE",
        "role": "Officer",
    }


def test_the_last_place_goes_to_one_person_only():
    event = Event.objects.create(kind=EventKind.FINAL_CONFERENCE, starts_at=STARTS, ends_at=ENDS)
    registration = EventRegistration.objects.create(event=event, is_open=True, capacity=1)
    start = threading.Barrier(PEOPLE)
    errors = []

    def send(number):
        try:
            start.wait()
            register(registration, person(number), form_key=f"form-{number}", language="en")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(registration.registrants.values_list("status", flat=True))
    assert len(statuses) == PEOPLE
    assert statuses.count(RegistrantStatus.CONFIRMED) == 1
    assert statuses.count(RegistrantStatus.WAITING) == PEOPLE - 1
