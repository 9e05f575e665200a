"""Counting what one client does in a time window (certificate look-ups, failed sign-ins).

Counts live in the shared cache under a hash, so no address or name is stored in clear.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


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


def count(scope, identity, window):
    """Count one more event for `identity` in `scope`; return the count within the window."""
    key = _key(scope, identity)
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # Expired between add and incr.
        cache.set(key, 1, timeout=window)
        return 1


def counted(scope, identity):
    """How many events `identity` has in `scope` now, without counting one."""
    return cache.get(_key(scope, identity), 0)


def forget(scope, identity):
    cache.delete(_key(scope, identity))
