"""Cities and regions apply: the applicant is a local or regional authority of a kind, says
whether it belongs to Efus, and every page, email and export words it to fit, in six languages."""

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.utils import translation

from applications import exports
from applications.decisions import change_status
from applications.emails import status_url
from applications.factories import ApplicationFactory
from applications.models import Application, ApplicationStatus, AuthorityKind, EfusMembership
from applications.selection import authorities
from tests.applications.builders import DURING_WINDOW, run_queue, valid_data
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

KIND_LABELS = {
    "en": ["Municipality", "Inter-municipal or metropolitan body", "Region or province"],
    "fr": ["Commune", "Intercommunalité ou métropole", "Région ou province"],
    "it": ["Comune", "Unione di comuni o città metropolitana", "Regione o provincia"],
    "nl": ["Gemeente", "Intergemeentelijk samenwerkingsverband of metropoolregio",
           "Regio of provincie"],
    "de": ["Gemeinde", "Gemeindeverband oder Metropolregion", "Region, Land oder Provinz"],
    "es": ["Municipio", "Mancomunidad o área metropolitana", "Región o provincia"],
}  # fmt: skip
EFUS_QUESTION = {
    "en": ("Is your authority a member of Efus?", ["Yes", "No", "Don't know"]),
    "fr": ("Votre collectivité est-elle membre de l’Efus\u202f?", ["Oui", "Non", "Je ne sais pas"]),
    "it": ("Il Suo ente è membro dell’Efus?", ["Sì", "No", "Non so"]),
    "nl": ("Is uw overheid lid van Efus?", ["Ja", "Nee", "Weet ik niet"]),
    "de": ("Ist Ihre Gebietskörperschaft Mitglied des Efus?", ["Ja", "Nein", "Weiß nicht"]),
    "es": ("¿Es su entidad miembro del Efus?", ["Sí", "No", "No lo sé"]),
}
REGION_NAME_LABEL = {
    "en": "Name of the region or province",
    "fr": "Nom de la région ou de la province",
    "it": "Nome della Regione o della provincia",
    "nl": "Naam van de regio of provincie",
    "de": "Name der Region, des Landes oder der Provinz",
    "es": "Nombre de la región o provincia",
}
EXPORT_HEADINGS = {
    "en": ["Kind of authority", "Authority", "Member of Efus"],
    "fr": ["Type de collectivité", "Collectivité", "Membre de l’Efus"],
    "it": ["Tipo di ente", "Ente", "Membro dell’Efus"],
    "nl": ["Soort overheid", "Overheid", "Lid van Efus"],
    "de": ["Art der Gebietskörperschaft", "Gebietskörperschaft", "Mitglied des Efus"],
    "es": ["Tipo de entidad", "Entidad", "Miembro del Efus"],
}


def radio_group(soup, name):
    """A radio group's legend and its options' labels."""
    first = soup.find("input", attrs={"name": name})
    group = first.find_parent("fieldset")
    labels = [
        soup.find("label", attrs={"for": radio["id"]}).get_text(" ", strip=True)
        for radio in group.find_all("input", attrs={"name": name})
    ]
    checked = [radio["value"] for radio in group.find_all("input", checked=True)]
    return group.legend.get_text(" ", strip=True), labels, checked


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_form_asks_the_kind_of_authority_and_efus_membership_in_each_language(
    apply_pages, italy, client, code
):
    with time_machine.travel(DURING_WINDOW):
        response = client.get(apply_pages[code].url)
    soup = BeautifulSoup(response.content, "html.parser")

    legend, labels, checked = radio_group(soup, "authority_kind")
    assert labels == KIND_LABELS[code]
    assert checked == [], "the kind is asked, not assumed"
    question, answers, checked = radio_group(soup, "efus_member")
    assert (question, answers) == EFUS_QUESTION[code]
    assert checked == []


def test_a_region_applies_and_says_it_is_not_a_member(apply_pages, italy, client):
    data = valid_data(
        italy,
        authority_kind="region",
        authority_name="Regione Emilia-Romagna",
        population="4400000",
        efus_member="no",
    )
    with time_machine.travel(DURING_WINDOW):
        response = client.post(apply_pages["it"].url, data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.authority_kind, application.authority_name, application.efus_member) == (
        AuthorityKind.REGION,
        "Regione Emilia-Romagna",
        EfusMembership.NO,
    )
    run_queue()
    (staff,) = [m for m in mail.outbox if m.to != ["giulia.rossi@example.it"]]
    assert "Authority: Regione Emilia-Romagna (Region or province), Emilia-Romagna" in staff.body
    assert "Member of Efus: No" in staff.body


@pytest.mark.parametrize(
    ("missing", "question"),
    [("authority_kind", "Kind of authority"), ("efus_member", "a member of Efus")],
)
def test_both_questions_must_be_answered(apply_pages, italy, client, missing, question):
    with time_machine.travel(DURING_WINDOW):
        response = client.post(apply_pages["en"].url, valid_data(italy, **{missing: ""}))
    assert response.status_code == 200
    assert not Application.objects.exists()
    summary = BeautifulSoup(response.content, "html.parser").select_one("#error-summary")
    assert f"{question}: This field is required." in summary.get_text(" ", strip=True)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_status_page_names_the_authority_for_its_kind(apply_pages, italy, client, code):
    application = ApplicationFactory(
        cohort=italy, language=code, authority_kind="region", authority_name="Regione Puglia"
    )
    response = client.get(status_url(application).removeprefix(settings.BASE_URL))
    assert response.status_code == 200
    facts = BeautifulSoup(response.content, "html.parser").select_one("dl.facts")
    assert facts.dt.get_text(strip=True) == REGION_NAME_LABEL[code]
    assert facts.dd.get_text(strip=True) == "Regione Puglia"


def test_a_declined_region_is_not_called_a_city(apply_pages, italy):
    application = ApplicationFactory(
        cohort=italy, language="fr", authority_kind="region", authority_name="Région Occitanie"
    )
    change_status(application, ApplicationStatus.DECLINED)
    run_queue()
    (message,) = mail.outbox
    assert "votre collectivité" in message.body
    assert "ville" not in message.body


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_export_headings_name_the_authority_in_each_language(code):
    with translation.override(code):
        headings = exports.headings()
        kinds = [str(label) for _value, label in AuthorityKind.choices]
    assert headings[2:4] == EXPORT_HEADINGS[code][:2]
    assert headings[7] == EXPORT_HEADINGS[code][2]
    assert kinds == KIND_LABELS[code]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_selection_counts_authorities_by_kind_and_membership_in_each_language(italy, code):
    ApplicationFactory(cohort=italy, authority_kind="region", efus_member="yes")
    ApplicationFactory(cohort=italy, authority_kind="region", efus_member="no")
    ApplicationFactory(cohort=italy, status=ApplicationStatus.WITHDRAWN)
    with translation.override(code):
        tables = {
            str(table["title"]): {str(share.label): share.proposed for share in table["shares"]}
            for table in authorities(italy)["tables"]
        }
    kind, member = EXPORT_HEADINGS[code][0], EXPORT_HEADINGS[code][2]
    municipality, intermunicipal, region = KIND_LABELS[code]
    yes, no, unknown = EFUS_QUESTION[code][1]
    assert tables == {
        kind: {municipality: 0, intermunicipal: 0, region: 2},
        member: {yes: 1, no: 1, unknown: 0},
    }
