"""A fresh database becomes a site: six languages, a home page in each, and the main sections
as drafts for editors to write (`manage.py bootstrap_site`, part of the release step).

Each app adds its sections through the `bootstrap_site_sections` hook: functions that take the
English home page and call `add_draft`. Nothing is created twice, and nothing that exists is
changed, so the command is safe on a site in use.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from home.models import HomePage

BOOTSTRAP_HOOK = "bootstrap_site_sections"
SITE_NAME = "AI for Cities"
HOME_INTRO = (
    "AI for Cities: a free training programme of Efus for city officials and elected "
    "representatives on artificial intelligence for urban security."
)


def ensure_locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def install_home_page(home):
    """Publish `home` (a new English HomePage) as the sites' root, in place of Wagtail's
    "Welcome" placeholder, and give it the slug "home" the placeholder held."""
    home.slug = "home-en"
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    welcome = Page.objects.filter(depth=2).exclude(pk=home.pk).not_type(HomePage)
    for site in Site.objects.filter(root_page__in=welcome):
        site.root_page = home
        site.save()  # as the admin does: the sites kept by Wagtail and the site cache are cleared
    if not Site.objects.exists():
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_NAME
        )
    for page in welcome:
        page.delete()
    home.slug = "home"
    home.save_revision().publish()
    return HomePage.objects.get(pk=home.pk)


def ensure_home_pages(locales):
    """The English home page (published, the sites' root) and its five translations."""
    english = HomePage.objects.filter(locale=locales["en"]).first()
    if english is None:
        english = install_home_page(
            HomePage(title=SITE_NAME, intro=HOME_INTRO, locale=locales["en"])
        )
    for code, locale in locales.items():
        if code != "en" and not english.has_translation(locale):
            copy = english.copy_for_translation(locale, copy_parents=False)
            with translation.override(code):
                copy.intro = gettext(HOME_INTRO)
            copy.save_revision().publish()
    return HomePage.objects.get(pk=english.pk)


def add_draft(parent, page):
    """Add `page` under `parent` as a draft, unless a page with its slug is already there."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


@transaction.atomic
def bootstrap_site():
    locales = ensure_locales()
    home = ensure_home_pages(locales)
    for add_sections in hooks.get_hooks(BOOTSTRAP_HOOK):
        add_sections(home)
    return home
