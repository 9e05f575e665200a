"""Sign-in records (django-axes: failed attempts, the log of sign-ins) are kept
SIGN_IN_LOG_RETENTION_DAYS, as the privacy notice says, then deleted every night."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings


def prune_sign_in_records(now):
    cutoff = now - datetime.timedelta(days=settings.SIGN_IN_LOG_RETENTION_DAYS)
    return {
        f"sign-in records ({model._meta.model_name})": model.objects.filter(
            attempt_time__lt=cutoff
        ).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    }
