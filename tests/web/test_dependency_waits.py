"""Every wait on a dependency is bounded below gunicorn's timeout (checked when it starts), and
a circuit breaker, once tripped, skips its dependency for every thread of the process and says
so in one log line."""

import logging
import socket
import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_finished, request_started
from django.urls import reverse
from django.utils import translation

from web.breaker import CircuitBreaker
from web.outages import check_waits_within, longest_waits
from web.shared_cache import SHARED_CACHE, cache_settings


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


@pytest.fixture(params=["refused", "hung"])
def redis_down(request, settings):
    """The shared cache is a Redis that refuses connections, or one that accepts them and never
    answers (a stopped process: the kernel still completes the handshake)."""
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        if request.param == "hung":
            hung.listen(64)
        port = hung.getsockname()[1]
        settings.CACHES = cache_settings(
            f"redis://127.0.0.1:{port}/0", connect_timeout=0.2, timeout=0.2
        )
        SHARED_CACHE.reset()
        yield request.param
        SHARED_CACHE.reset()


def warnings_and_worse(caplog):
    assert not any(record.exc_info for record in caplog.records), "no traceback"
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]


@pytest.mark.django_db
def test_a_page_view_during_a_redis_outage_writes_one_log_line(
    site_tree, client, redis_down, caplog, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    caplog.set_level(logging.DEBUG)
    response = client.get(site_tree.translations["fr"]["about"].url)
    assert response.status_code == 200
    (line,) = warnings_and_worse(caplog)
    assert line.startswith("The shared cache did not answer")


@pytest.mark.django_db
def test_a_rate_limited_form_during_a_redis_outage_writes_one_log_line(
    site_tree, client, redis_down, caplog
):
    """The password reset counts per client and per recipient: neither adds its own line."""
    caplog.set_level(logging.DEBUG)
    with translation.override("en"):
        url = reverse("members:password_reset")
    response = client.post(url, {"email": "someone@example.org"})
    assert response.status_code in (302, 429)
    # (a 429, the limits failing closed for email senders, is logged by Django as any 429)
    caplog.records[:] = [record for record in caplog.records if record.name != "django.request"]
    (line,) = warnings_and_worse(caplog)
    assert line.startswith("The shared cache did not answer")
