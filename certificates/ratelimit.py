"""How many certificate look-ups one client may make: guessing codes is slowed down."""

from home.throttle import Limit, client_address, hit


def lookup_verdict(request):
    """Count one look-up for this client; the verdict says whether it is allowed and until
    when it is not."""
    limit = Limit.from_setting("certificates:lookups", "CERTIFICATE_LOOKUP_RATE")
    return hit(limit, client_address(request))
