"""A circuit breaker: once a dependency has failed to answer in time, stop asking it for a while.

A hung server (a stopped process, a paused machine) answers nothing: every call waits its whole
timeout. Without a breaker a page that makes fifty cache calls waits fifty timeouts. With one,
the first timeout opens the breaker: the rest of that request, and every request of the process
for the next few seconds, skip the dependency at once. Then one call is let through to see
whether it is back; if it fails again, the breaker opens again.

Each opening is logged once, in one line, never with a traceback: during an outage the log says
what is wrong without drowning the rest.
"""

import logging
import threading
import time

from django.core.signals import request_finished, request_started

logger = logging.getLogger(__name__)


class CircuitBreaker:
    """Open for `seconds()` after a failure, for every thread of this process; and for the rest
    of the request in which the failure happened."""

    def __init__(self, name, seconds):
        self.name = name
        self.seconds = seconds  # a callable, so a setting can be read when it is needed
        self._open_until = 0.0
        self._lock = threading.Lock()
        self._request = threading.local()
        request_started.connect(self._request_started, weak=False, dispatch_uid=f"{name}-1")
        request_finished.connect(self._request_finished, weak=False, dispatch_uid=f"{name}-2")

    def _request_started(self, **kwargs):
        self._request.active, self._request.failed = True, False

    def _request_finished(self, **kwargs):
        self._request.active, self._request.failed = False, False

    def is_open(self):
        return getattr(self._request, "failed", False) or time.monotonic() < self._open_until

    def trip(self, error):
        """Record a failure: skip the dependency from now on, and say so once."""
        if getattr(self._request, "active", False):
            self._request.failed = True
        seconds = self.seconds()
        with self._lock:
            was_open = time.monotonic() < self._open_until
            self._open_until = time.monotonic() + seconds
        if not was_open:
            logger.error(
                "%s did not answer (%s): skipped for %s s", self.name, type(error).__name__, seconds
            )

    def reset(self):
        """Close the breaker (tests, and nothing else)."""
        self._open_until = 0.0
        self._request.failed = False
