from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here because models may only be used once the app registry is ready.
        from applications import signals  # noqa: F401  (tells applicants when a date changes)
