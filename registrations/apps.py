from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Event registrations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registrants' calendars follow the event's date, and the recording follows the event.
        from registrations import signals  # noqa: F401, PLC0415
