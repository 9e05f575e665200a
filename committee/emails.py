"""The committee's email: a committee member asks the editors to translate a note, written in
each editor's own admin language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from committee.models import CommitteeNotePage
from mail.kinds import email_kind
from mail.messages import render_message
from web.links import absolute_url

TRANSLATION_REQUEST = "committee.translation_request"


def admin_language(user):
    """The language the user reads the admin in (their profile's), else the site's default."""
    language = UserProfile.get_for_user(user).get_preferred_language()
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


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
