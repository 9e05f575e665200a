"""The committee's admin views: a committee member translates their own note, or asks the
editors for a translation."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language_info, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.viewsets.base import ViewSet
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitTranslationView,
)

from committee.emails import TRANSLATION_REQUEST
from committee.models import CommitteeNotePage, NoticePreference
from committee.note_translations import (
    editors_to_ask,
    locales_writable_by,
    log_translation_asked,
    may_translate,
    missing_locales,
    translate_note,
    wrote,
)
from committee.notice_forms import NoticePreferenceForm
from mail.limits import may_email
from mail.tasks import queue_email
from members.access import is_committee_member
from members.views import my_space
from web.throttle import Limit, hit

TRANSLATION_REQUEST_SCOPE = "committee:translation-requests"


def language_names(codes):
    """The languages of `codes` named in the admin's language ("French, German")."""
    return ", ".join(str(get_language_info(code)["name_translated"]) for code in codes)


def codes_of(locales):
    return [locale.language_code for locale in locales]


class TranslateNoteView(SubmitPageTranslationView):
    """wagtail-localize's "Translate" form, for the writer of a note and into the languages
    whose notes listing they may write in; the translations start as drafts."""

    title = gettext_lazy("Translate your note")

    def get_object(self):
        return get_object_or_404(CommitteeNotePage, pk=self.kwargs["page_id"])

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not may_translate(request.user, self.object):
            raise PermissionDenied
        self.components = TranslationComponentManager.from_request(
            request, source_object_instance=self.object
        )
        # Past wagtail-localize's check of its site-wide permission: ours is the note's own.
        return super(SubmitTranslationView, self).dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        locales = form.fields["locales"]
        locales.queryset = locales_writable_by(self.request.user, self.object)
        return form

    def form_valid(self, form):
        locales = list(form.cleaned_data["locales"])
        translated = translate_note(self.object, locales, self.request.user)
        messages.success(
            self.request,
            _("Your note “%(title)s” is ready to translate into %(languages)s.")
            % {"title": self.object.title, "languages": language_names(codes_of(locales))},
        )
        if len(translated) == 1:
            return redirect("wagtailadmin_pages:edit", translated[0].pk)
        return redirect(self.get_success_url() or self.get_default_success_url())


class AskTranslationForm(forms.Form):
    locales = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("translation request", "Languages"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The editors receive an email asking them to translate it."),
        error_messages={"required": gettext_lazy("Choose at least one language.")},
    )

    def __init__(self, *args, locales, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locales"].queryset = locales
        self.fields["locales"].label_from_instance = lambda locale: get_language_info(
            locale.language_code
        )["name_translated"].capitalize()


def ask_for_translation(request, page_id):
    """Ask the editors, by email in their own language, to translate the note."""
    note = get_object_or_404(CommitteeNotePage, pk=page_id)
    locales = missing_locales(note)
    if not wrote(request.user, note) or not locales.exists():
        raise PermissionDenied
    back_url = get_valid_next_url_from_request(request) or reverse(
        "wagtailadmin_explore", args=[note.get_parent().pk]
    )
    data = request.POST if request.method == "POST" else None
    # Nothing ticked at first: the request names exactly the languages the writer ticks.
    form = AskTranslationForm(data, locales=locales)
    if request.method == "POST" and form.is_valid():
        limit = Limit.from_setting(TRANSLATION_REQUEST_SCOPE, "TRANSLATION_REQUEST_RATE")
        if not hit(limit, str(request.user.pk)).allowed:
            messages.error(
                request,
                _("You have asked for many translations in the last hour: please try later."),
            )
            return redirect(back_url)
        chosen = list(form.cleaned_data["locales"])
        everyone = list(editors_to_ask())
        # Each editor's inbox has its share of requested emails, as any address has.
        editors = [editor for editor in everyone if may_email(editor.email)]
        with transaction.atomic():
            for editor in editors:
                queue_email(
                    TRANSLATION_REQUEST,
                    note.pk,
                    editor_id=editor.pk,
                    requester_id=request.user.pk,
                    languages=codes_of(chosen),
                )
            if editors:
                log_translation_asked(note, chosen, request.user)
        if editors:
            messages.success(
                request,
                _("The editors have been asked to translate “%(title)s” into %(languages)s.")
                % {"title": note.title, "languages": language_names(codes_of(chosen))},
            )
        elif everyone:
            messages.error(
                request,
                _("The editors have had many emails in the last hour: please try later."),
            )
        else:
            messages.error(
                request,
                _("No editor can be reached by email: please contact the programme's team."),
            )
        return redirect(back_url)
    return TemplateResponse(
        request,
        "committee/admin/ask_translation.html",
        {
            "note": note,
            "form": form,
            "back_url": back_url,
        },
    )


@require_POST
@login_required(login_url="members:login")
def notice_preferences(request):
    """Save a committee member's email choice; errors show next to the fields in my space."""
    if not is_committee_member(request.user):
        raise PermissionDenied
    preference = NoticePreference.objects.filter(user=request.user).first()
    form = NoticePreferenceForm(
        request.POST, instance=preference or NoticePreference(user=request.user)
    )
    if not form.is_valid():
        request.committee_notice_form = form  # shown again, with its errors, by my space
        return my_space(request)
    form.save()
    messages.success(request, _("Your choice of emails is saved."))
    return redirect("members:my_space")


class NoteTranslationViewSet(ViewSet):
    """A writer's "Translate" and "Ask for a translation" of their own note, reached from the
    note's buttons (no menu entry), under /admin/committee/notes/. Its namespace is not
    "committee", which the public pages' URLs use."""

    name = "committee_admin"
    url_prefix = "committee"

    def get_urlpatterns(self):
        return [
            path(
                "notes/<int:page_id>/translate/", TranslateNoteView.as_view(), name="translate_note"
            ),
            path(
                "notes/<int:page_id>/ask-translation/", ask_for_translation, name="ask_translation"
            ),
        ]
