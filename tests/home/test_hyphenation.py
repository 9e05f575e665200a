"""Long words carry soft hyphens at their hyphenation points, in the page's language, so that a
browser without a hyphenation dictionary breaks them with a hyphen, never anywhere."""

import pytest
from bs4 import BeautifulSoup

from home.hyphenation import SOFT_HYPHEN, hyphenate_html

pytestmark = pytest.mark.django_db


def test_long_words_get_soft_hyphens_by_language():
    assert hyphenate_html("<p>Toegankelijkheidsverklaring</p>", "nl") == (
        "<p>Toe\xadgan\xadke\xadlijk\xadheids\xadver\xadkla\xadring</p>"
    )
    assert (
        hyphenate_html("<h1>Lenkungsausschuss</h1>", "de")
        == "<h1>Len\xadkungs\xadaus\xadschuss</h1>"
    )
    assert hyphenate_html("<p>un court mot</p>", "fr") == "<p>un court mot</p>"


def test_markup_addresses_and_text_that_is_not_read_stay_whole():
    html = (
        '<a class="Fortbildungsprogramm" href="/de/Lenkungsausschuss/">x</a>'
        "<title>Lenkungsausschuss</title><script>Lenkungsausschuss()</script>"
        "<textarea>Lenkungsausschuss</textarea><!-- Lenkungsausschuss -->"
        "<p>lenkungsausschuss@example.org www.Lenkungsausschuss.de Hand\xadgemacht</p>"
    )
    assert hyphenate_html(html, "de") == html


def test_pages_of_the_site_are_hyphenated_and_the_admin_is_not(
    site_tree, client, admin_client, settings
):
    settings.SOFT_HYPHENS = True
    german = site_tree.translations["de"]["about"]
    german.title = "Lenkungsausschuss"
    german.save_revision().publish()
    soup = BeautifulSoup(client.get(german.url).content, "html.parser")
    assert soup.h1.string == "Len\xadkungs\xadaus\xadschuss"
    assert SOFT_HYPHEN not in soup.title.string
    admin = admin_client.get(f"/admin/pages/{german.pk}/edit/")
    assert SOFT_HYPHEN.encode() not in admin.content

    settings.SOFT_HYPHENS = False
    assert BeautifulSoup(client.get(german.url).content, "html.parser").h1.string == (
        "Lenkungsausschuss"
    )
