"""The form speaks plainly, in six languages: no Django jargon in the error summary, no ".:"
after a label that ends with a full stop, no "---------" radio choice, and one legend (not a
legend and a label) for the cohort."""

import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import ngettext

from tests.applications.builders import DURING_WINDOW, valid_data
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

ADD_ONE_PARTICIPANT = {
    "en": "Add at least one participant.",
    "fr": "Ajoutez au moins une personne.",
    "it": "Aggiunga almeno un partecipante.",
    "nl": "Voeg ten minste één deelnemer toe.",
    "de": "Fügen Sie mindestens eine Person hinzu.",
    "es": "Añada al menos un participante.",
}


def no_participants(cohort):
    data = valid_data(cohort, **{"participants-TOTAL_FORMS": "0"})
    return {key: value for key, value in data.items() if not key.startswith("participants-0")}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_no_participant_is_asked_for_in_plain_words(apply_pages, italy, client, code):
    with time_machine.travel(DURING_WINDOW):
        response = client.post(apply_pages[code].url, no_participants(italy))
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one("#error-summary").get_text(" ", strip=True)
    assert ADD_ONE_PARTICIPANT[code] in summary
    with translation.override(code):
        django_words = ngettext(
            "Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", 1
        ) % {"num": 1}
    assert django_words not in summary


def form_soup(client, page):
    with time_machine.travel(DURING_WINDOW):
        return BeautifulSoup(client.get(page.url).content, "html.parser")


def text(element):
    return " ".join(element.get_text(" ").split())


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_labels_ending_with_a_full_stop_get_no_colon(apply_pages, italy, client, code):
    soup = form_soup(client, apply_pages[code])
    captions = [text(el) for el in soup.select("form.application-form label, legend")]
    assert [caption for caption in captions if re.search(r"[.!?]\s*:", caption)] == []
    # The consent's own sentence is still there, and other labels keep their colon.
    assert any(caption.endswith(".") for caption in captions)
    authority = soup.select_one('label[for="id_authority_name"]')
    assert text(authority).endswith(":")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_no_empty_radio_choice(apply_pages, italy, client, code):
    soup = form_soup(client, apply_pages[code])
    assert "-------" not in soup.get_text()
    for radio in soup.select('input[type="radio"]'):
        assert radio["value"], radio


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_cohort_has_one_legend_and_no_label_repeating_it(apply_pages, italy, client, code):
    soup = form_soup(client, apply_pages[code])
    group = soup.select_one("fieldset#cohort-choice")
    legends = [text(legend) for legend in group.find_all("legend")]
    assert len(legends) == 1
    repeated = [
        text(el)
        for el in group.select("label, legend")[1:]
        if text(el).rstrip(" :") == legends[0].rstrip(" :")
    ]
    assert repeated == []
    assert group.select_one('input[type="radio"][name="cohort"]') is not None
