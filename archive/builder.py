"""A static copy of the public site that keeps working when the application is switched off.

Every address is rendered through the whole Django stack by django-distill's renderer (a WSGI
request made inside the process), as an anonymous visitor on `BASE_URL`, and written where a
static web server finds it: `/en/cohorts/` as `en/cohorts/index.html`, `/certificates/jwks.json`
as itself. The archive starts from the home page of every language, the XML sitemap and the
certificates' public addresses (their verification pages in every language, their statuses, the
issuer, the key set and the signed revocation list), each cohort's address from before addresses
were translated (kept as a redirect for the emails and bookmarks that hold it), and follows every
link on the site's own address. What does not answer 200 to an anonymous visitor (a members-only
page, a sign-in form) is not archived, and the archive reports every archived page that links
to it.

While it renders, the site knows it is being archived (`SITE_ARCHIVE_MADE_ON`): pages say so and
leave out what a static copy cannot do (search, sign-in); the application form says the
programme has ended. The page cache is off, so no live copy slips in, and the certificate look-up
limit (there against guessing by outsiders) does not count the archive's own look-ups.
"""

import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django_distill.renderer import render_static_redirect, write_file
from django_distill.request import internal_wsgi_request

from certificates.models import Certificate
from home.dates import in_efus_zone
from programme.models import Cohort, CohortIndexPage

REDIRECTS = {301, 302, 303, 307, 308}
NOT_ARCHIVED_PREFIXES = ("/admin/", "/healthz", "/django-admin/")
LINK_ATTRIBUTES = {"href", "src", "poster", "data"}
SITEMAP_LOCATION = re.compile(rb"<loc>([^<]+)</loc>")
CSS_URL = re.compile(rb"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class _Links(HTMLParser):
    """The addresses an HTML page points to: href, src and every candidate of a srcset."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name in LINK_ATTRIBUTES:
                self.found.append(value)
            elif name == "srcset":
                self.found.extend(part.split()[0] for part in value.split(",") if part.strip())


def links_in_html(body):
    parser = _Links()
    parser.feed(body.decode("utf-8", "replace"))
    return parser.found


@dataclass
class Archive:
    folder: Path
    made_on: object = None
    written: dict = field(default_factory=dict)  # path → file written
    not_archived: dict = field(default_factory=dict)  # path → status
    linked_from: dict = field(default_factory=dict)  # path → a page that links to it

    @property
    def broken_links(self):
        """Archived pages' links to addresses the archive does not hold."""
        return {
            path: (status, self.linked_from.get(path))
            for path, status in self.not_archived.items()
            if path in self.linked_from
        }


def file_for(path):
    """Where a static server looks for `path`."""
    relative = unquote(path).lstrip("/")
    return relative + "index.html" if relative == "" or relative.endswith("/") else relative


def site_path(address, base):
    """The path of an address on the site's own origin, without query or fragment; None for
    any other origin or scheme."""
    parts = urlsplit(urljoin(base, address))
    own = urlsplit(base)
    if parts.scheme not in ("http", "https") or parts.netloc != own.netloc:
        return None
    return parts.path or "/"


def certificate_addresses():
    """The public addresses of every certificate: its verification page in every language (the
    QR code's address among them), its status, and the issuer's documents."""
    paths = [
        reverse("certificates_issuer"),
        reverse("certificates_achievement"),
        reverse("certificates_jwks"),
        reverse("certificates_status_list"),
    ]
    codes = list(Certificate.objects.values_list("code", flat=True))
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("certificates:verify"))
            paths += [reverse("certificates:verify_code", kwargs={"code": code}) for code in codes]
    paths += [reverse("certificates_status", kwargs={"code": code}) for code in codes]
    return paths


def older_cohort_addresses():
    """Each cohort's English slug under every language's public listing (/de/…/germany-2026/):
    its address in every language before addresses were translated, now a redirect."""
    cohorts = list(Cohort.objects.only("slug"))
    return [
        f"{listing.url}{cohort.slug}/"
        for listing in CohortIndexPage.objects.live().public()
        if listing.url
        for cohort in cohorts
    ]


def seeds():
    homes = [f"/{language}/" for language, _name in settings.LANGUAGES]
    return [
        "/", *homes, "/sitemap.xml", "/robots.txt", *certificate_addresses(),
        *older_cohort_addresses(),
    ]  # fmt: skip


def render(path, base):
    """Status, headers and body of an anonymous GET of `path` on the site's public address."""
    own = urlsplit(base)
    headers = {"Host": own.netloc}
    if own.scheme == "https":
        headers["X-Forwarded-Proto"] = "https"
    status, response_headers, body = internal_wsgi_request(path=path, headers=headers)
    return int(status.split(" ", 1)[0]), dict(response_headers), body


def media_file(path):
    """A public upload's bytes (on disk or in the public bucket), or None."""
    name = unquote(path.removeprefix(settings.MEDIA_URL))
    if not default_storage.exists(name):
        return None
    with default_storage.open(name) as source:
        return source.read()


def static_file(path):
    """A static file's bytes: from the collected files (with their hashed names in
    production), else from the apps' own folders (development)."""
    name = unquote(path.removeprefix(settings.STATIC_URL))
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as source:
            return source.read()
    found = finders.find(name)
    return Path(found).read_bytes() if found else None


def build(folder, base=None):
    """Write the archive into `folder` (emptied first) and return what was written."""
    base = base or settings.BASE_URL
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    archive = Archive(folder=folder, made_on=in_efus_zone(timezone.now()).date())
    lookups = (10**9, settings.CERTIFICATE_LOOKUP_RATE[1])
    with override_settings(
        SITE_ARCHIVE_MADE_ON=archive.made_on, PAGE_CACHE_SECONDS=0, CERTIFICATE_LOOKUP_RATE=lookups
    ):
        _crawl(archive, base)
    return archive


def _crawl(archive, base):
    queue = list(dict.fromkeys(seeds()))
    seen = set(queue)

    def follow(address, page):
        path = site_path(address, urljoin(base, page))
        if path is None:
            return
        archive.linked_from.setdefault(path, page)
        if path not in seen:
            seen.add(path)
            queue.append(path)

    while queue:
        path = queue.pop(0)
        if path.startswith(NOT_ARCHIVED_PREFIXES):
            archive.not_archived[path] = "not public"
            continue
        if path.startswith((settings.MEDIA_URL, settings.STATIC_URL)):
            _copy_file(archive, path, follow)
            continue
        status, headers, body = render(path, base)
        if status in REDIRECTS:
            location = headers.get("Location", "")
            target = site_path(location, urljoin(base, path))
            if "next=" in urlsplit(location).query:  # to sign in: members only
                archive.not_archived[path] = "members only"
                continue
            if target is None:
                archive.not_archived[path] = status
                continue
            write_file(archive.folder / file_for(path), render_static_redirect(target))
            archive.written[path] = file_for(path)
            follow(target, path)
            continue
        if status != 200:
            archive.not_archived[path] = status
            continue
        write_file(archive.folder / file_for(path), body)
        archive.written[path] = file_for(path)
        content_type = headers.get("Content-Type", "")
        if content_type.startswith("text/html"):
            for address in links_in_html(body):
                follow(address, path)
        elif path == "/sitemap.xml":
            for address in SITEMAP_LOCATION.findall(body):
                follow(address.decode(), path)


def _copy_file(archive, path, follow):
    """An upload or a static file, copied as it is; a style sheet's own references followed."""
    body = static_file(path) if path.startswith(settings.STATIC_URL) else media_file(path)
    if body is None:
        archive.not_archived[path] = 404
        return
    write_file(archive.folder / file_for(path), body)
    archive.written[path] = file_for(path)
    if path.endswith(".css"):
        for address in CSS_URL.findall(body):
            if not address.startswith(b"data:"):
                follow(address.decode(), path)
