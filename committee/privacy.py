"""Keep page privacy the same in every language tree.

Wagtail's view restrictions belong to one page, so a restriction set on /en/committee/library/
would not protect /fr/…/library/. wagtail-localize copies restrictions when it syncs a
translation, but not when an editor restricts a page that is already translated, nor for
aliases created earlier (Wagtail copies restrictions only when it creates the copy). These
handlers close the gap, failing closed: a restriction added or changed on one language's page
is copied to its other languages. Removing a restriction is never copied: an editor removes it
language by language (a members-only note does it through its own box, synced by translation).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

_mirroring = ContextVar("mirroring_view_restrictions", default=False)


@contextmanager
def _mirroring_now():
    token = _mirroring.set(True)
    try:
        yield
    finally:
        _mirroring.reset(token)


def _other_language_pages(page):
    """Its translations, and its aliases (which may carry a translation key of their own)."""
    return Page.objects.filter(Q(translation_key=page.translation_key) | Q(alias_of=page)).exclude(
        pk=page.pk
    )


def _copy_restriction(source, page):
    """Give `page` exactly one restriction, the same as `source` (type, groups and password)."""
    existing = list(PageViewRestriction.objects.filter(page=page).order_by("pk"))
    target = existing[0] if existing else PageViewRestriction(page=page)
    for extra in existing[1:]:
        extra.delete()
    target.restriction_type = source.restriction_type
    target.password = source.password
    target.save()
    target.groups.set(source.groups.all())


def _is_settled(restriction):
    """A group restriction is saved before its groups are set: mirror it once it has them."""
    return restriction.restriction_type != PageViewRestriction.GROUPS or restriction.groups.exists()


def mirror_restriction(restriction):
    """Copy `restriction` to the same page in every other language."""
    if _mirroring.get() or not _is_settled(restriction):
        return
    with _mirroring_now():
        for page in _other_language_pages(restriction.page):
            _copy_restriction(restriction, page)


def on_restriction_saved(sender, instance, **kwargs):
    mirror_restriction(instance)


def on_restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove") and isinstance(instance, PageViewRestriction):
        mirror_restriction(instance)
