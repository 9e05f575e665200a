"""Site-wide views: search, sitemap, robots.txt and the error pages."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale

from home.search import clean_query, folded, search_pages
from home.sitemap import PageSitemap
from home.visibility import discoverable_pages
from programme.facts import COUNTRIES
from programme.models import Cohort, CohortIndexPage

RESULTS_PER_PAGE = 10


def _matching_cohorts(query):
    """Cohorts whose country (as the reader says it) or venue contains the query, accents aside."""
    wanted = folded(query)
    countries = [code for code, name in COUNTRIES if wanted in folded(str(name))]
    candidates = (
        Cohort.objects.with_sessions()
        .filter(Q(country__in=countries) | Q(sessions__venue__gt=""))
        .distinct()
    )
    cohorts = [
        cohort
        for cohort in candidates
        if cohort.country in countries
        or any(wanted in folded(session.venue) for session in cohort.ordered_sessions)
    ]
    if not cohorts:
        return [], None
    index = discoverable_pages(CohortIndexPage.objects.filter(locale=Locale.get_active())).first()
    return cohorts, index


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    cohorts, cohort_index = [], None
    if query:
        paginator = Paginator(search_pages(query, Locale.get_active()), RESULTS_PER_PAGE)
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
