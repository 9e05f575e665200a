"""Build the demo site in six languages; running it again changes nothing."""

import json
import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from applications.models import ApplicationPage
from demo.content import site as content
from demo.loaders.certificates import load_certificates
from demo.loaders.committee import load_committee
from demo.loaders.figures import load_feedback, load_self_assessments
from demo.loaders.programme import ensure_topics, load_cohorts, load_events
from demo.loaders.registrations import load_registrations
from demo.translate import translate
from home.bootstrap import ensure_locales, install_home_page
from home.indexing import indexed_once
from home.models import ContactSettings, FooterText, HomePage, SitemapPage
from members.groups import COMMITTEE_MEMBERS, EDITORS, PARTICIPANTS, ensure_groups
from programme.models import CohortIndexPage, EventIndexPage, ProgrammePage
from web.page_cache import purges_collected

DEMO_ACCOUNTS = [
    ("editor", "Eva", "Editor", EDITORS),
    ("committee", "Carlos", "Martínez Ruiz", COMMITTEE_MEMBERS),
    ("participant", "Paula", "Participant", PARTICIPANTS),
]
PASSWORD_FILE = settings.BASE_DIR / ".demo-password"
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def demo_password():
    """DEMO_PASSWORD if set, else a random password kept in .demo-password between runs."""
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"]
    if PASSWORD_FILE.exists():
        return PASSWORD_FILE.read_text().strip()
    password = secrets.token_urlsafe(12)
    PASSWORD_FILE.write_text(password + "\n")
    return password


def _publish_child(parent, page, spec):
    page.title = spec["title"]
    page.slug = spec["slug"]
    page.show_in_menus = spec.get("show_in_menus", True)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class Command(BaseCommand):
    help = "Load the demo programme (pages in six languages, cohorts, events, accounts)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-accounts", action="store_true", help="Do not print accounts.")
        parser.add_argument(
            "--report-missing",
            action="store_true",
            help="Print the demo strings that lack a translation, as JSON, and save nothing.",
        )
        parser.add_argument(
            "--open-call",
            action="store_true",
            help="On a new database: place the Belgian cohort after today with its call for "
            "applications open, even past the programme's end (to try the application form).",
        )

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError("Demo content is refused under these settings (production).")
        password = demo_password()
        self.missing = {} if options["report_missing"] else None
        # Each page is saved several times and each cohort with its sessions: index them and
        # warm or purge their addresses once, at the end.
        with purges_collected(), transaction.atomic(), indexed_once():
            locales = ensure_locales()
            groups = ensure_groups()
            users = self.ensure_accounts(groups, password)
            home = self.ensure_pages(locales["en"])
            self.ensure_snippets(locales)
            load_cohorts(users["editor"], open_call=options["open_call"])
            topics = ensure_topics(content.EVENT_TOPICS, locales["en"])
            load_events(topics)
            load_registrations()
            committee = load_committee(home, locales["en"], users, groups)
            for locale in locales.values():
                if locale.language_code != "en":
                    for snippet in [*topics.values(), *committee["snippets"]]:
                        translate(snippet, locale, missing_report=self.missing)
            self.ensure_translations(home, locales, users["editor"])
            load_certificates(users["editor"])
            load_feedback()
            load_self_assessments()
            self.ensure_contact(home)
            if self.missing is not None:
                self.stdout.write(json.dumps(self.missing, ensure_ascii=False, indent=1))
                transaction.set_rollback(True)
                return
        if not options["quiet_accounts"]:
            self.stdout.write(f"Demo accounts (password: {password}):")
            for username, *_rest, group in DEMO_ACCOUNTS:
                self.stdout.write(f"  {username:<12} {group}")

    def ensure_accounts(self, groups, password):
        User = get_user_model()
        users = {}
        for username, first, last, group in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                },
            )
            if created or not user.check_password(password):
                user.set_password(password)
                user.save()
            user.groups.add(groups[group])
            users[username] = user
        return users

    def ensure_pages(self, english):
        home = HomePage.objects.filter(locale=english).first()
        if home is None:
            home = install_home_page(
                HomePage(
                    title=content.HOME["title"],
                    intro=content.HOME["intro"],
                    body=content.HOME["body"],
                    locale=english,
                )
            )
        children = {child.slug for child in home.get_children()}
        for spec in content.PROGRAMME_PAGES:
            if spec["slug"] not in children:
                _publish_child(home, ProgrammePage(intro=spec["intro"], body=spec["body"]), spec)
        if content.COHORT_INDEX["slug"] not in children:
            _publish_child(
                home, CohortIndexPage(body=content.COHORT_INDEX["body"]), content.COHORT_INDEX
            )
        if content.PRIVACY_PAGE["slug"] not in children:
            spec = content.PRIVACY_PAGE
            _publish_child(home, ProgrammePage(intro=spec["intro"], body=spec["body"]), spec)
        for spec in [content.LEGAL_NOTICE_PAGE, content.ACCESSIBILITY_PAGE]:
            if spec["slug"] not in children:
                _publish_child(home, ProgrammePage(intro=spec["intro"], body=spec["body"]), spec)
        if content.SITEMAP_PAGE["slug"] not in children:
            spec = content.SITEMAP_PAGE
            _publish_child(home, SitemapPage(intro=spec["intro"]), spec)
        if content.APPLICATION_PAGE["slug"] not in children:
            _publish_child(
                home,
                ApplicationPage(body=content.APPLICATION_PAGE["body"]),
                content.APPLICATION_PAGE,
            )
        if content.EVENT_INDEX["slug"] not in children:
            _publish_child(
                home, EventIndexPage(body=content.EVENT_INDEX["body"]), content.EVENT_INDEX
            )
        return home

    def ensure_snippets(self, locales):
        if not FooterText.objects.filter(locale=locales["en"]).exists():
            FooterText.objects.create(body=content.FOOTER, locale=locales["en"])

    def ensure_translations(self, home, locales, editor):
        english_pages = [home] + list(home.get_descendants().specific())
        footer = FooterText.objects.get(locale=locales["en"])
        for code in TRANSLATED_LANGUAGES:
            locale = locales[code]
            for page in english_pages:
                translate(page, locale, user=editor, missing_report=self.missing)
            translate(footer, locale, user=editor, missing_report=self.missing)

    def ensure_contact(self, home):
        site = Site.objects.get(is_default_site=True)
        contact, _created = ContactSettings.objects.get_or_create(
            site=site,
            defaults={
                "manager_name": "Claire Dumont",
                "manager_email": "aiforcities@efus.eu",
                "manager_phone": "+33 1 40 64 49 00",
                "organisation_address": "10 rue des Montiboeufs\n75020 Paris\nFrance",
                "staff_notification_email": "aiforcities@efus.eu",
            },
        )
        footer_pages = {
            "privacy_page": "privacy",
            "legal_notice_page": "legal-notice",
            "accessibility_page": "accessibility",
            "sitemap_page": "sitemap",
        }
        for field, slug in footer_pages.items():
            if getattr(contact, f"{field}_id") is None:
                setattr(contact, field, home.get_children().filter(slug=slug).first())
        contact.save()
