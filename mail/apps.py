from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class MailConfig(AppConfig):
    name = "mail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app declares its emails in `<app>/emails.py`; importing them here registers their
        # builders in every process (site and worker) without this app importing any of them.
        autodiscover_modules("emails")
