"""Forms of the committee section: the note editor in the admin and the library filters."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from home.throttle import client_address, count, counted, forget

SIGN_IN_FAILURES = "members:sign-in-failures"


class ThrottledSignInForm(AuthenticationForm):
    """Django's sign-in form, paused for a while after repeated wrong passwords.

    Failures are counted per client address and username, so guessing one member's password is
    slowed down without locking that member out from everywhere else.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "too_many_failures": _(
            "Too many unsuccessful attempts to sign in. Please wait %(minutes)s minutes and try "
            "again, or reset your password."
        ),
    }

    def _identity(self):
        username = (self.data.get("username") or "").strip().lower()
        return f"{client_address(self.request)}|{username}"

    def clean(self):
        allowed, window = settings.SIGN_IN_FAILURE_RATE
        if counted(SIGN_IN_FAILURES, self._identity()) >= allowed:
            raise ValidationError(
                self.error_messages["too_many_failures"],
                code="too_many_failures",
                params={"minutes": max(1, window // 60)},
            )
        try:
            cleaned_data = super().clean()
        except ValidationError:
            count(SIGN_IN_FAILURES, self._identity(), window)
            raise
        forget(SIGN_IN_FAILURES, self._identity())
        return cleaned_data


class NoteAdminForm(WagtailAdminPageForm):
    """Offer the topics and authors of the note's own language only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id:
            for name in ("topics", "authors"):
                if name in self.fields:
                    field = self.fields[name]
                    field.queryset = field.queryset.filter(locale_id=locale_id)


class LibraryFilterForm(forms.Form):
    """Search, filters and order of the member library; every field is optional."""

    SORT_CHOICES = [("newest", _("Newest first")), ("oldest", _("Oldest first"))]

    q = forms.CharField(label=_("Search the library"), required=False, max_length=200)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    sort = forms.ChoiceField(label=_("Sort by date"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, topics=(), **kwargs):
        from committee.models import ResourceType

        super().__init__(*args, **kwargs)
        any_choice = [("", _("All"))]
        self.fields["topic"].choices = any_choice + [(t.slug, t.name) for t in topics]
        self.fields["type"].choices = any_choice + list(ResourceType.choices)
        self.fields["language"].choices = any_choice + [
            (code, name) for code, name in settings.LANGUAGES
        ]

    def filters(self):
        """The cleaned filters, or none at all when the query string was tampered with."""
        if not self.is_bound or not self.is_valid():
            return {"q": "", "topic": "", "type": "", "language": "", "sort": "newest"}
        data = dict(self.cleaned_data)
        data["sort"] = data["sort"] or "newest"
        return data
