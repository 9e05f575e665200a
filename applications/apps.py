from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from programme.models import session_date_changed

        session_date_changed.connect(tell_applicants, dispatch_uid="applications.date_change")


def tell_applicants(sender, change, **kwargs):
    from applications.emails import queue_date_change_emails

    queue_date_change_emails(change)
