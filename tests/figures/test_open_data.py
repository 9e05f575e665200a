"""Open data: cohorts, sessions, events and the figures as JSON and CSV in each language, checked
against their published description; open to any site (CORS), publicly cacheable, and
described for data portals in DCAT-AP (expanded by a JSON-LD processor)."""

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pyld import jsonld
from wagtail.models import Site

from figures.open_data import DATASETS
from home.models import ContactSettings
from programme.factories import CohortFactory, EventFactory

pytestmark = pytest.mark.django_db

DCAT = "http://www.w3.org/ns/dcat#"
LICENSE = "http://purl.org/dc/terms/license"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
ETALAB = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@pytest.fixture
def data(programme):
    CohortFactory(country="DE", delivery_languages=["de"], slug="germany-2026")  # dates TBC
    EventFactory()
    return programme


def url(name, extension, language="en"):
    with translation.override(language):
        return reverse("figures:open_data_file", kwargs={"name": name, "extension": extension})


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", list(DATASETS))
def test_each_file_holds_the_fields_its_description_lists(client, data, name, language):
    dataset = DATASETS[name]
    fields = [field.name for field in dataset.fields]
    if "json" in dataset.formats:
        response = client.get(url(name, "json", language))
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"].startswith("public")
        body = json.loads(response.content)
        assert body["licence"] == "https://creativecommons.org/licenses/by/4.0/"
        assert body["records"]
        for record in body["records"]:
            assert list(record) == fields
    response = client.get(url(name, "csv", language))
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == fields and len(rows) > 1


def test_sessions_show_dates_only_once_confirmed_in_the_file_language(client, data):
    records = json.loads(client.get(url("sessions", "json", "fr")).content)["records"]
    tbc = [r for r in records if r["cohort"] == "germany-2026"]
    assert len(tbc) == 5 and all(r["starts_at"] is None and r["state"] == "tbc" for r in tbc)
    confirmed = [r for r in records if r["state"] == "confirmed"]
    assert confirmed and all(r["starts_at"] for r in confirmed)
    assert {r["title"] for r in confirmed} >= {"Session en ligne 1"}
    cohorts = json.loads(client.get(url("cohorts", "json", "de")).content)["records"]
    assert {c["country"]: c["country_name"] for c in cohorts}["IT"] == "Italien"


def test_the_figures_csv_follows_the_small_number_rule(client, data):
    rows = list(csv.DictReader(io.StringIO(client.get(url("figures", "csv")).content.decode())))
    values = {row["value"] for row in rows if row["figure"] not in ("sessions", "usefulness")}
    assert "<5" in values and not values & {"1", "2", "3", "4"}
    assert client.get(url("figures", "json")).status_code == 404  # only CSV is described


def test_the_description_page_lists_every_field_and_the_licence(client, data):
    with translation.override("es"):
        html = client.get(reverse("figures:open_data")).content.decode()
    for dataset in DATASETS.values():
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in html
    assert "CC BY 4.0" in html and "/es/open-data/sessions.csv" in html


def test_the_dcat_ap_catalogue_expands_and_its_files_exist(client, data):
    response = client.get(reverse("figures:dcat"))
    assert response["Access-Control-Allow-Origin"] == "*"
    expanded = jsonld.expand(json.loads(response.content))
    (catalogue,) = expanded
    assert f"{DCAT}Catalog" in catalogue["@type"]
    datasets = catalogue[f"{DCAT}dataset"]
    assert len(datasets) == len(DATASETS)
    for dataset in datasets:
        for distribution in dataset[f"{DCAT}distribution"]:
            address = distribution[f"{DCAT}downloadURL"][0]["@id"]
            assert client.get(address.removeprefix("http://testserver")).status_code == 200


def test_the_figures_and_open_data_are_in_the_sitemap_and_the_footer(client, site_tree):
    sitemap = client.get("/sitemap.xml").content.decode()
    for language, figures, open_data in [
        ("en", "/en/programme-in-figures/", "/en/open-data/"),
        ("de", "/de/programm-in-zahlen/", "/de/open-data/"),
    ]:
        assert f"<loc>http://testserver{figures}</loc>" in sitemap
        assert f"<loc>http://testserver{open_data}</loc>" in sitemap
        with translation.override(language):
            home = client.get(site_tree.translations[language]["home"].url).content.decode()
        assert f'href="{figures}"' in home and f'href="{open_data}"' in home


def licences_published(client):
    """The licence as each open data address states it: JSON body and Link header, CSV Link
    header, the expanded DCAT-AP catalogue and the description page."""
    as_json = client.get(url("cohorts", "json"))
    as_csv = client.get(url("sessions", "csv"))
    (catalogue,) = jsonld.expand(json.loads(client.get(reverse("figures:dcat")).content))
    in_dcat = {catalogue[LICENSE][0]["@id"]} | {
        distribution[LICENSE][0]["@id"]
        for dataset in catalogue[f"{DCAT}dataset"]
        for distribution in dataset[f"{DCAT}distribution"]
    }
    page = client.get(reverse("figures:open_data")).content.decode()
    body = json.loads(as_json.content)
    return {
        "json": (body["licence"], body["licence_name"]),
        "links": {as_json["Link"], as_csv["Link"]},
        "dcat": in_dcat,
        "page": page,
    }


def test_the_open_data_is_cc_by_unless_the_contact_settings_name_another_licence(client, data):
    published = licences_published(client)
    assert published["json"] == (CC_BY, "CC BY 4.0")
    assert published["links"] == {f'<{CC_BY}>; rel="license"'}
    assert published["dcat"] == {CC_BY}
    assert f'Licence: <a href="{CC_BY}">CC BY 4.0</a>' in published["page"]

    ContactSettings.objects.create(
        site=Site.objects.get(is_default_site=True),
        manager_name="Elena Rossi",
        manager_email="elena.rossi@example.org",
        open_data_licence_name="Licence Ouverte 2.0",
        open_data_licence_url=ETALAB,
    )
    published = licences_published(client)
    assert published["json"] == (ETALAB, "Licence Ouverte 2.0")
    assert published["links"] == {f'<{ETALAB}>; rel="license"'}
    assert published["dcat"] == {ETALAB}
    assert f'Licence: <a href="{ETALAB}">Licence Ouverte 2.0</a>' in published["page"]
    assert CC_BY not in published["page"]


def test_a_licence_needs_both_its_name_and_its_address():
    contact = ContactSettings(
        manager_name="Elena Rossi",
        manager_email="elena.rossi@example.org",
        open_data_licence_name="Licence Ouverte 2.0",
    )
    with pytest.raises(ValidationError) as refused:
        contact.clean()
    assert "open_data_licence_url" in refused.value.message_dict
