"""Admin wiring for site-wide content: the translated footer."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import FooterText


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    menu_label = _("Footer")
    add_to_settings_menu = True


register_snippet(FooterTextViewSet)
