"""Forms of the committee section: the note editor in the admin and the library filters."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale

AUTHORS = "note_authors"


def author_form_in(form_class, locale):
    """The form of one author line, accepting the members of `locale` (Wagtail's chooser
    already opens on the language of the page being edited). A line kept from elsewhere stays
    valid: a translation carries the source note's signatures."""

    class AuthorForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            member = self.fields["member"]
            member.queryset = member.queryset.filter(
                Q(locale=locale) | Q(pk=self.instance.member_id)
            )

    return AuthorForm


def writer_of(members, user, locale):
    """The committee member (among `members`) the signed-in user is, in the note's language."""
    if user is None or not user.is_authenticated:
        return None
    return members.filter(account=user, locale=locale).first()


class NoteAdminForm(WagtailAdminPageForm):
    """Offer the topics and authors of the note's own language only; a new note starts signed
    by its writer."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if not locale_id:
            return
        if "topics" in self.fields:
            topics = self.fields["topics"]
            topics.queryset = topics.queryset.filter(locale_id=locale_id)
        authors = self.formsets.get(AUTHORS)
        if authors is None:
            return
        locale = Locale.objects.get(pk=locale_id)
        authors.form = author_form_in(authors.form, locale)
        if not self.is_bound and self.instance.pk is None:
            members = authors.model._meta.get_field("member").related_model.objects
            self.start_signed_by_writer(authors, writer_of(members, self.for_user, locale))

    @staticmethod
    def start_signed_by_writer(authors, writer):
        # An extra (new) line rather than an existing one, so that it is saved with the note.
        if writer is not None and not authors.queryset:
            authors.extra = 1
            authors.initial_extra = [{"member": writer.pk}]

    def clean(self):
        cleaned_data = super().clean()
        authors = self.formsets.get(AUTHORS)
        if authors is not None and authors.is_bound and authors.is_valid():
            refuse_repeated_authors(authors)
        self.point_to_an_abandoned_draft()
        return cleaned_data

    def point_to_an_abandoned_draft(self):
        """A note written again after an abandoned one clashes with the draft that autosave
        kept. Wagtail says so on the Promote tab, which the writer does not see: say it next
        to the title too, with where the draft is."""
        if "slug" not in self.errors or self.parent_page is None:
            return
        draft = (
            self.parent_page.get_children()
            .filter(slug=self.data.get("slug", ""), live=False)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if draft is None:
            return
        self.add_error(
            "title",
            _(
                "An unpublished draft of a note with this address already exists: "
                "“%(title)s”, at %(url)s. Continue it there, or change this note's title."
            )
            % {"title": draft.title, "url": reverse("wagtailadmin_pages:edit", args=[draft.pk])},
        )


def refuse_repeated_authors(authors):
    """Mark a member chosen twice on the second line, next to its chooser."""
    deleted = set(map(id, authors.deleted_forms))
    seen = set()
    for form in authors.forms:
        member = form.cleaned_data.get("member")
        if member is None or id(form) in deleted:
            continue
        if member.pk in seen:
            form.add_error("member", _("Each author can sign a note only once."))
        seen.add(member.pk)


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
