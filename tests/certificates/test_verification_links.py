"""The verification page can be found: every page's footer links to it in the page's language,
and so does a participant's space."""

import pytest
from bs4 import BeautifulSoup

from certificates.issuing import issue
from tests.conftest import LANGUAGE_CODES
from tests.fixtures.certificates import attend

pytestmark = pytest.mark.django_db


def links(response, scope):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select(f"{scope} a[href]")]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_footer_links_to_the_verification_page(site_tree, client, code):
    response = client.get(site_tree.translations[code]["home"].url)
    assert f"/{code}/certificates/verify/" in links(response, "footer"), code


def test_my_space_links_to_the_verification_page(client, enrolments, editor):
    holder = enrolments["Jürgen Groß"]
    attend(holder)
    issue(holder, by=editor, notify=False)
    client.force_login(holder.user)
    response = client.get("/de/mitglieder/")
    assert "/de/certificates/verify/" in links(response, "main .my-certificates")
