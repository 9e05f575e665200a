"""After a cohort, one of its sessions or a date change is saved, its pages are rendered again
for anonymous visitors off the request (web/page_cache.py, `warm_later`): the cohort's page,
the cohort listing and the home page in every language, so that the first visitors after a
date move are served from the page cache rather than waiting for a render."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

from home.models import HomePage
from programme.models import Cohort, CohortIndexPage, Session, SessionDateChange
from web import page_cache


@dataclass(frozen=True)
class CohortPages:
    """The full addresses of the pages that show a cohort, in every language: live, public
    listings and home pages only (a private one is never kept anyway). Equal for one cohort,
    so the saves of one request (a cohort and its five sessions) warm its pages once."""

    cohort_id: int

    def __call__(self):
        return cohort_addresses([self.cohort_id])


def cohort_addresses(cohort_ids):
    cohorts = list(Cohort.objects.filter(pk__in=cohort_ids).only("slug", "country"))
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    private = Q()
    for path in restricted:
        private |= Q(path__startswith=path)
    listings = list(CohortIndexPage.objects.live().exclude(private))
    homes = HomePage.objects.live().exclude(private)
    urls = [page.get_full_url() for page in [*listings, *homes]]
    for listing in listings:
        base = listing.get_full_url()
        urls += [CohortIndexPage.cohort_address(base, cohort) for cohort in cohorts]
    return [url for url in urls if url]


def cohort_of(instance):
    return instance.pk if isinstance(instance, Cohort) else instance.cohort_id


def warm_cohort_pages(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    cohort_id = cohort_of(instance)
    transaction.on_commit(lambda: page_cache.warm_later(CohortPages(cohort_id)))


def connect():
    for model in (Cohort, Session, SessionDateChange):
        for signal in (post_save, post_delete):
            signal.connect(warm_cohort_pages, sender=model, dispatch_uid=f"warm-{model.__name__}")
