from django.apps import AppConfig
from django.conf import settings


class WebConfig(AppConfig):
    """Request and response plumbing with no models of its own: the page cache, cache headers,
    Content-Security-Policy, rate limits, request hygiene, absolute links, private storage,
    health checks and what visitors get during an outage."""

    name = "web"

    def ready(self):
        # Imported here because the page cache's signal receivers need the app registry.
        from web import page_cache, private_images  # noqa: F401
        from web.database_waits import bound_postgresql_waits

        if settings.USING_POSTGRES:
            bound_postgresql_waits()
