"""The mail app's own email: a server error report to ADMINS (mail/error_reports.py)."""

from django.conf import settings
from django.utils import timezone

from mail.kinds import email_kind
from mail.messages import compose
from mail.models import ErrorReport
from mail.tasks import ERROR_REPORT, ERROR_REPORT_GROUPING


@email_kind(ERROR_REPORT)
def error_report(report_id):
    report = ErrorReport.objects.filter(pk=report_id).first()
    if report is None or not settings.ADMINS:
        return None
    body = report.message
    if report.occurrences > 1:
        since = timezone.localtime(report.first_seen).strftime("%Y-%m-%d %H:%M %Z")
        body = (
            f"Seen {report.occurrences} times since {since} (one report per "
            f"{ERROR_REPORT_GROUPING} for the same error).\n\n{body}"
        )
    return compose(
        f"{settings.EMAIL_SUBJECT_PREFIX}{report.subject}",
        body,
        language="en",
        from_email=settings.SERVER_EMAIL,
        to=[address for _name, address in settings.ADMINS],
    )
