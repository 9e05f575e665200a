"""Site-wide views: search, sitemap, robots.txt and the error pages."""

import re
from collections import defaultdict

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from home.visibility import discoverable_pages

# Apps add their own results (the programme's cohorts) through this hook: functions
# (query, context) that add to the search page's context.
SEARCH_HOOK = "site_search_results"
RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_HITS = 200


def search_terms(query):
    """The words of a query, without quotes or operators that the full-text engines of SQLite
    and PostgreSQL would read as syntax (a lone `"` is an error there, not a word)."""
    return " ".join(re.findall(r"\w+", query))


def search_pages(query):
    """Pages of the active language matching `query`, best first, that the public may see.

    The search index filters on locale and liveness; aliases and restricted pages are then
    removed against `discoverable_pages`, which the index cannot express.
    """
    hits = list(
        Page.objects.live()
        .filter(locale=Locale.get_active())
        .specific()
        .search(search_terms(query), operator="and")[:MAX_HITS]
    )
    allowed = set(
        discoverable_pages().filter(pk__in=[hit.pk for hit in hits]).values_list("pk", flat=True)
    )
    return [hit for hit in hits if hit.pk in allowed]


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    context = {"search_query": query, "search_results": None}
    if search_terms(query):
        paginator = Paginator(search_pages(query), RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        context["search_results"] = results
        for add_results in hooks.get_hooks(SEARCH_HOOK):
            add_results(query, context)
    return render(request, "home/search.html", context)


@require_safe
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


@require_safe
@cache_control(max_age=3600, public=True)
def sitemap_xml(request):
    """Every discoverable page in every language, each listing its language alternates."""
    site = Site.find_for_request(request)
    pages = discoverable_pages().specific().select_related("locale")
    if site:
        root_keys = {site.root_page.translation_key}
        roots = discoverable_pages().filter(translation_key__in=root_keys)
        root_paths = [root.path for root in roots]
        pages = [p for p in pages if any(p.path.startswith(path) for path in root_paths)]
    urls_by_key = defaultdict(dict)
    for page in pages:
        urls_by_key[page.translation_key][page.locale.language_code] = page.get_sitemap_urls(
            request
        )
    entries = []
    for versions in urls_by_key.values():
        for urls in versions.values():
            for position, url in enumerate(urls):
                alternates = [
                    (other, other_urls[position]["location"])
                    for other, other_urls in versions.items()
                    if position < len(other_urls)
                ]
                entries.append(
                    {
                        "location": url["location"],
                        "lastmod": url.get("lastmod"),
                        "alternates": alternates,
                    }
                )
    return render(
        request,
        "home/sitemap.xml",
        {"urlset": entries},
        content_type="application/xml; charset=utf-8",
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"LANGUAGE_CODE": get_language()}))
