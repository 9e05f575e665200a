"""Every wait on a dependency is bounded below gunicorn's timeout (checked when it starts), and
a circuit breaker, once tripped, skips its dependency for every thread of the process and says
so in one log line."""

import logging
import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_finished, request_started

from web.breaker import CircuitBreaker
from web.outages import check_waits_within, longest_waits


def test_the_default_waits_fit_within_gunicorns_timeout():
    check_waits_within(30)
    assert sum(longest_waits().values()) < 30


def test_gunicorn_refuses_a_timeout_shorter_than_the_waits(settings):
    settings.RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 25
    with pytest.raises(ImproperlyConfigured, match="RECAPTCHA_VERIFY_REQUEST_TIMEOUT"):
        check_waits_within(30)


def test_a_tripped_breaker_skips_for_every_thread_and_logs_once(caplog):
    breaker = CircuitBreaker("The test server", lambda: 0.3)
    assert not breaker.is_open()
    with caplog.at_level(logging.ERROR, logger="web.breaker"):
        breaker.trip(TimeoutError())
        breaker.trip(TimeoutError())
    seen_elsewhere = []
    thread = threading.Thread(target=lambda: seen_elsewhere.append(breaker.is_open()))
    thread.start()
    thread.join()
    assert seen_elsewhere == [True]
    assert [record.getMessage() for record in caplog.records] == [
        "The test server did not answer (TimeoutError): skipped for 0.3 s"
    ]
    assert not any(record.exc_info for record in caplog.records)
    time.sleep(0.4)
    assert not breaker.is_open(), "one call is let through again after a while"


@pytest.mark.django_db  # the end of a request closes stale database connections
def test_within_a_request_the_breaker_stays_open_until_its_end():
    breaker = CircuitBreaker("The request test server", lambda: 0)
    request_started.send(sender=None)
    breaker.trip(TimeoutError())
    assert breaker.is_open(), "the rest of this request skips the dependency"
    request_finished.send(sender=None)
    assert not breaker.is_open()
