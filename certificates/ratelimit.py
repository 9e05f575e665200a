"""How many certificate look-ups one client may make: guessing codes is slowed down."""

from web.throttle import Limit, client_address, hit


def lookup_verdict(request):
    """Count one look-up for this client; the verdict says whether it is allowed and until
    when it is not."""
    # Without the shared cache look-ups stay open: they show only what a holder chose to share.
    limit = Limit.from_setting(
        "certificates:lookups", "CERTIFICATE_LOOKUP_RATE", open_when_cache_is_down=True
    )
    return hit(limit, client_address(request))
