from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here because models may only be used once the app registry is ready.
        from home import site_cache  # noqa: F401  (connect the cache-clearing signals)
