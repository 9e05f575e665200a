"""Admin wiring for site-wide content (the translated footer) and the page cache's frame."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import ContactSettings, FooterText
from web import page_cache


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    menu_label = _("Footer")
    add_to_settings_menu = True


register_snippet(FooterTextViewSet)

# The page cache (web/page_cache.py): the frame (footer, contact settings, languages) is on
# every page, so changing it clears everything. Publishing a page clears its section.
page_cache.register(page_cache.SITE, models=[FooterText, ContactSettings, Locale])
