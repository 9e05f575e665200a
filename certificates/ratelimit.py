"""How many certificate look-ups one client may make: guessing codes is slowed down."""

from django.conf import settings

from home.throttle import client_address, count


def allow_lookup(request):
    """Count one look-up for this client; False once it made too many in the window."""
    allowed, window = settings.CERTIFICATE_LOOKUP_RATE
    seen = count("certificates:lookups", client_address(request), window)
    # Without the shared cache a look-up stays open: it shows only what a certificate's
    # holder chose to share, and refusing every visitor would be worse than not counting.
    return seen is None or seen <= allowed
