"""How many certificate look-ups one client may make: guessing codes is slowed down."""

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


def allow_lookup(request):
    """Count one look-up for this client; False once it made too many in the window."""
    allowed, window = settings.CERTIFICATE_LOOKUP_RATE
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"certificates:lookups:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # Expired between add and incr.
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= allowed
