"""What a phone downloads for a page: the HTML and every same-site file it loads (stylesheets,
scripts, images, icons, and what the stylesheets load), each compressed as the server sends it.

The home page's budget is 100 KiB at 390 px, with no render-blocking third-party resource.
"""

import gzip
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.contrib.staticfiles import finders

BUDGET_BYTES = 100 * 1024
# What a 390 px phone fetches: srcset candidates are for wider screens, so only `src` counts.
HTML_REFERENCES = re.compile(
    r'<(?:link[^>]+rel="(?:stylesheet|icon|apple-touch-icon|manifest|preload)"[^>]*href|'
    r"script[^>]+src|img[^>]+src|source[^>]+srcset)=\"([^\"]+)\"",
    re.I,
)
CSS_REFERENCES = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
RENDER_BLOCKING = re.compile(r'<link[^>]+rel="stylesheet"[^>]*href="(https?://[^"]+)"', re.I)


@dataclass
class PageWeight:
    url: str
    files: dict  # path → compressed bytes
    third_party_blocking: list

    @property
    def total(self):
        return sum(self.files.values())

    @property
    def within_budget(self):
        return self.total <= BUDGET_BYTES and not self.third_party_blocking


def compressed_size(content):
    return len(gzip.compress(content, compresslevel=6))


def _static_content(client, path):
    response = client.get(path)
    if response.status_code == 200:
        return b"".join(response) if response.streaming else response.content
    found = finders.find(path.removeprefix("/static/").split("?")[0])
    return Path(found).read_bytes() if found else b""


def page_weight(client, url):
    """Everything a first visit to `url` downloads from this site, compressed."""
    html = client.get(url, HTTP_USER_AGENT="bench phone 390px").content
    files = {url: compressed_size(html)}
    text = html.decode("utf-8", "replace")
    pending = [urljoin(url, ref.split()[0]) for ref in HTML_REFERENCES.findall(text)]
    while pending:
        path = pending.pop()
        if path in files or urlsplit(path).netloc or path.startswith("data:"):
            continue
        content = _static_content(client, path)
        files[path] = compressed_size(content)
        if path.endswith(".css"):
            css = content.decode("utf-8", "replace")
            pending += [urljoin(path, ref) for ref in CSS_REFERENCES.findall(css)]
    return PageWeight(url, files, RENDER_BLOCKING.findall(text))
