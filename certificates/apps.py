from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Participants and certificates")

    def ready(self):
        # Registers the system check, and the invitations that follow date changes.
        from certificates import checks, signals  # noqa: F401, PLC0415
