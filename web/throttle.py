"""Counting what one client, or one recipient, does in a time window, and the 429 answer.

Limits guard the forms that send email or look something up (members' password reset, opening
alerts, certificate look-ups): per client address and per target address. Counts live in the
shared cache (Redis in production), so every app server counts together, under a hash, so no
address or name is stored in clear. A window starts with the first event and lasts
`window` seconds; `Retry-After` gives what is left of it. Sign-in failures are counted by
django-axes (members/lockout.py), not here.
"""

import functools
import hashlib
import ipaddress
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render

from web.shared_cache import SHARED_CACHE

logger = logging.getLogger(__name__)
# What a limit answers while the shared cache is down: nothing can be counted, so each limit
# says whether it stays open (a look-up shows only public facts) or closes (email senders).
OUTAGE_RETRY_AFTER = 60


@dataclass(frozen=True)
class Limit:
    """At most `allowed` events of `scope` per identity within `window` seconds."""

    scope: str
    allowed: int
    window: int
    open_when_cache_is_down: bool = False

    @classmethod
    def from_setting(cls, scope, setting_name, open_when_cache_is_down=False):
        allowed, window = getattr(settings, setting_name)
        return cls(scope, allowed, window, open_when_cache_is_down)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends


def client_address(request):
    """The client's address: the connection's, or, when that is a trusted proxy, the last
    address in X-Forwarded-For that is not one of TRUSTED_PROXIES.

    Each proxy appends the address it saw, so walking from the right past the trusted ones
    reaches the first address no trusted proxy vouches for; anything further left may be
    forged. A request that reaches gunicorn without a trusted proxy is counted by its own
    address, whatever it claims. Also django-axes' AXES_CLIENT_IP_CALLABLE, so sign-in
    lockouts count the same address.
    """
    address = request.META.get("REMOTE_ADDR", "")
    trusted = trusted_proxies(tuple(settings.TRUSTED_PROXIES))
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    while _is_trusted(address, trusted) and forwarded:
        address = forwarded.pop()
    return address


@functools.cache
def trusted_proxies(entries):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _key(scope, identity):
    return f"throttle:{scope}:{hashlib.sha256(identity.encode()).hexdigest()[:32]}"


class CacheUnavailable(Exception):
    pass


def hit(limit, identity):
    """Count one event for `identity`; say whether it is within the limit and when it resets.

    When the shared cache cannot be reached (an exception, or django-redis answering nothing
    with its exceptions switched off), the outage is logged and the limit's own rule decides.
    """
    try:
        return _counted_hit(limit, identity)
    except Exception as error:  # Each cache backend raises its own errors.
        # When the breaker opened, it has said so once; a line per limit would repeat it.
        log = logger.debug if SHARED_CACHE.is_open() else logger.error
        log(
            "Rate limit %s: the shared cache is unavailable (%s)",
            limit.scope,
            type(error).__name__,
        )
        return Verdict(allowed=limit.open_when_cache_is_down, retry_after=OUTAGE_RETRY_AFTER)


def _counted_hit(limit, identity):
    key = _key(limit.scope, identity)
    now = time.time()
    if cache.add(f"{key}:start", now, timeout=limit.window) is None:
        raise CacheUnavailable("the cache answered nothing")
    cache.add(key, 0, timeout=limit.window)
    try:
        count = cache.incr(key)
        if count is None:
            raise CacheUnavailable("the cache answered nothing")
    except ValueError:  # Expired between add and incr.
        cache.set(f"{key}:start", now, timeout=limit.window)
        cache.set(key, 1, timeout=limit.window)
        count = 1
    started = cache.get(f"{key}:start") or now
    retry_after = max(1, math.ceil(started + limit.window - now))
    return Verdict(allowed=count <= limit.allowed, retry_after=retry_after)


def forget(limit, identity):
    key = _key(limit.scope, identity)
    cache.delete_many([key, f"{key}:start"])


def retry_after_header(seconds):
    return str(max(1, int(seconds)))


def too_many_requests(request, retry_after, template_name="too_many_requests.html"):
    """HTTP 429 with Retry-After: a translated page, or JSON for a JSON client."""
    if "application/json" in request.headers.get("Accept", ""):
        return too_many_requests_json(retry_after)
    minutes = max(1, math.ceil(retry_after / 60))
    response = render(
        request, template_name, {"retry_after": retry_after, "minutes": minutes}, status=429
    )
    response["Retry-After"] = retry_after_header(retry_after)
    return response


def too_many_requests_json(retry_after):
    response = JsonResponse({"error": "too many requests", "retry_after": retry_after}, status=429)
    response["Retry-After"] = retry_after_header(retry_after)
    return response
