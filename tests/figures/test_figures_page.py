"""The public page of the programme in figures: every figure as an SVG chart with its title and
description and the same numbers in a table, in each language, from the page cache until a
counted fact changes."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate

pytestmark = pytest.mark.django_db

TITLES = {
    "en": "The programme in figures",
    "fr": "Le programme en chiffres",
    "it": "Il programma in cifre",
    "nl": "Het programma in cijfers",
    "de": "Das Programm in Zahlen",
    "es": "El programa en cifras",
}


def figures_url(language):
    with translation.override(language):
        return reverse("figures:figures")


@pytest.mark.parametrize("language", list(TITLES))
def test_the_page_in_each_language_has_charts_with_titles_and_tables(
    client,
    site_tree,
    programme,
    language,
):
    html = client.get(figures_url(language)).content.decode()
    assert f"<h1>{TITLES[language]}</h1>" in html
    charts = re.findall(r'<svg class="chart" role="img"[^>]*aria-labelledby="([^"]+)"', html)
    assert len(charts) >= 9
    for labels in charts:
        for label in labels.split():
            assert f'id="{label}"' in html
    assert html.count('<table class="cohort-table">') == len(charts)
    assert "style=" not in html.split("<main", 1)[1] and "<script" not in html.split("<main", 1)[1]


def test_no_number_of_people_from_1_to_4_is_published(client, site_tree, programme):
    html = client.get(figures_url("en")).content.decode()
    cells = re.findall(r'<td class="num people"[^>]*>([^<]*)</td>', html)
    assert "fewer than 5" in cells
    assert not {"1", "2", "3", "4"} & set(cells)


def test_the_page_shows_the_skills_before_and_after_per_learning_outcome(
    client, site_tree, programme
):
    html = client.get(figures_url("fr")).content.decode()
    section = html.split('id="self_assessment"', 1)[1].split("</section>", 1)[0]
    assert "Compétences avant et après la session en présentiel" in section
    assert '<svg class="chart" role="img"' in section
    cells = re.findall(r"<tr><th scope=\"row\">([^<]+)</th>(.*?)</tr>", section)
    values = {label: re.findall(r">([^<>]+)</td>", row) for label, row in cells}
    assert values == {"Expliquer l’IA": ["9", "2,3", "3,9"], "Acheter l’IA": ["9", "1,7", "3,0"]}


def test_the_page_is_cached_until_a_counted_fact_changes(
    client,
    site_tree,
    programme,
    django_assert_max_num_queries,
    settings,
):
    settings.PAGE_CACHE_SECONDS = 600
    url = figures_url("en")
    with django_assert_max_num_queries(40):
        first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    italy, _france = programme
    enrolment = italy.enrolments.exclude(certificates__isnull=False).first()
    Certificate.objects.create(enrolment=enrolment, language="it")
    again = client.get(url)
    assert again["X-Page-Cache"] == "miss"
    assert re.search(
        r'<th scope="row">Certified</th><td class="num people"[^>]*>8</td>', again.content.decode()
    )
