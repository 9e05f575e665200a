"""gunicorn settings, read from the working directory by every gunicorn we start (systemd unit,
smoke test, bench, production tests). Command-line options still override them.

The application is loaded once in the master and its workers are forked from it, so the
modules, URL patterns, templates and translation catalogues they all use sit in memory pages
the workers share instead of being loaded again by each one. Python's reference counting
writes into objects it touches, which would slowly copy those pages into every worker; moving
everything loaded so far out of the garbage collector's reach (gc.freeze) keeps them shared.

A worker busy with one request for `timeout` seconds is killed. Every wait of a request on a
dependency is bounded by settings well below it (web/outages.py checks their sum here, and
gunicorn refuses to start when it is not below), so a hung database or cache gives visitors a
503 or a page in seconds, never a killed worker.
"""

import gc

preload_app = True
timeout = 30


def when_ready(server):
    """Runs in the master after the application is loaded, before the first worker forks."""
    # Django is set up only once the app has loaded.
    from aicities.warm_up import warm_up
    from web.outages import check_waits_within

    check_waits_within(server.cfg.timeout)
    warm_up()
    gc.collect()
    gc.freeze()
