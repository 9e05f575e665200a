"""Take screenshots of every page type at phone and desktop width into a gallery for review by
eye (`make screenshots`): it serves the demo site on a spare port and drives Chromium."""

import html
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from applications.models import Application, ApplicationPage
from applications.status_links import status_token
from certificates.models import Certificate
from committee.models import CommitteeNotePage, CommitteePage
from demo.processes import ServerFailed, free_port, stopping, wait_until_up
from home.models import HomePage, SitemapPage
from programme.models import Cohort, CohortIndexPage, EventIndexPage, ProgrammePage

CHROMIUM = "/usr/bin/chromium"
WIDTHS = {"phone": 390, "desktop": 1280}


def page_types(code):
    """(name, path) of each page type in one language of the demo site."""
    live = {"locale__language_code": code}
    cohorts = CohortIndexPage.objects.live().get(**live)
    application = ApplicationPage.objects.live().get(**live).url
    certificate = Certificate.objects.filter(revoked_at__isnull=True).first()
    revoked = Certificate.objects.filter(revoked_at__isnull=False).first()
    pages = [
        ("home", HomePage.objects.live().get(**live).url),
        ("programme-page", ProgrammePage.objects.live().filter(**live).first().url),
        ("cohorts", cohorts.url),
        ("cohort", cohorts.cohort_address(cohorts.url, Cohort.objects.order_by("-year").first())),
        ("events", EventIndexPage.objects.live().get(**live).url),
        ("committee", CommitteePage.objects.live().get(**live).url),
        ("notes", CommitteeNotePage.objects.live().filter(**live).first().get_parent().url),
        ("note", CommitteeNotePage.objects.live().filter(**live, members_only=False).first().url),
        ("application", application),
        ("sitemap", SitemapPage.objects.live().get(**live).url),
        ("search", f"/{code}/search/?q=AI"),
        ("sign-in", f"/{code}/members/login/"),
        ("password-reset", f"/{code}/members/password/reset/"),
    ]
    if certificate:
        pages.append(("verify-valid", f"/{code}/certificates/verify/{certificate.code}/"))
    if revoked:
        pages.append(("verify-revoked", f"/{code}/certificates/verify/{revoked.code}/"))
    submitted = Application.objects.exclude(reference="").first()
    if submitted:
        pages.append(("status", f"{application}status/?token={status_token(submitted)}"))
    return pages


class Command(BaseCommand):
    help = "Screenshot every page type at phone and desktop width into a gallery (HTML)."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(settings.BASE_DIR / "screenshots"))
        parser.add_argument("--languages", default="en,de", help="Comma-separated, e.g. en,fr,de")

    def handle(self, *args, **options):
        # Playwright is a development dependency: imported here, not at module level.
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            raise CommandError(f"Chromium is needed at {CHROMIUM} (Debian's chromium package).")
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Read the database before Playwright starts its event loop (Django refuses queries there).
        pages = [
            (code, name, path)
            for code in options["languages"].split(",")
            for name, path in page_types(code)
        ]
        shots = []
        with stopping(server, seconds=10):
            try:
                wait_until_up(f"{base}/robots.txt", server)
            except ServerFailed as failure:
                raise CommandError(f"The development server did not start: {failure}") from failure
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
                )
                for code, name, path in pages:
                    for device, width in WIDTHS.items():
                        shots.append(
                            self.shoot(browser, base, out, code, name, path, device, width)
                        )
                browser.close()
        self.write_gallery(out, shots)
        self.stdout.write(f"{len(shots)} screenshots: {out / 'index.html'}")

    def shoot(self, browser, base, out, code, name, path, device, width):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.route("**/www.google.com/**", lambda route: route.abort())
        tab = context.new_page()
        tab.goto(f"{base}{path}")
        filename = f"{code}-{name}-{device}.png"
        tab.screenshot(path=str(out / filename), full_page=True)
        context.close()
        return {"code": code, "name": name, "device": device, "path": path, "file": filename}

    def write_gallery(self, out, shots):
        rows = []
        for shot in shots:
            caption = html.escape(f"{shot['code']} · {shot['name']} · {shot['device']}")
            rows.append(
                f'<figure><a href="{shot["file"]}"><img src="{shot["file"]}" loading="lazy" '
                f'alt="{caption}"></a><figcaption>{caption}<br><code>'
                f"{html.escape(shot['path'])}</code></figcaption></figure>"
            )
        (out / "index.html").write_text(
            "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>AI for Cities – screenshots"
            "</title><style>body{font-family:system-ui,sans-serif;margin:1rem}main{display:grid;"
            "grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:1rem;align-items:start}"
            "figure{margin:0}img{width:100%;max-height:480px;object-fit:cover;object-position:top;"
            "border:1px solid #ccc}</style><h1>AI for Cities – every page type</h1><main>"
            + "".join(rows)
            + "</main>"
        )
