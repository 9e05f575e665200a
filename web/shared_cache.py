"""The shared cache (Redis) behind a circuit breaker: a hung Redis costs one short wait.

Every byte django-redis sends to Redis or reads from it goes through a redis-py connection;
ours asks the breaker first. While it is open a call fails at once, without touching the
network, and django-redis (`IGNORE_EXCEPTIONS`) turns that into a miss, as for any failed
call: pages are rendered as if nothing were cached, and the rate limits decide for themselves
what a miss means (web/throttle.py). A timeout or a lost connection opens it.
"""

import redis
from django.conf import settings

from web.breaker import CircuitBreaker

SHARED_CACHE = CircuitBreaker("The shared cache", lambda: settings.CACHE_BREAKER_SECONDS)
FAILURES = (redis.TimeoutError, redis.ConnectionError)


class SkippedWhileBroken(redis.ConnectionError):
    """The breaker is open: Redis was not asked."""


class BreakerConnectionMixin:
    def _guarded(self, call, *args, **kwargs):
        if SHARED_CACHE.is_open():
            raise SkippedWhileBroken("skipped while the shared cache is not answering")
        try:
            return call(*args, **kwargs)
        except SkippedWhileBroken:
            raise
        except FAILURES as error:
            SHARED_CACHE.trip(error)
            raise

    def connect_check_health(self, *args, **kwargs):
        return self._guarded(super().connect_check_health, *args, **kwargs)

    def send_packed_command(self, *args, **kwargs):
        return self._guarded(super().send_packed_command, *args, **kwargs)

    def read_response(self, *args, **kwargs):
        return self._guarded(super().read_response, *args, **kwargs)


class BreakerConnection(BreakerConnectionMixin, redis.Connection):
    pass


class BreakerSSLConnection(BreakerConnectionMixin, redis.SSLConnection):
    pass


class BreakerUnixConnection(BreakerConnectionMixin, redis.UnixDomainSocketConnection):
    pass


def connection_class_for(url):
    """The breaker's connection for a Redis URL's scheme (redis://, rediss://, unix://)."""
    scheme = url.split("://", 1)[0].lower()
    return {"rediss": BreakerSSLConnection, "unix": BreakerUnixConnection}.get(
        scheme, BreakerConnection
    )


def cache_settings(url, *, connect_timeout, timeout):
    """The CACHES entry of the shared cache."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "aicities",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": connect_timeout,
                "SOCKET_TIMEOUT": timeout,
                # A failed call is a miss (or nothing done), never an error page; the breaker
                # logs the outage once, so django-redis logs nothing itself.
                "IGNORE_EXCEPTIONS": True,
                "CONNECTION_POOL_KWARGS": {"connection_class": connection_class_for(url)},
            },
        }
    }
