"""The committee is told: a note published in a language a member follows, a document added to
the member library, a web conference announced or moved.

Each piece of news is a `Notice`, written once (a note published again, or a conference saved
without a new date, announces nothing new). Members who chose "each" get an email per notice
(a web conference's with its calendar invitation); those on the weekly digest (the default)
get one email a week listing the week's notices (`send_digests`, from a timer); "none" gets
nothing. A member follows the notes of their own language (their admin language) and of the
languages they add in "my space". Every email unsubscribes in one click (RFC 8058).
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.users.models import UserProfile

from committee.models import Notice, NoticeFrequency, NoticeKind, NoticePreference
from mail.tasks import queue_email
from mail.unsubscribe import unsubscribe_handler
from members.groups import COMMITTEE_MEMBERS

COMMITTEE_NOTICE = "committee.notice"
COMMITTEE_DIGEST = "committee.digest"
UNSUBSCRIBE_TOPIC = "committee.notices"
DIGEST_PERIOD = datetime.timedelta(days=7)


def committee_members():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=COMMITTEE_MEMBERS)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def admin_language(user):
    """The language the user reads the admin in (their profile's), else the site's default."""
    language = UserProfile.get_for_user(user).get_preferred_language()
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def followed_languages(user, preference):
    return {admin_language(user), *(preference.languages if preference else [])}


def frequency_of(preference):
    return preference.frequency if preference else NoticeFrequency.WEEKLY


def concerns(notice, user, preference):
    return not notice.language or notice.language in followed_languages(user, preference)


def preferences():
    return {preference.user_id: preference for preference in NoticePreference.objects.all()}


def announce(kind, object_id, language="", version=0):
    """Record the news once and email the members who want each notice; return how many."""
    notice, created = Notice.objects.get_or_create(
        kind=kind, object_id=object_id, version=version, defaults={"language": language}
    )
    if not created:
        return 0
    chosen = preferences()
    queued = 0
    for user in committee_members():
        preference = chosen.get(user.pk)
        if frequency_of(preference) == NoticeFrequency.EACH and concerns(notice, user, preference):
            queue_email(COMMITTEE_NOTICE, notice.pk, user_id=user.pk)
            queued += 1
    return queued


def notices_for(user, preference, since, until):
    found = Notice.objects.filter(created_at__gt=since, created_at__lte=until)
    return [notice for notice in found if concerns(notice, user, preference)]


def send_digests(now=None):
    """Queue the weekly digest of each member on it who has news since their last one."""
    now = now or timezone.now()
    chosen = preferences()
    queued = 0
    for user in committee_members():
        preference = chosen.get(user.pk)
        if frequency_of(preference) != NoticeFrequency.WEEKLY:
            continue
        since = (preference and preference.last_digest_at) or now - DIGEST_PERIOD
        if notices_for(user, preference, since, now):
            queue_email(COMMITTEE_DIGEST, user.pk, since=since.isoformat(), until=now.isoformat())
            queued += 1
        NoticePreference.objects.update_or_create(user=user, defaults={"last_digest_at": now})
    return queued


@unsubscribe_handler(UNSUBSCRIBE_TOPIC)
def stop_committee_emails(user_id):
    NoticePreference.objects.update_or_create(
        user_id=user_id, defaults={"frequency": NoticeFrequency.NONE}
    )


def announce_note(note):
    return announce(NoticeKind.NOTE, note.pk, language=note.locale.language_code)


def announce_document(resource):
    return announce(NoticeKind.DOCUMENT, resource.pk)


def announce_conference(event):
    return announce(NoticeKind.CONFERENCE, event.pk, version=event.sequence)
