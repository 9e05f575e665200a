"""The committee's emails: a committee member asks the editors to translate a note (in each
editor's admin language); members are told of notes, documents and web conferences, one by one
or in a weekly digest (`committee.notices`), in their language."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext
from wagtail.models import Locale

from committee.models import (
    CommitteeNotePage,
    LibraryPage,
    Notice,
    NoticeKind,
    NoticePreference,
    Resource,
)
from committee.notices import (
    COMMITTEE_DIGEST,
    COMMITTEE_NOTICE,
    UNSUBSCRIBE_TOPIC,
    admin_language,
    notices_for,
)
from home.dates import time_range
from home.visibility import page_in_language
from mail.invitations import Person, attach_invitation
from mail.kinds import email_kind
from mail.messages import render_message
from mail.unsubscribe import unsubscribe_url
from programme.calendars import PageLinks, event_invitation
from programme.models import Event, attach_topics
from web.links import absolute_url, page_url

TRANSLATION_REQUEST = "committee.translation_request"


def display_name(user):
    return user.get_full_name() or user.get_username()


def translate_url(note, languages):
    path = reverse("wagtail_localize:submit_page_translation", args=[note.pk])
    if len(languages) == 1:
        path = f"{path}?select_locale={languages[0]}"
    return absolute_url(path)


@email_kind(TRANSLATION_REQUEST)
def build_translation_request(note_id, editor_id, requester_id, languages):
    note = CommitteeNotePage.objects.filter(pk=note_id).select_related("locale").first()
    users = get_user_model().objects.filter(is_active=True)
    editor = users.filter(pk=editor_id).first()
    if note is None or editor is None or not editor.email:
        return None
    requester = users.filter(pk=requester_id).first()
    language = admin_language(editor)
    locales = Locale.objects.filter(language_code__in=languages).order_by("language_code")
    context = {
        "note": note,
        "editor": editor,
        "requester": display_name(requester) if requester else "",
        "locales": list(locales),
        "translate_url": translate_url(note, languages),
        "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[note.pk])),
    }
    return render_message(
        "committee/emails/translation_request", context, language=language, to=[editor.email]
    )


def describe(notice):
    """What a notice tells, in the active language, or None when its record is gone."""
    if notice.kind == NoticeKind.NOTE:
        note = CommitteeNotePage.objects.live().filter(pk=notice.object_id).first()
        if note is None:
            return None
        return {
            "label": gettext("New note"),
            "title": note.title,
            "summary": note.summary,
            "members_only": note.members_only,
            "url": page_url(note),
        }
    if notice.kind == NoticeKind.DOCUMENT:
        resource = Resource.objects.filter(pk=notice.object_id).first()
        library = page_in_language(LibraryPage.objects.live(), get_language())
        if resource is None:
            return None
        return {
            "label": gettext("New document in the member library"),
            "title": resource.title,
            "summary": resource.description,
            "members_only": True,
            "url": page_url(library) if library else "",
        }
    event = Event.objects.filter(pk=notice.object_id).first()
    if event is None:
        return None
    attach_topics([event])
    return {
        "label": gettext("Web conference moved") if notice.version else gettext("Web conference"),
        "title": event.display_title,
        "when": time_range(event.local_start, event.local_end),
        "url": PageLinks().events() or "",
        "event": event,
    }


def _member_email(template, context, user, language):
    with translation.override(language):
        context["my_space_url"] = absolute_url(reverse("members:my_space"))
    return render_message(
        template,
        {"user": user, "name": display_name(user), **context},
        language=language,
        to=[user.email],
        unsubscribe_url=unsubscribe_url(UNSUBSCRIBE_TOPIC, user.pk, language),
    )


def _member(user_id):
    return get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()


@email_kind(COMMITTEE_NOTICE)
def build_committee_notice(notice_id, user_id):
    notice = Notice.objects.filter(pk=notice_id).first()
    user = _member(user_id)
    if notice is None or user is None:
        return None
    language = admin_language(user)
    with translation.override(language):
        item = describe(notice)
    if item is None:
        return None
    message = _member_email("committee/emails/notice", {"item": item}, user, language)
    if "event" in item:
        with translation.override(language):
            invitation = event_invitation(item["event"], item["url"])
        attach_invitation(message, invitation, attendee=Person(user.email, display_name(user)))
    return message


@email_kind(COMMITTEE_DIGEST)
def build_committee_digest(user_id, since, until):
    user = _member(user_id)
    if user is None:
        return None
    preference = NoticePreference.objects.filter(user=user).first()
    language = admin_language(user)
    notices = notices_for(
        user,
        preference,
        datetime.datetime.fromisoformat(since),
        datetime.datetime.fromisoformat(until),
    )
    with translation.override(language):
        items = [item for item in map(describe, notices) if item]
    if not items:
        return None
    return _member_email("committee/emails/digest", {"items": items}, user, language)
