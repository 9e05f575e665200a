"""Search and reference indexing deferred to the end of a bulk build.

Wagtail saves a page several times while it is copied for translation, revised and published,
and each save indexes it for search and for references. A build of many pages (the demo loader,
the tests' fixtures) indexes each saved object once, in its final state, when the outermost
`indexed_once` block ends: the same tasks as a save runs, a third as often.
"""

import contextlib
from collections import defaultdict

from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler as search_on_save
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

# The objects saved inside each open block, innermost last; only the outermost one indexes.
_deferred_saves = []


@contextlib.contextmanager
def indexed_once():
    """Index every object saved inside the block once, when the outermost block ends without
    an error (usable as a decorator). For commands and fixtures, not requests: the search
    signal is disconnected for the whole process while the block runs."""
    if _deferred_saves:
        yield
        return
    searched = {
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    }
    saved = set()

    def remember(sender, instance, raw=False, **kwargs):
        if not raw and (sender in searched or ReferenceIndex.is_indexed(sender)):
            saved.add((sender, instance.pk))

    for model in searched:
        post_save.disconnect(search_on_save, sender=model)
    post_save.connect(remember)
    _deferred_saves.append(saved)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        _deferred_saves.pop()
        post_save.disconnect(remember)
        for model in searched:
            post_save.connect(search_on_save, sender=model)
    saved_by_model = defaultdict(set)
    for model, pk in saved:
        saved_by_model[model].add(pk)
    for model, pks in saved_by_model.items():
        # What is still there (one query a model): an object deleted later in the block is not.
        for pk in model._default_manager.filter(pk__in=pks).values_list("pk", flat=True):
            args = (model._meta.app_label, model._meta.model_name, str(pk))
            if model in searched:
                insert_or_update_object_task.enqueue(*args)
            if ReferenceIndex.is_indexed(model):
                update_reference_index_task.enqueue(*args)
