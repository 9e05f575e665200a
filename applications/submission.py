"""Storing an application: all of it in one transaction, or nothing, and once per form.

The acknowledgement and the staff notification are rows of the outbox, in the same database:
they are queued in the application's transaction, so they exist exactly when the application
does. Nothing touches the database after the commit before the visitor gets the answer, so a
database that hangs makes the visitor see an error only when nothing was stored, except in one
window no site can close: the commit reached the server, its answer never came back. The
visitor then sends the form again, and its key finds the first application.
"""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from applications.forms import CONSENT_VERSION
from applications.notifications import queue_submission_emails
from applications.records import Application
from applications.spam_check import read_stamp
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


def application_sent_with(token):
    """The application already stored from the form whose stamp is `token`, if any."""
    stamp = read_stamp(token)
    if stamp is None:
        return None
    return Application.objects.filter(submission_key=stamp.key).first()


@transaction.atomic
def store_application(form, participants):
    """Save the application and its participants and queue its emails; flag a second one from
    the same city. Return (the application, whether it was stored now): a form already stored
    returns the application it became."""
    # Lock the cohort so two simultaneous submissions (a double click) see each other: the
    # second of one form finds the first, another from the same city is flagged.
    Cohort.objects.select_for_update().get(pk=form.cleaned_data["cohort"].pk)
    key = form.cleaned_data["started"].key
    stored_before = Application.objects.filter(submission_key=key).first()
    if stored_before is not None:
        return stored_before, False
    application = form.save(commit=False)
    application.submission_key = key
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
    return application, True
