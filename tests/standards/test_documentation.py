"""The README stays short, and every file a page of the documentation links to or names exists."""

import re

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
PAGES = [ROOT / "README.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md"))]
MARKDOWN_LINK = re.compile(r"\]\(([^)#]+)(?:#[^)]*)?\)")
GENERATED = ("screenshots/",)  # written by make targets, git-ignored
NAMED_PATH = re.compile(r"`((?:[a-z_]+/)+[a-z_]+\.(?:py|md|html|css|js|conf|example))`")


def test_the_readme_reads_in_five_minutes():
    assert len((ROOT / "README.md").read_text().splitlines()) <= 200


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_link_and_named_file_exists(page):
    text = page.read_text()
    missing = [
        link
        for link in MARKDOWN_LINK.findall(text)
        if not link.startswith(("http:", "https:", "mailto:")) and not (page.parent / link).exists()
    ]
    missing += [
        path
        for path in NAMED_PATH.findall(text)
        if not path.startswith(GENERATED) and not (ROOT / path).exists()
    ]
    assert not missing, f"{page.name} names files that do not exist: {missing}"
