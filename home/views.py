"""Site-wide views: search, sitemap, robots.txt and the error pages."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale, Page

from home.sitemap import PageSitemap
from home.visibility import discoverable_pages
from programme.facts import COUNTRIES
from programme.models import Cohort, CohortIndexPage

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_HITS = 200


def search_pages(query):
    """Pages of the active language matching `query`, best first, that the public may see.

    The search index filters on locale and liveness; aliases and restricted pages are then
    removed against `discoverable_pages`, which the index cannot express.
    """
    hits = list(
        Page.objects.live()
        .filter(locale=Locale.get_active())
        .specific()
        .search(query, operator="and")[:MAX_HITS]
    )
    allowed = set(
        discoverable_pages().filter(pk__in=[hit.pk for hit in hits]).values_list("pk", flat=True)
    )
    return [hit for hit in hits if hit.pk in allowed]


def _matching_cohorts(query):
    """Cohorts whose country, in the reader's language, matches the query."""
    lowered = query.casefold()
    countries = [code for code, name in COUNTRIES if lowered in str(name).casefold()]
    if not countries:
        return [], None
    cohorts = list(Cohort.objects.with_sessions().filter(country__in=countries))
    index = discoverable_pages(CohortIndexPage.objects.filter(locale=Locale.get_active())).first()
    return cohorts, index


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    cohorts, cohort_index = [], None
    if query:
        paginator = Paginator(search_pages(query), RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        cohorts, cohort_index = _matching_cohorts(query)
    return render(
        request,
        "home/search.html",
        {
            "search_query": query,
            "search_results": results,
            "matching_cohorts": cohorts,
            "cohort_index": cohort_index,
        },
    )


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap_xml(request):
    """Every discoverable page in every language, each listing its language alternates."""
    return wagtail_sitemap(request, sitemaps={"pages": PageSitemap})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"LANGUAGE_CODE": get_language()}))
