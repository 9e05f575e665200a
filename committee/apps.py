from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = _("Steering committee")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here because models may only be used once the app registry is ready.
        from committee import signals  # noqa: F401  (connects the privacy and section handlers)
