"""gunicorn settings, read from the working directory by every gunicorn we start (systemd unit,
smoke test, bench, production tests). Command-line options still override them.

The application is loaded once in the master and its workers are forked from it, so the
modules, URL patterns, templates and translation catalogues they all use sit in memory pages
the workers share instead of being loaded again by each one. Python's reference counting
writes into objects it touches, which would slowly copy those pages into every worker; moving
everything loaded so far out of the garbage collector's reach (gc.freeze) keeps them shared.
"""

import gc

preload_app = True


def when_ready(server):
    """Runs in the master after the application is loaded, before the first worker forks."""
    from aicities.warm_up import warm_up  # Django is set up only once the app has loaded

    warm_up()
    gc.collect()
    gc.freeze()
