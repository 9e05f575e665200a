"""How many emails a visitor can make the site send to one address: flooding an inbox stops.

Forms that send an email to an address typed by a visitor (members' password reset, opening
alert confirmations) ask `may_email` before queuing it. Beyond the limit the email is quietly
not sent and the visitor sees the usual answer, so the form reveals nothing about the address.
"""

from web.throttle import Limit, hit

RECIPIENT_SCOPE = "mail:requested-emails"


def may_email(address):
    """Count one requested email to `address`; False once it had its share in the window."""
    limit = Limit.from_setting(RECIPIENT_SCOPE, "REQUESTED_EMAILS_PER_RECIPIENT_RATE")
    return hit(limit, (address or "").strip().casefold()).allowed
