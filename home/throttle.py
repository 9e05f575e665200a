"""Counting what one client does in a time window (certificate look-ups, failed sign-ins).

Counts live in the shared cache under a hash, so no address or name is stored in clear. When
the cache cannot be reached, `count` and `counted` return None and log it: each caller says
what an outage means for its limit (sign-in fails closed, a public look-up stays open).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request):
    """The client's address; behind TRUSTED_PROXY_COUNT proxies, the one they recorded."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, identity):
    return f"{scope}:{hashlib.sha256(identity.encode()).hexdigest()[:32]}"


def _cache_down(scope, error):
    logger.error("Rate limit %s: the shared cache is unavailable (%s)", scope, type(error).__name__)


def count(scope, identity, window):
    """Count one more event for `identity` in `scope`; return the count within the window, or
    None when the cache is unavailable."""
    key = _key(scope, identity)
    try:
        if cache.add(key, 0, timeout=window) is None:
            raise ConnectionError("the cache answered nothing")  # django-redis, exceptions off
        try:
            return cache.incr(key)
        except ValueError:  # Expired between add and incr.
            cache.set(key, 1, timeout=window)
            return 1
    except Exception as error:  # The cache backend's own errors differ (Redis, memcached…).
        _cache_down(scope, error)
        return None


def counted(scope, identity):
    """How many events `identity` has in `scope` now, without counting one (None when the
    cache is unavailable)."""
    key = _key(scope, identity)
    try:
        # has_key() says True or False; None only when the cache could not be asked.
        if cache.has_key(key) is None:
            raise ConnectionError("the cache answered nothing")
        return cache.get(key, 0)
    except Exception as error:
        _cache_down(scope, error)
        return None


def forget(scope, identity):
    try:
        cache.delete(_key(scope, identity))
    except Exception as error:
        _cache_down(scope, error)
