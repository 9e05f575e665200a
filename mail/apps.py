from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class MailConfig(AppConfig):
    name = "mail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app declares its emails in `<app>/emails.py`; importing them here registers their
        # builders in every process (site and worker) without this app importing any of them.
        autodiscover_modules("emails")
        # Django's error reports go through the outbox (logging starts before the models).
        from mail.error_reports import QueuedErrorReports
        from mail.tasks import queue_error_report

        QueuedErrorReports.queue = queue_error_report
