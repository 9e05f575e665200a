"""Generation counters in the shared cache.

Entries are kept under a key holding a generation's number; moving the generation on makes
every entry kept under the old number unreadable at once, without finding or deleting them.
"""

import time

from django.core.cache import cache


def move_on(key):
    """Entries kept under the generation in `key` are read no more. A generation that is
    missing (the first change, or evicted) restarts from the clock, never from a number entries
    may still be kept under."""
    try:
        cache.incr(key)
    except ValueError:
        if not cache.add(key, time.time_ns(), None):
            cache.incr(key)
