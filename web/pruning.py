"""Forgetting what the site no longer needs, every night (`manage.py prune_records`, run by
aicities-prune.timer).

Each app registers what it keeps for a while and then deletes through the `prune_records`
hook: a function that takes "now" and returns {what: how many deleted}. The site frame prunes
expired sessions itself; mail prunes finished task results, members the sign-in records
(django-axes), after the retention the privacy notice states. Each runs on its own: one that
fails is reported and the others still run.
"""

import logging
from importlib import import_module

from django.conf import settings
from wagtail import hooks

logger = logging.getLogger(__name__)

PRUNE_HOOK = "prune_records"


def prune_expired_sessions(now):
    """Sessions past their expiry date (signed-out visitors never come back to end them)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    model = getattr(store, "get_model_class", None)
    if model is None:  # sessions kept in the cache or in cookies expire by themselves
        return {}
    deleted, _ = model().objects.filter(expire_date__lt=now).delete()
    return {"expired sessions": deleted}


def all_pruners():
    pruners = {"sessions": prune_expired_sessions}
    for register in hooks.get_hooks(PRUNE_HOOK):
        pruners.update(register())
    return pruners


def prune(now):
    """Run every pruner; return ({what: deleted}, [names of the pruners that failed])."""
    deleted, failed = {}, []
    for name, pruner in all_pruners().items():
        try:
            deleted.update(pruner(now))
        except Exception:
            logger.exception("Pruning %s failed", name)
            failed.append(name)
    return deleted, failed
