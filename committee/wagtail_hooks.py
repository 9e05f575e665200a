"""Admin and site wiring for the committee: its snippets, its groups' rights, its part of
"my space" and the summary notes of past web conferences."""

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from committee.dashboard import MyNotesPanel, lead_to_my_notes
from committee.models import (
    CommitteeMember,
    CommitteeNoteIndexPage,
    CommitteeNotePage,
    CommitteePage,
    LibraryPage,
    NoticePreference,
    Topic,
    attach_summary_notes,
)
from committee.note_translations import (
    TRANSLATION_ASKED,
    may_translate,
    missing_locales,
    wrote,
)
from committee.notice_forms import NoticePreferenceForm
from committee.permissions import ensure_member_library, grant_committee_section
from committee.views import NoteTranslationViewSet, language_names
from home.bootstrap import BOOTSTRAP_HOOK, add_draft
from home.site_cache import active_locale
from home.visibility import page_in_language
from members.access import is_committee_member, is_editor, is_member
from members.groups import SETUP_GROUPS_HOOK, ensure_groups
from members.my_space import MY_SPACE_HOOK, MySpaceSection
from programme.models.pages import PAST_EVENTS_HOOK, EventIndexPage
from web import page_cache


class CommitteeMemberViewSet(SnippetViewSet):
    model = CommitteeMember
    icon = "group"
    menu_label = _("Committee members")
    list_display = ["name", "role", "organisation", "country", "locale"]
    list_filter = ["role", "country", "locale"]
    search_fields = ["name", "organisation"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class CommitteeViewSetGroup(SnippetViewSetGroup):
    items = (CommitteeMemberViewSet, TopicViewSet)
    menu_icon = "group"
    menu_label = _("Committee")
    menu_name = "committee"


register_snippet(CommitteeViewSetGroup)


@hooks.register(SETUP_GROUPS_HOOK)
def give_committee_its_library_and_sections(groups):
    ensure_member_library(groups)
    for notes_section in CommitteeNoteIndexPage.objects.all():
        grant_committee_section(notes_section)


@hooks.register(PAST_EVENTS_HOOK)
def attach_web_conference_summaries(events, locale_id, user):
    attach_summary_notes(events, locale_id, user)


MY_NOTES_SHOWN = 20


def notes_written_by(user):
    return (
        CommitteeNotePage.objects.filter(Q(owner=user) | Q(note_authors__member__account=user))
        .filter(locale=active_locale())
        .distinct()
        .order_by("-date")[:MY_NOTES_SHOWN]
    )


def notice_form_for(request):
    """The member's email choice: as sent, with its errors, or as saved (weekly by default)."""
    sent = getattr(request, "committee_notice_form", None)
    if sent is not None:
        return sent
    preference = NoticePreference.objects.filter(user=request.user).first()
    return NoticePreferenceForm(instance=preference or NoticePreference(user=request.user))


@hooks.register(MY_SPACE_HOOK)
def committee_in_my_space(request):
    """The library and the notes for every member; their own notes for those who write them."""
    user = request.user
    language = active_locale().language_code
    writes_notes = is_committee_member(user) or is_editor(user)
    return MySpaceSection(
        "committee/includes/my_space_committee.html",
        {
            "library": page_in_language(LibraryPage.objects.live(), language)
            if is_member(user)
            else None,
            "notes_index": page_in_language(CommitteeNoteIndexPage.objects.live(), language),
            "writes_notes": writes_notes,
            "my_notes": list(notes_written_by(user)) if writes_notes else [],
            "notice_form": notice_form_for(request) if is_committee_member(user) else None,
        },
        order=10,
    )


@hooks.register(BOOTSTRAP_HOOK)
def add_committee_sections(home):
    """The committee's page with its notes listing and its restricted library, as drafts."""
    committee = add_draft(home, CommitteePage(title=str(_("Steering committee")), slug="committee"))
    add_draft(committee, CommitteeNoteIndexPage(title=str(_("Notes")), slug="notes"))
    library = ensure_member_library(ensure_groups())
    add_draft(
        committee, LibraryPage(title=str(_("Member library")), slug="library", collection=library)
    )


@hooks.register("construct_homepage_panels")
def add_my_notes(request, panels):
    """Committee members see their own notes, drafts first; editors have the programme's."""
    if is_committee_member(request.user) and not is_editor(request.user):
        panels.append(MyNotesPanel(request.user))


@hooks.register("construct_main_menu")
def committee_members_land_on_their_notes(request, menu_items):
    if is_committee_member(request.user) and not is_editor(request.user):
        lead_to_my_notes(menu_items)


@hooks.register("register_admin_viewset")
def register_note_translation_viewset():
    return NoteTranslationViewSet()


def note_translation_buttons(page, user, view_name=None, next_url=None):
    """The buttons to translate one's own note and to ask for a translation. Editors keep
    wagtail-localize's own "Translate this page", which reaches any page."""
    note = page.specific_deferred
    if not isinstance(note, CommitteeNotePage):
        return
    if user.has_perm("wagtail_localize.submit_translation") or not wrote(user, note):
        return
    if not missing_locales(note).exists():
        return
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    if may_translate(user, note):
        yield Button(
            _("Translate"),
            reverse("committee_admin:translate_note", args=[page.pk]) + query,
            icon_name="wagtail-localize-language",
            attrs={"aria-label": _("Translate “%(title)s”") % {"title": page.title}},
            priority=60,
        )
    yield Button(
        _("Ask for a translation"),
        reverse("committee_admin:ask_translation", args=[page.pk]) + query,
        icon_name="mail",
        attrs={"aria-label": _("Ask for a translation of “%(title)s”") % {"title": page.title}},
        priority=61,
    )


hooks.register("register_page_header_buttons", note_translation_buttons)
hooks.register("register_page_listing_more_buttons", note_translation_buttons)


@hooks.register("register_log_actions")
def committee_log_actions(actions):
    @actions.register_action(TRANSLATION_ASKED)
    class TranslationAskedFormatter(LogFormatter):
        label = _("Translation asked for")

        def format_message(self, log_entry):
            languages = language_names(log_entry.data.get("languages", []))
            return _("Asked the editors for a translation into %(languages)s") % {
                "languages": languages
            }


# The page cache (web/page_cache.py): committee members appear on the committee's page and on
# its notes (authors); a note sums up a programme event, so notes also follow the programme.
page_cache.register(
    "committee",
    models=[CommitteeMember, Topic],
    pages=[CommitteePage, CommitteeNoteIndexPage, CommitteeNotePage, LibraryPage],
)
page_cache.register("programme", pages=[CommitteeNoteIndexPage, CommitteeNotePage])
# The notes' filters and result pages, the library's (members only, so never kept: for the rule).
page_cache.reads_query("type", "topic", "page", pages=[CommitteeNoteIndexPage])
page_cache.reads_query("q", "topic", "type", "language", "sort", "page", pages=[LibraryPage])
# The events page links each past web conference to the note that sums it up.
page_cache.register("notes", models=[CommitteeNotePage], pages=[EventIndexPage])
