"""Admin wiring for the committee: its members and the topics of its notes and library."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from committee.models import CommitteeMember, Topic


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
