"""schema.org structured data (JSON-LD) in the head of the home, cohort and event pages.

Each page's JSON-LD is read from its HTML and expanded by a JSON-LD processor (PyLD), with no
network: schema.org's context is served from `data/schema-org-context.jsonld`, an excerpt of
https://schema.org/docs/jsonldcontext.jsonld with the terms the site uses (schema.org types
and properties, written in the `schema:` namespace). A misspelt or unknown term is dropped
by the expansion, and the tests fail on any dropped term: a new term goes into the excerpt
after a check on schema.org. Dates are checked against what the page itself shows.
"""

import datetime
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from pyld import jsonld
from wagtail.models import Site

from home.dates import weekday_date
from home.models import ContactSettings
from programme.factories import CohortFactory, EventFactory

pytestmark = pytest.mark.django_db

BASE = "https://aiforcities.example"
S = "https://schema.org/"
CONTEXT = json.loads((Path(__file__).parent / "data" / "schema-org-context.jsonld").read_text())
SCHEMA_ORG = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
}


@pytest.fixture(autouse=True)
def public_base(settings):
    settings.BASE_URL = BASE


@pytest.fixture(autouse=True)
def contact(site_tree):
    ContactSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"manager_name": "Claire Dumont", "manager_email": "claire@efus.example"},
    )


def offline_loader(url, options=None):
    """schema.org's context from the excerpt kept here; any other address is refused."""
    if url not in SCHEMA_ORG:
        raise AssertionError(f"the JSON-LD asks for a remote document: {url}")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": CONTEXT}  # fmt: skip


def page_and_data(client, url):
    """The page's soup and each of its JSON-LD blocks, expanded."""
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    scripts = soup.head.find_all("script", type="application/ld+json")
    assert scripts, "the page carries structured data"
    dropped = []
    expanded = [
        jsonld.expand(
            json.loads(script.string),
            {"documentLoader": offline_loader, "base": f"{BASE}{url}"},
            on_property_dropped=dropped.append,
        )
        for script in scripts
    ]
    assert dropped == [], f"terms unknown to schema.org's context: {dropped}"
    return soup, [node for nodes in expanded for node in nodes]


def nodes_of(graph, kind):
    """Every node of type `kind` (a schema.org name), nested anywhere."""
    found = []

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if f"{S}{kind}" in value.get("@type", []):
                found.append(value)
            for key, item in value.items():
                if not key.startswith("@"):
                    walk(item)

    walk(graph)
    return found


def value(node, name):
    items = node.get(f"{S}{name}", [])
    assert len(items) == 1, (name, items)
    return items[0].get("@value", items[0].get("@id"))


def values(node, name):
    return [item.get("@value", item.get("@id")) for item in node.get(f"{S}{name}", [])]


@pytest.mark.parametrize("code", ["en", "de"])
def test_a_cohort_page_is_a_course_instance_with_its_sessions_as_events(site_tree, client, code):
    cohort = CohortFactory(
        slug="germany-2026", country="DE", delivery_languages=["de"], with_sessions__confirmed=True
    )
    slug = {"en": "germany-2026", "de": "deutschland-2026"}[code]
    soup, graph = page_and_data(client, f"/{code}/cohorts/{slug}/")
    [course] = nodes_of(graph, "Course")
    assert value(course, "url") == f"{BASE}/{code}/cohorts/"
    [provider] = course[f"{S}provider"]
    assert value(provider, "name") == "Efus – European Forum for Urban Security"
    assert value(provider, "url") == "https://efus.eu"
    assert value(provider, "logo").startswith(f"{BASE}/static/")
    [instance] = nodes_of(graph, "CourseInstance")
    assert value(instance, "name") == soup.h1.get_text(strip=True)
    assert value(instance, "url") == f"{BASE}/{code}/cohorts/{slug}/"
    assert value(instance, "courseMode") == "Blended"
    assert values(instance, "inLanguage") == ["de"]
    sessions = cohort.ordered_sessions
    assert value(instance, "startDate") == sessions[0].local_start.date().isoformat()
    assert value(instance, "endDate") == sessions[-1].local_end.date().isoformat()
    kinds = sorted(place["@type"][0] for place in instance[f"{S}location"])
    assert kinds == [f"{S}Place", f"{S}VirtualLocation"]

    events = instance[f"{S}subEvent"]
    assert len(events) == 5
    shown = [li.get_text(" ", strip=True) for li in soup.select("ol.sessions > li")]
    with translation.override(code):
        for event, text in zip(events, shown, strict=True):
            start = datetime.datetime.fromisoformat(value(event, "startDate"))
            end = datetime.datetime.fromisoformat(value(event, "endDate"))
            # In the cohort's zone, with its offset: the day and hours the page shows.
            assert start.utcoffset() == start.astimezone(cohort.zone).utcoffset()
            assert weekday_date(start.date()) in text
            assert f"{start:%H:%M}" in text and f"{end:%H:%M}" in text
            assert value(event, "eventStatus") == f"{S}EventScheduled"
    in_person = events[-1]
    assert value(in_person, "eventAttendanceMode") == f"{S}OfflineEventAttendanceMode"
    [place] = in_person[f"{S}location"]
    assert value(place, "name") == "Hôtel de Ville, Lyon"
    assert value(place[f"{S}address"][0], "addressCountry") == "DE"
    [online] = events[0][f"{S}location"]
    assert online["@type"] == [f"{S}VirtualLocation"]


def test_sessions_to_be_confirmed_are_not_events_and_the_cohort_has_its_planned_period(
    site_tree, client
):
    cohort = CohortFactory(slug="italy-2026", country="IT", delivery_languages=["it"])
    _soup, graph = page_and_data(client, "/it/cohorts/italia-2026/")
    [instance] = nodes_of(graph, "CourseInstance")
    assert f"{S}subEvent" not in instance and nodes_of(graph, "Event") == []
    assert value(instance, "startDate") == cohort.planned_start.isoformat()
    assert value(instance, "endDate") == cohort.planned_end.isoformat()


def test_the_cohort_listing_offers_each_cohort(site_tree, client):
    CohortFactory(slug="spain-2025", country="ES", delivery_languages=["es"])
    CohortFactory(slug="belgium-2026", country="BE", delivery_languages=["fr", "nl", "de"])
    _soup, graph = page_and_data(client, "/fr/cohorts/")
    [course] = nodes_of(graph, "Course")
    urls = {value(i, "url"): i for i in course[f"{S}hasCourseInstance"]}
    assert set(urls) == {f"{BASE}/fr/cohorts/espagne-2025/", f"{BASE}/fr/cohorts/belgique-2026/"}
    assert values(urls[f"{BASE}/fr/cohorts/belgique-2026/"], "inLanguage") == ["fr", "nl", "de"]


def test_each_event_is_an_event_online_at_the_time_the_page_shows(site_tree, client):
    event = EventFactory()
    soup, graph = page_and_data(client, "/es/events/")
    [data] = nodes_of(graph, "Event")
    assert value(data, "name") == event.topic.title
    start = datetime.datetime.fromisoformat(value(data, "startDate"))
    assert start == event.starts_at and start.utcoffset() == datetime.timedelta(hours=2)
    assert value(data, "eventAttendanceMode") == f"{S}OnlineEventAttendanceMode"
    assert value(data["location"] if "location" in data else data[f"{S}location"][0], "url") == (
        f"{BASE}/es/events/"
    )
    with translation.override("es"):
        assert weekday_date(start.date()) in soup.select_one("li.event").get_text(" ")


def test_the_home_page_names_efus_as_the_organisation(site_tree, client):
    _soup, graph = page_and_data(client, "/nl/")
    [organisation] = nodes_of(graph, "Organization")
    assert value(organisation, "url") == "https://efus.eu"
    assert value(organisation, "logo") == f"{BASE}/static/icons/icon-512.png"


def test_the_data_cannot_end_its_script_element(site_tree, client):
    ContactSettings.objects.update(organisation_name="Efus </script><script>alert(1)</script>")
    response = client.get("/en/")
    head = response.content.decode().split("</head>")[0]
    assert "alert(1)</script>" not in head
    _soup, graph = page_and_data(client, "/en/")
    [organisation] = nodes_of(graph, "Organization")
    assert value(organisation, "name") == "Efus </script><script>alert(1)</script>"
