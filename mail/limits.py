"""How many emails a visitor can make the site send to one address: flooding an inbox stops.

Every form that sends an email to an address typed by a visitor (members' password reset,
opening alert confirmations, application acknowledgements) asks `may_email` before queuing it:
at most EMAILS_PER_RECIPIENT_ALLOWED an hour and EMAILS_PER_RECIPIENT_PER_DAY a day to one
address, all kinds together. Beyond the limit the email is quietly not sent and the visitor sees
the usual answer, so the form reveals nothing about the address. Counts live in the shared
cache; while it is down, nothing can be counted and nothing is sent (closed for senders).
"""

from web.throttle import Limit, hit

RECIPIENT_SCOPE = "mail:requested-emails"
RECIPIENT_DAY_SCOPE = "mail:requested-emails-day"


def may_email(address):
    """Count one requested email to `address`; False once it had its share of the hour or day."""
    identity = (address or "").strip().casefold()
    hour = Limit.from_setting(RECIPIENT_SCOPE, "REQUESTED_EMAILS_PER_RECIPIENT_RATE")
    day = Limit.from_setting(RECIPIENT_DAY_SCOPE, "REQUESTED_EMAILS_PER_RECIPIENT_DAILY_RATE")
    # The day counts only what the hour let through: refused requests use up nothing.
    return hit(hour, identity).allowed and hit(day, identity).allowed
