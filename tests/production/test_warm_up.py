"""gunicorn's master warms up what the workers share (aicities/warm_up.py, gunicorn.conf.py):
a template it names that no longer exists would stop every server from starting, so the suite
runs it. (That it leaves no connection open is seen by the servers of tests/production and the
smoke test: a shared SQLite or PostgreSQL connection fails their requests.)"""

from aicities.warm_up import warm_up


def test_warm_up_names_only_existing_templates():
    warm_up()  # raises TemplateDoesNotExist for a template that is gone
