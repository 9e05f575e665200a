"""Forms of the committee section: the note editor in the admin and the library filters."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm


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

    def __init__(self, *args, topics=(), resource_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        any_choice = [("", pgettext_lazy("any value of a filter", "All"))]
        self.fields["topic"].choices = any_choice + [(t.slug, t.name) for t in topics]
        self.fields["type"].choices = any_choice + list(resource_types)
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
