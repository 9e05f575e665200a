"""Every public page carries a strict Content-Security-Policy and a Permissions-Policy, in
every language; reCAPTCHA is allowed on the application page only; the admin gets its own."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import LANGUAGE_CODES
from web.csp import csp_settings

pytestmark = pytest.mark.django_db

PAGE_KINDS = ["home", "about", "cohorts", "events", "apply"]
COMMITTEE_KINDS = ["committee", "notes", "public_note"]
EXTRA_URLS = ["search/?q=ai", "members:login", "members:password_reset", "certificates/verify/"]


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def page_url(site_tree, apply_pages, kind, language):
    if kind == "apply":
        return apply_pages[language].url
    return site_tree.translations[language][kind].url


def assert_strict(response):
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]
    return policy


def assert_no_inline_code(html):
    # A JSON-LD block is data the browser never runs (schema.org for search engines).
    inline = r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>"
    assert not re.search(inline, html), "inline script"
    assert " style=" not in html and "<style" not in html, "inline style"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.mark.parametrize("language", LANGUAGE_CODES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_public_pages_carry_a_strict_policy(client, site_tree, apply_pages, kind, language):
    response = client.get(page_url(site_tree, apply_pages, kind, language))
    assert response.status_code == 200
    policy = assert_strict(response)
    assert_no_inline_code(response.content.decode())
    google = any("google" in source for source in policy["script-src"] + policy["frame-src"])
    assert google == (kind == "apply"), "reCAPTCHA's sources on the application page only"


@pytest.mark.parametrize("language", LANGUAGE_CODES)
@pytest.mark.parametrize("kind", COMMITTEE_KINDS)
def test_committee_pages_carry_a_strict_policy(client, committee_tree, kind, language):
    response = client.get(committee_tree.pages[language][kind].url)
    assert response.status_code == 200
    assert_strict(response)
    assert_no_inline_code(response.content.decode())


@pytest.mark.parametrize("language", LANGUAGE_CODES)
@pytest.mark.parametrize("path", EXTRA_URLS)
def test_site_pages_carry_a_strict_policy(client, site_tree, language, path):
    if ":" in path:  # a URL name: the member pages' addresses are translated
        with translation.override(language):
            url = reverse(path)
    else:
        url = f"/{language}/{path}"
    response = client.get(url)
    assert response.status_code == 200
    assert_strict(response)
    assert_no_inline_code(response.content.decode())


def test_not_found_pages_carry_the_policy_too(client, site_tree):
    assert_strict(client.get("/fr/no-such-page/"))


def test_the_admin_has_a_looser_policy_that_still_forbids_framing_elsewhere(client, people):
    client.force_login(people.editor)
    response = client.get("/admin/")
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_report_only_mode_is_switched_by_a_setting(client, site_tree, settings):
    enforced, report_only = csp_settings(report_only=True, report_uri="/csp-reports/")
    settings.CONTENT_SECURITY_POLICY = enforced
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = report_only
    response = client.get("/en/")
    assert "Content-Security-Policy" not in response
    assert "report-uri /csp-reports/" in response["Content-Security-Policy-Report-Only"]
