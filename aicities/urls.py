"""URLs: admin, documents, sitemap and robots outside the language prefix; the site inside it."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from home import views as home_views
from members.views import AdminLogoutView
from web.health import healthz
from web.private_images import restricted_image

urlpatterns = [
    # Before Wagtail's own: sign-out by POST only.
    path("admin/logout/", AdminLogoutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("images/restricted/<str:filename>", restricted_image, name="restricted_image"),
    path("sitemap.xml", home_views.sitemap_xml, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("", include("certificates.api_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("patterns/", home_views.patterns, name="patterns"),
    path("", include("members.urls")),
    path("", include("programme.urls")),
    path("", include("certificates.urls")),
    path("", include("registrations.urls")),
    path("", include("figures.urls")),
    path("", include("mail.urls")),
    path("", include("committee.urls")),
    # Before Wagtail's own: its page view, routed with fewer queries (home/views.py).
    re_path(serve_pattern, home_views.serve),
    path("", include(wagtail_urls)),
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
