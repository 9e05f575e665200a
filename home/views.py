"""Site-wide views: search, sitemap, robots.txt and the error pages."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale, Page

from home.search import clean_query, search_pages, search_terms
from home.sections import by_place
from home.site_cache import active_locale, last_contact, site_for_request
from home.sitemap import PageSitemap
from web.links import absolute_url
from web.outages import outage_response, wants_json

# Apps add their own results (the programme's cohorts) through this hook: functions (query) that
# return a `Section` (home/sections.py) shown above the pages found, or None.
SEARCH_HOOK = "site_search_results"
RESULTS_PER_PAGE = 10
# Apps list their own public views in the sitemap through this hook: functions that return
# {name: Sitemap class}.
SITEMAP_HOOK = "site_sitemaps"


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    context = {"search_query": query, "search_results": None}
    if search_terms(query):
        paginator = Paginator(search_pages(query, Locale.get_active()), RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        context["search_results"] = results
        context["sections"] = by_place(results(query) for results in hooks.get_hooks(SEARCH_HOOK))
    return render(request, "home/search.html", context)


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "Disallow: /*/search/",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=3600, public=True)
def sitemap_xml(request):
    """Every discoverable page in every language, each listing its language alternates."""
    sitemaps = {"pages": PageSitemap}
    for more in hooks.get_hooks(SITEMAP_HOOK):
        sitemaps.update(more())
    return wagtail_sitemap(request, sitemaps=sitemaps)


def page_not_found(request, exception=None):
    # No canonical link: the address that was asked for is no page.
    return render(request, "404.html", {"unlisted": True}, status=404)


def server_error(request):
    outage = outage_response(request)
    if outage is not None:
        return outage
    if wants_json(request):
        return JsonResponse({"error": "server_error"}, status=500)
    template = loader.get_template("500.html")
    # No database here: the page's frame is static, and the contact comes from the cache.
    context = {"LANGUAGE_CODE": get_language(), "contact": last_contact()}
    return HttpResponseServerError(template.render(context))


def patterns(request):
    """The design system's pattern page: every component in one place, for development and staff
    only (the public gets a 404, and search engines never see it)."""
    if not (settings.DEBUG or request.user.is_staff):
        raise Http404
    response = render(request, "home/patterns.html", {"colours": PATTERN_COLOURS})
    response["X-Robots-Tag"] = "noindex"
    return response


# The palette as the pattern page shows it: token, then the text colour paired with it.
PATTERN_COLOURS = [
    ("--c-brand-dark", "#fff"),
    ("--c-brand", "#fff"),
    ("--c-brand-tint", "var(--c-brand-dark)"),
    ("--c-accent", "var(--c-ink)"),
    ("--c-ok-tint", "var(--c-ok)"),
    ("--c-warn-tint", "var(--c-warn)"),
    ("--c-bad-tint", "var(--c-bad)"),
    ("--c-tint", "var(--c-muted)"),
    ("--c-ink", "#fff"),
]


def serve(request, path):
    """Wagtail's page view, with the site from the site cache, routed from the home page of the
    reader's language read in one query (Wagtail reads the locale, then that home page, then
    its specific page)."""
    site_for_request(request)  # then Wagtail's Site.find_for_request reads no more
    if not hasattr(request, "_wagtail_route_for_request"):  # Page.route_for_request's memo
        request._wagtail_route_for_request = _route(request, path)
    return wagtail_views.serve(request, path)


def _route(request, path):
    site = site_for_request(request)
    if site is None:
        return None
    try:
        return language_home(site.root_page).route(
            request, [component for component in path.split("/") if component]
        )
    except Http404:
        return None


def language_home(root):
    """`root.localized.specific` with the locale from the site cache: the live translation of
    the site's root page in the active language, else the root page, as its specific page."""
    locale = active_locale()
    if locale.pk != root.locale_id:
        home_class = root.specific_class or Page
        translation = home_class.objects.filter(
            translation_key=root.translation_key, locale=locale, live=True
        ).first()
        if translation is not None:
            return translation
    return root.specific
