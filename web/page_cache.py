"""A page cache for anonymous visitors, in the shared cache, fresh the moment a record changes.

Why not wagtail-cache: its 3.0.0 release requires `wagtail<8.0`, and it would still need this
project's rules (the session cookie, form tokens, private responses, the CSP nonce) grafted on.
Django's own cache middleware keys by Vary headers (Cookie) and has no invalidation but
expiry. So this is one small middleware on Django's cache primitives:

- **Who**: only an anonymous GET or HEAD to a language-prefixed address (`/en/…`) is looked up:
  a request carrying the session cookie (signed in) or a flash message never is.
- **What is kept**: a response `web.cache_headers.is_public` calls public (no cookie set, no
  CSRF token, not marked private, a 200), served by a Wagtail page or by a view an app
  registered (`register(..., url_names=...)`). Form pages are excluded (`exclude`); any other
  view (sign-in, password reset, certificate verification, search…) is never kept.
- **Key**: host, path, the query parameters some kind of page reads (`reads_query`: a
  listing's `page`, the notes' filters), language and today's date (a page whose words depend
  on the date, "applications open", turns over at midnight). Any other parameter (`utm_*`, a
  cache-busting flood) is left out of the key, so `?anything` finds the page kept without it;
  a response rendered with a parameter its kind of page does not read is not kept, so a flood
  of variants cannot push the rate limits out of a size-capped cache.
- **Freshness**: each stored page remembers the generation numbers of the groups of records it
  shows (`register`: which models appear on which pages). Saving such a record moves its
  group's generation on (now and again when its transaction commits), and every page of the
  group is stale at once, in every language. The site frame (footer, contact settings, locale,
  the menu) is on every page: changing it moves the `site` group, which every page holds, and
  that clears everything, honestly.
- **Pages show pages of their own section**: a listing its children, a child its parent in the
  breadcrumbs, every page its translations in the language switcher. So every page (and every
  view) under `/<lang>/<section>/` holds that section's group, and publishing or unpublishing
  a page moves on its section's group in every language (the section is its ancestor right
  under the home page, whose slug is the first segment of the address). A page right under
  the home page is in the menu, on every page: publishing it, or moving any page, clears
  everything. Pages shown outside their section (a note on the events page) are registered
  like any record (`register(models=[ThatPage], pages=[...])`).
- **Whole response**: the middleware sits outside the CSP middleware, so a kept page keeps the
  Content-Security-Policy whose nonce its inline script carries. A nonce repeated for a few
  minutes is what a CDN does anyway; a page whose content changes is rendered again, with a
  new nonce.

`X-Page-Cache: hit | miss | skip` says what happened (`miss`: rendered and kept; `skip`: not
looked up or not kept). `PAGE_CACHE_SECONDS=0` turns the cache off.

- **Who may see a page**: adding, changing or removing a page's view restriction (Wagtail's
  privacy dialog), on the page or an ancestor, clears its section in every language at once,
  as publishing does; a moved page clears everything, an unpublished one its section.

When a group moves on, Wagtail's frontend cache (a CDN) is purged for the pages of the group
too, if `WAGTAILFRONTENDCACHE` is configured: the groups of one request (or of one
`purges_collected()` block) are gathered as their transactions commit, and each distinct
address is purged once, by a background task with retries (`purge_cdn`), after the response.
Wagtail's own purge on publish (`wagtail.contrib.frontend_cache`'s signal handlers, one call
per page inside the editor's request) is not installed: this module purges the same pages.
"""

import contextlib
import datetime
import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from web.cache_headers import is_public
from web.generations import move_on

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
SITE = "site"
KEY_PREFIX = "page-cache"
MESSAGES_COOKIE = "messages"
SECTION_DEPTH = 3  # root (1), a language's home page (2), its sections (3)


@dataclass
class Group:
    name: str
    pages: list = field(default_factory=list)  # Wagtail page classes (isinstance)
    url_names: set = field(default_factory=set)  # view names of other views, "app:name"
    purge_paths: list = field(default_factory=list)  # callables: () -> paths to purge


@dataclass(frozen=True)
class QueryReads:
    names: frozenset
    pages: tuple = ()  # Wagtail page classes (isinstance)
    url_names: frozenset = frozenset()


_groups = {SITE: Group(SITE)}
_query_reads = []
_excluded_pages = []
_model_groups = {}  # model class -> [(group, when)]
_loaded = False


def register(group, *, models=(), pages=(), url_names=(), when=None, purge_paths=None):
    """Say that records of `models` appear on `pages` (classes) and on views `url_names`.

    Apps call it at the top of their wagtail_hooks.py. Saving or deleting one of the records
    (if `when(instance)` says so) clears every page of the group. A view registered in no group
    is never kept.
    """
    entry = _groups.setdefault(group, Group(group))
    entry.pages.extend(pages)
    entry.url_names.update(url_names)
    if purge_paths:
        entry.purge_paths.append(purge_paths)
    for model in models:
        _model_groups.setdefault(model, []).append((group, when))


def reads_query(*names, pages=(), url_names=()):
    """Say that `pages` (classes) and views `url_names` read the query parameters `names`: they
    are part of those pages' keys. A parameter no kind of page reads never is."""
    _query_reads.append(QueryReads(frozenset(names), tuple(pages), frozenset(url_names)))


def exclude(*, pages=()):
    """Page classes never kept (pages with forms)."""
    _excluded_pages.extend(pages)


def ensure_loaded():
    """Import every app's wagtail_hooks.py (where they register) once, in any process."""
    global _loaded
    if not _loaded:
        _loaded = True
        # Imported here: Wagtail's hook search imports every app's wagtail_hooks, which needs
        # the app registry ready; this runs on the first request or the first save.
        from wagtail.hooks import search_for_hooks

        search_for_hooks()


def record_changed(sender, instance, **kwargs):
    """post_save / post_delete of any model: move on the groups that show it."""
    if kwargs.get("raw"):
        return
    ensure_loaded()
    for group, when in _model_groups.get(sender, ()):
        if when is None or when(instance):
            invalidate(group)


def section_group(language, segment):
    return f"section:{language}:{segment}"


def section_of(path, language):
    """The section group of an address: its first segment after the language prefix."""
    segments = path.strip("/").split("/")
    return section_group(language, segments[1] if len(segments) > 1 else "")


def page_changed(sender, instance, **kwargs):
    """A page published or unpublished: its section in every language is stale; a page right
    under a home page is in the menu, the site frame."""
    if instance.depth <= SECTION_DEPTH:
        invalidate(SITE)
        return
    section = instance.get_ancestors().filter(depth=SECTION_DEPTH).first()
    if section is None:  # not under a home page: shown nowhere
        return
    translations = (
        section.get_translations(inclusive=True)
        .select_related("locale")
        .only("id", "path", "depth", "slug", "locale__language_code")
    )
    for translation_ in translations:
        invalidate(
            section_group(translation_.locale.language_code, translation_.slug),
            purge_pages=lambda section=translation_: section.get_descendants(inclusive=True),
        )


def page_moved(sender, instance, **kwargs):
    """A moved page changes addresses in its old and new sections and maybe the menu (and
    moved under a private page, it must no longer be served to anyone)."""
    invalidate(SITE)


def page_restriction_changed(sender, instance, **kwargs):
    """A page's view restriction added, changed or removed: the page and its descendants, in
    every language, are stale at once, as when it is published (its section, or everything
    for a page in the menu)."""
    if kwargs.get("raw"):
        return
    try:
        page = instance.page
    except ObjectDoesNotExist:  # the page itself is being deleted
        return
    page_changed(sender, page)


def collection_restriction_changed(sender, instance, **kwargs):
    """A collection's view restriction changed: its documents' addresses (and those of the
    collections under it) are purged at the CDN. Documents are served outside the language
    prefix, so the page cache never holds them."""
    if kwargs.get("raw"):
        return
    try:
        collections = instance.collection.get_descendants(inclusive=True)
    except ObjectDoesNotExist:
        return
    documents = get_document_model().objects.filter(collection__in=collections)
    transaction.on_commit(
        lambda: purge_later(paths=lambda: [document.url for document in documents])
    )


post_save.connect(record_changed, dispatch_uid="page-cache-save")
post_delete.connect(record_changed, dispatch_uid="page-cache-delete")
page_published.connect(page_changed, dispatch_uid="page-cache-published")
page_unpublished.connect(page_changed, dispatch_uid="page-cache-unpublished")
post_page_move.connect(page_moved, dispatch_uid="page-cache-moved")
for _signal in (post_save, post_delete):
    _signal.connect(
        page_restriction_changed, sender=PageViewRestriction, dispatch_uid="page-cache-privacy"
    )
    _signal.connect(
        collection_restriction_changed,
        sender=CollectionViewRestriction,
        dispatch_uid="page-cache-collection-privacy",
    )


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


# --- Generations ------------------------------------------------------------------------------


def generation_key(group):
    return f"{KEY_PREFIX}:generation:{group}"


def _bump_quietly(group):
    try:
        move_on(generation_key(group))
    except Exception:  # a dead cache holds nothing to clear
        logger.warning("page cache: could not move %s on", group, exc_info=True)


def generation_keys(path, language):
    """{group: its generation's key} for every group and the section of `path`."""
    section = section_of(path, language)
    return {g: generation_key(g) for g in [*_groups, section]}


def known_generations(generations):
    """The generations as a sorted tuple, or None if one is missing (a part kept under a
    missing generation would outlive the change that sets it, web/fragments.py)."""
    if any(value is None for value in generations.values()):
        return None
    return tuple(sorted(generations.items()))


def generations_for(path, language):
    """The generations of every group and of `path`'s section, read in one round trip (a
    missing one is set first); None when the cache is not answering."""
    try:
        keys = generation_keys(path, language)
        found = with_missing_set(keys, cache.get_many(keys.values()))
    except Exception:  # a dead cache: nothing is kept
        logger.warning("page cache: generations not read", exc_info=True)
        return None
    return known_generations({g: found.get(k) for g, k in keys.items()})


def with_missing_set(keys, found):
    """`found` (a get_many's answer), with the generations it lacked set first (the first
    request after a flush or an eviction), so a page is kept under the numbers it will be
    read with."""
    missing = [key for key in keys.values() if found.get(key) is None]
    if not missing:
        return found
    for key in missing:
        cache.add(key, time.time_ns(), None)
    return {**found, **cache.get_many(missing)}


def invalidate(group, purge_pages=None):
    """Every kept page that shows `group` is stale, now and once the transaction commits (a
    page rendered in between from the old rows is not served either).

    The CDN is purged after the commit too: for a registered group its pages, and
    `purge_pages()` (a queryset of pages) if given.
    """
    _bump_quietly(group)

    def after_commit():
        _bump_quietly(group)
        purge_later(group=group, pages=purge_pages)

    transaction.on_commit(after_commit)


def invalidate_everything():
    invalidate(SITE)


# --- Frontend cache (CDN) ---------------------------------------------------------------------


def paths_in_every_language(url_name):
    paths = []
    for code, _name in settings.LANGUAGES:
        # A view that needs arguments is purged through its group's purge_paths.
        with translation.override(code), contextlib.suppress(NoReverseMatch):
            paths.append(reverse(url_name))
    return paths


@dataclass
class PendingPurge:
    """What the committed changes of one request (or block) ask the CDN to forget."""

    groups: set = field(default_factory=set)
    pages: list = field(default_factory=list)  # callables: () -> a queryset of pages
    paths: list = field(default_factory=list)  # callables: () -> paths
    warm: list = field(default_factory=list)  # callables: () -> full addresses to render again

    def add(self, group=None, pages=None, paths=None, warm=None):
        if group is not None:
            self.groups.add(group)
        if pages is not None:
            self.pages.append(pages)
        if paths is not None:
            self.paths.append(paths)
        if warm is not None:
            self.warm.append(warm)


# One per thread: a gunicorn worker thread serves one request at a time.
_collecting = threading.local()


def purge_later(group=None, pages=None, paths=None):
    """Ask the CDN to forget `group`'s pages and views, `pages()` and `paths()`: at the end of
    the request (or `purges_collected` block) if one is collecting, else now. Call it after
    the change is committed."""
    pending = getattr(_collecting, "pending", None)
    if pending is None:
        pending = PendingPurge()
        pending.add(group, pages, paths)
        send(pending)
    else:
        pending.add(group, pages, paths)


def warm_later(urls):
    """Render the pages at `urls()` (full addresses) again for anonymous visitors, into the
    page cache, after the response (or `purges_collected` block): one task for all the changes
    of a request, each address once. Call it after the change is committed."""
    pending = getattr(_collecting, "pending", None)
    if pending is None:
        send(PendingPurge(warm=[urls]))
    else:
        pending.add(warm=urls)


@contextlib.contextmanager
def purges_collected():
    """Gather the purges of the changes committed inside, and send each address once at the
    end (a management command or a task changing many records)."""
    if getattr(_collecting, "pending", None) is not None:
        yield
        return
    _collecting.pending = PendingPurge()
    try:
        yield
    finally:
        pending, _collecting.pending = _collecting.pending, None
        send(pending)


def _start_collecting(sender, **kwargs):
    _collecting.pending = PendingPurge()


def _purge_collected(sender, **kwargs):
    pending, _collecting.pending = getattr(_collecting, "pending", None), None
    if pending is not None:
        send(pending)


# Every request collects: the response is sent (request_finished fires when the server closes
# it), then its purges go out, once per address.
request_started.connect(_start_collecting, dispatch_uid="page-cache-collect")
request_finished.connect(_purge_collected, dispatch_uid="page-cache-purge")


def send(pending):
    """What a request (or block) collected: the CDN's purge, then the pages to warm, each in
    one background task."""
    purge_frontend_cache(pending)
    if pending.warm and enabled():
        # dict.fromkeys: the same callable (equal ones) asked for by several saves runs once.
        urls = {url for urls in dict.fromkeys(pending.warm) for url in urls()}
        if urls:
            warm_pages.enqueue(sorted(urls))


def frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_frontend_cache(pending):
    """Purge the CDN for the pages and views of `pending`'s groups (everything for the site
    frame) and its other pages and paths, each address once, in a background task."""
    if not frontend_cache_configured():
        return
    urls = addresses(pending)
    if urls:
        purge_cdn.enqueue(sorted(urls))


def addresses(pending):
    """The full addresses of what `pending` asks to forget."""
    # Imported here: the purge utilities load the backends' HTTP clients, needed only when a
    # frontend cache is configured and a record changed.
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    if SITE in pending.groups:
        entries, page_sets = list(_groups.values()), [Page.objects.all()]
    else:
        entries = [_groups[group] for group in pending.groups if group in _groups]
        page_sets = [page_class.objects.all() for entry in entries for page_class in entry.pages]
    page_sets += [pages() for pages in pending.pages]
    batch = PurgeBatch()
    for page_set in page_sets:
        batch.add_pages(page_set.live().specific())
    base = settings.BASE_URL.rstrip("/")
    for entry in entries:
        for name in entry.url_names:
            batch.add_urls(base + path for path in paths_in_every_language(name))
        for paths in entry.purge_paths:
            batch.add_urls(base + path for path in paths())
    for paths in pending.paths:
        batch.add_urls(base + path for path in paths())
    return batch.urls


PURGE_ATTEMPTS = 5
FIRST_PURGE_RETRY_DELAY = datetime.timedelta(seconds=30)


@task(backend="queue")
def purge_cdn(urls, attempt=1):
    """Purge `urls` at the CDN; while its API fails, try again later (30 s, 1, 2, 4 min)."""
    # Imported here, as above: the backends' HTTP clients.
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    try:
        purge_urls_from_cache_task.call(urls)
    except Exception as error:
        if attempt >= PURGE_ATTEMPTS:
            logger.error("CDN purge of %s addresses failed for good", len(urls), exc_info=True)
            raise
        logger.warning(
            "CDN purge of %s addresses failed (attempt %s, %s); retrying",
            len(urls),
            attempt,
            type(error).__name__,
        )
        delay = FIRST_PURGE_RETRY_DELAY * 2 ** (attempt - 1)
        purge_cdn.using(run_after=timezone.now() + delay).enqueue(urls, attempt + 1)


@task(backend="queue")
def warm_pages(urls):
    """Request each of `urls` as an anonymous visitor would, so that the page cache keeps it
    (only what it would keep for a visitor: a private page answers a redirect, never kept)."""
    # Imported here: only the worker warms pages, through the whole middleware stack.
    from django.test import Client

    for url in urls:
        address = urlsplit(url)
        client = Client(HTTP_HOST=address.netloc, raise_request_exception=False)
        try:
            response = client.get(address.path, secure=address.scheme == "https")
        except Exception:  # one page that fails leaves the others to warm
            logger.warning("page cache: could not warm %s", url, exc_info=True)
            continue
        if response.status_code != 200:
            logger.info("page cache: %s answered %s, not kept", url, response.status_code)


# --- Middleware -------------------------------------------------------------------------------


def keyed_query(request):
    """The query string of the key: the parameters some kind of page reads, in a fixed order."""
    read = frozenset().union(*(reads.names for reads in _query_reads))
    return urlencode(
        sorted(
            (name, value)
            for name, values in request.GET.lists()
            if name in read
            for value in values
        )
    )


def query_read_by(request, response):
    """The query parameters the kind of page (or view) of `response` reads."""
    page = (getattr(response, "context_data", None) or {}).get("page")
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else None
    read = set()
    for reads in _query_reads:
        if (page is not None and isinstance(page, reads.pages)) or view_name in reads.url_names:
            read |= reads.names
    return read


def entry_key(request, language):
    address = f"{request.get_host()}{request.path}?{keyed_query(request)}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:page:{language}:{timezone.localdate().isoformat()}:{digest}"


def groups_of(request, response):
    """The groups a response shows, or None when it must not be kept."""
    page = (getattr(response, "context_data", None) or {}).get("page")
    if page is not None:
        if isinstance(page, tuple(_excluded_pages)):
            return None
        names = {g.name for g in _groups.values() if isinstance(page, tuple(g.pages))}
    else:
        match = getattr(request, "resolver_match", None)
        view_name = match.view_name if match else None
        names = {g.name for g in _groups.values() if view_name in g.url_names}
        if not names:
            return None
    return names | {SITE}


def _looked_up(request):
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return None
    bypass = getattr(settings, "PAGE_CACHE_BYPASS_HEADER", None)
    if bypass and request.headers.get(bypass):
        return None
    return translation.get_language_from_path(request.path_info)


class PageCacheMiddleware:
    """Serve anonymous visitors from the shared cache; see the module's rules."""

    def __init__(self, get_response):
        self.get_response = get_response
        ensure_loaded()

    def __call__(self, request):
        language = _looked_up(request) if enabled() else None
        if language is None:
            response = self.get_response(request)
            if enabled() and translation.get_language_from_path(request.path_info):
                response[HEADER] = "skip"
            return response
        try:
            key = entry_key(request, language)
            section = section_of(request.path_info, language)
            gen_keys = generation_keys(request.path_info, language)
            found = with_missing_set(gen_keys, cache.get_many([key, *gen_keys.values()]))
        except Exception:  # a bad host, a dead cache: render as if there were no cache
            logger.warning("page cache: look-up failed", exc_info=True)
            response = self.get_response(request)
            response[HEADER] = "skip"
            return response
        generations = {g: found.get(k) for g, k in gen_keys.items()}
        # Read before the view runs: the parts it keeps (web/fragments.py) are kept under them.
        if (known := known_generations(generations)) is not None:
            request.page_generations = known
        stored = found.get(key)
        if stored is not None:
            kept_generations, status, headers, content = stored
            if all(generations.get(g) == n for g, n in kept_generations.items()):
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                response[HEADER] = "hit"
                return response
        response = self.get_response(request)
        response[HEADER] = self.store(request, response, key, generations, section)
        return response

    def store(self, request, response, key, generations, section):
        if request.method != "GET" or response.streaming or not is_public(request, response):
            return "skip"
        groups = groups_of(request, response)
        if groups is None or set(request.GET) - query_read_by(request, response):
            return "skip"
        groups.add(section)
        headers = [(k, v) for k, v in response.items() if k != HEADER]
        value = ({g: generations.get(g) for g in groups}, response.status_code, headers)
        try:
            cache.set(key, (*value, response.content), settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("page cache: could not keep %s", request.path, exc_info=True)
            return "skip"
        return "miss"
