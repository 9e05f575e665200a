"""A cohort page names its time zone as people do, in the reader's language (CLDR), not by its
database id ("Europe/Berlin")."""

import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from home.dates import zone_title
from programme.factories import CohortFactory

pytestmark = pytest.mark.django_db

BERLIN = {
    "en": "Central European Time (Berlin)",
    "fr": "heure d’Europe centrale (Berlin)",
    "it": "Ora dell’Europa centrale (Berlino)",
    "nl": "Midden-Europese tijd (Berlijn)",
    "de": "Mitteleuropäische Zeit (Berlin)",
    "es": "hora de Europa central (Berlín)",
}


@pytest.mark.parametrize("code", BERLIN)
def test_a_zone_is_named_in_the_readers_language(code):
    with translation.override(code):
        assert zone_title(zoneinfo.ZoneInfo("Europe/Berlin")) == BERLIN[code]


def test_the_cohort_page_names_its_zone(site_tree, client):
    cohort = CohortFactory(country="DE", time_zone="Europe/Berlin")
    for code in ["de", "nl"]:
        response = client.get(
            f"{site_tree.translations[code]['cohorts'].url}{cohort.slug_in(code)}/"
        )
        assert response.status_code == 200
        facts = BeautifulSoup(response.content, "html.parser").find("dl", class_="facts")
        assert BERLIN[code] in facts.get_text()
        assert "Europe/Berlin" not in response.content.decode()
