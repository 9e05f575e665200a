"""Storing an application: all of it in one transaction, or nothing."""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from applications.forms import CONSENT_VERSION
from applications.notifications import queue_submission_emails
from applications.records import Application
from programme.models import Cohort


def find_earlier_application(application):
    return (
        Application.objects.filter(
            cohort=application.cohort,
            country=application.country,
            authority_name__iexact=application.authority_name.strip(),
        )
        .exclude(pk=application.pk)
        .order_by("submitted_at")
        .first()
    )


@transaction.atomic
def store_application(form, participants):
    """Save the application and its participants; flag a second one from the same city."""
    # Lock the cohort so two simultaneous submissions (a double click) see each other and the
    # second is flagged as a possible duplicate.
    Cohort.objects.select_for_update().get(pk=form.cleaned_data["cohort"].pk)
    application = form.save(commit=False)
    application.language = (get_language() or "en").split("-")[0]
    application.consent_version = CONSENT_VERSION
    application.consented_at = timezone.now()
    application.spam_check_done = form.spam_check_done
    application.reference = f"pending-{uuid.uuid4().hex[:20]}"
    application.save()
    application.assign_reference()
    participants.instance = application
    participants.save()
    earlier = find_earlier_application(application)
    if earlier is not None:
        application.possible_duplicate_of = earlier
        application.save(update_fields=["possible_duplicate_of"])
    queue_submission_emails(application)
    return application
