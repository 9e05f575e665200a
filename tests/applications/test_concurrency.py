"""Concurrency on PostgreSQL: many cities submitting at the same moment all land with their own
reference, and reviewers deciding at the same moment never overbook a cohort.

Threads stand in for the web server's workers: each has its own Django test client and so its
own database connection, closed when the thread ends. The tests are transactional (the threads
must see each other's committed rows), which ends each of them with a flush of every table;
``serialized_rollback`` and ``_restore_migration_data`` put back the rows the migrations created
(Wagtail's root page and collection, the default locale), as tests/browser/conftest.py explains.
On SQLite, which allows a single writer at a time, these tests are skipped.
"""

import contextlib
import threading
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.core import signing
from django.db import connection, connections
from django.test import Client
from django_tasks_db.models import DBTaskResult

from applications import decisions, submission
from applications.decisions import NotEnoughSeats, change_status
from applications.models import Application, ApplicationStatus, ProposedParticipant
from applications.notifications import ACKNOWLEDGEMENT, STAFF_DIGEST, STAFF_NOTIFICATION
from applications.views import RECEIPT_SALT
from mail.models import OutgoingEmail
from programme.models import Cohort
from tests.applications.builders import DURING_WINDOW, submit, valid_data

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency tests need PostgreSQL (SQLite allows one writer at a time); "
        "run them with DATABASE_URL=postgres://…",
    ),
]

SUBMISSIONS = 50
TIMEOUT = 120


@pytest.fixture(scope="module", autouse=True)
def _restore_migration_data(django_db_blocker):
    """After this module's transactional tests, put back the rows the migrations created, so
    that tests running later in the same session still find them."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        for alias in connections:
            data = getattr(connections[alias], "_test_serialized_contents", None)
            if data:
                connections[alias].creation.deserialize_db_from_string(data)


def run_at_once(jobs):
    """Run each job in its own thread, all released together; return (results, errors)."""
    start = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), [None] * len(jobs)

    def run(index, job):
        try:
            start.wait(timeout=TIMEOUT)
            results[index] = job()
        except BaseException as error:  # noqa: BLE001 – reported by the test
            errors[index] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return results, errors


def receipt_reference(response):
    token = parse_qs(urlparse(response["Location"]).query)["receipt"][0]
    return signing.loads(token, salt=RECEIPT_SALT)


def test_fifty_submissions_at_once_all_land_with_unique_references(apply_pages, italy):
    url = apply_pages["en"].url

    def submission(number):
        def post():
            # Each city writes from its own address: one address may receive only a few
            # acknowledgements an hour (mail/limits.py), which is not what this test is about.
            data = valid_data(
                italy,
                authority_name=f"Città {number:02d}",
                contact_email=f"comandante{number:02d}@example.it",
            )
            return Client().post(url, data)

        return post

    with time_machine.travel(DURING_WINDOW):
        responses, errors = run_at_once([submission(n) for n in range(SUBMISSIONS)])

    assert errors == [None] * SUBMISSIONS, [e for e in errors if e]
    assert [r.status_code for r in responses] == [302] * SUBMISSIONS
    references = [receipt_reference(response) for response in responses]
    assert len(set(references)) == SUBMISSIONS, "every city got its own reference"
    stored = Application.objects.order_by("pk")
    assert stored.count() == SUBMISSIONS
    assert set(stored.values_list("reference", flat=True)) == set(references)
    for application in stored:
        assert application.reference == f"AIC-2026-IT-{application.pk:04d}"
    assert sorted(stored.values_list("authority_name", flat=True)) == [
        f"Città {n:02d}" for n in range(SUBMISSIONS)
    ]
    assert ProposedParticipant.objects.count() == 2 * SUBMISSIONS
    assert not stored.filter(possible_duplicate_of__isnull=False).exists()
    assert not Application.objects.filter(reference__startswith="pending").exists()
    # Every city is acknowledged; staff hear of the first five alone and of the others in one
    # digest (applications/notifications.py): the cohort's lock orders the submissions.
    outbox = OutgoingEmail.objects
    assert outbox.filter(kind=ACKNOWLEDGEMENT).count() == SUBMISSIONS
    assert outbox.filter(kind=STAFF_NOTIFICATION).count() == 5
    assert outbox.filter(kind=STAFF_DIGEST).count() == 1
    assert stored.filter(staff_digest__isnull=False).count() == SUBMISSIONS - 5
    emails = DBTaskResult.objects.filter(task_path="mail.tasks.send_email")
    assert emails.count() == outbox.count(), "every email is queued with its task"


def test_a_double_click_submits_twice_and_the_second_is_flagged(apply_pages, italy, monkeypatch):
    """The same application posted twice at the same moment: both are kept, and staff see that
    one of them repeats the other.

    Both requests are held just before looking for an earlier application, so that their
    transactions overlap at the worst moment. A correct fix (e.g. locking the cohort's row
    first) keeps the second request from getting there before the first commits: the wait
    then simply times out and the first one goes on.
    """
    url = apply_pages["en"].url
    together = threading.Barrier(2)
    find_earlier = submission.find_earlier_application

    def wait_then_find(application):
        with contextlib.suppress(threading.BrokenBarrierError):
            together.wait(timeout=5)
        return find_earlier(application)

    monkeypatch.setattr(submission, "find_earlier_application", wait_then_find)

    def post():
        return Client().post(url, valid_data(italy))

    with time_machine.travel(DURING_WINDOW):
        responses, errors = run_at_once([post, post])

    assert errors == [None, None]
    assert [r.status_code for r in responses] == [302, 302]
    first, second = Application.objects.order_by("pk")
    assert first.possible_duplicate_of is None
    assert second.possible_duplicate_of == first, "the repeat is flagged to staff"


@pytest.fixture
def two_applications(apply_pages, italy, client):
    """Two cities of two participants each, for a cohort with three seats: room for one."""
    Cohort.objects.filter(pk=italy.pk).update(seats=3)
    first = submit(client, apply_pages["en"], italy)
    second = submit(client, apply_pages["en"], italy, authority_name="Modena")
    return first, second


def deciding_together(count):
    """Hold every reviewer just before the seats are counted, then let them all go, so their
    transactions overlap at the worst moment."""
    together = threading.Barrier(count)
    move_seats = decisions._move_seats

    def wait_then_move(cohort_id, delta):
        together.wait(timeout=TIMEOUT)
        return move_seats(cohort_id, delta)

    return wait_then_move


def test_two_reviewers_accepting_at_once_never_exceed_the_seats(
    two_applications, italy, monkeypatch, django_user_model
):
    first, second = two_applications
    reviewers = [
        django_user_model.objects.create_user(f"reviewer{n}", is_staff=True) for n in (1, 2)
    ]
    monkeypatch.setattr(decisions, "_move_seats", deciding_together(2))

    results, errors = run_at_once(
        [
            lambda: change_status(first, ApplicationStatus.ACCEPTED, reviewers[0]),
            lambda: change_status(second, ApplicationStatus.ACCEPTED, reviewers[1]),
        ]
    )

    refused = [error for error in errors if error is not None]
    assert len(refused) == 1 and isinstance(refused[0], NotEnoughSeats), errors
    assert sum(result is not None for result in results) == 1, "exactly one is accepted"
    cohort = Cohort.objects.get(pk=italy.pk)
    assert cohort.accepted_participants == 2 <= cohort.seats
    statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == [ApplicationStatus.ACCEPTED, ApplicationStatus.SUBMITTED]
    accepted = Application.objects.get(status=ApplicationStatus.ACCEPTED)
    assert accepted.status_changes.count() == 1
    refused_one = Application.objects.get(status=ApplicationStatus.SUBMITTED)
    assert not refused_one.status_changes.exists(), "no history for a refused decision"


def test_two_reviewers_accepting_the_same_application_at_once_count_its_seats_once(
    two_applications, italy
):
    first, _second = two_applications
    results, errors = run_at_once(
        [lambda: change_status(first, ApplicationStatus.ACCEPTED) for _ in range(2)]
    )
    assert errors == [None, None]
    assert sum(result is not None for result in results) == 1, "one change, one no-op"
    assert Cohort.objects.get(pk=italy.pk).accepted_participants == 2
    assert Application.objects.get(pk=first.pk).status_changes.count() == 1
