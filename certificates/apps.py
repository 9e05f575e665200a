from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Participants and certificates")

    def ready(self):
        from certificates import checks  # noqa: F401, PLC0415  (registers the system check)
