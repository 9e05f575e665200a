"""Property-based tests: whatever is thrown at the application form, the answer is the form with
its errors (200) or a clear refusal (4xx) — never a server error — and nothing is stored.

Each malformed example starts from a valid application and applies at least one change that
certainly makes it invalid (a "breaker"), plus, often, some noise: odd Unicode in other fields,
unknown keys, duplicated keys. Breakers are applied last, so noise never repairs them.

The test client re-raises a view's exception, so a server error fails the test with the
traceback of the smallest example hypothesis could find.
"""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_recaptcha.client import RecaptchaResponse
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from applications.forms import LETTER_MAX_BYTES
from applications.models import MAX_PARTICIPANTS, Application, ProposedParticipant
from tests.applications.builders import DURING_WINDOW, pdf, valid_data

pytestmark = pytest.mark.django_db

PROPERTIES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
REFUSALS = {400, 403, 405, 413}

# Required keys of a valid post; removing any one of them makes it invalid. (A participant's
# gender is optional, and so is the whole second participant, but not its fields one by one.)
REQUIRED_KEYS = [
    "cohort", "authority_name", "country", "region", "population", "service", "contact_name",
    "contact_position", "contact_email", "contact_phone", "motivation", "commits_to_attend",
    "consent", "started", "g-recaptcha-response", "participants-TOTAL_FORMS",
    "participants-0-name", "participants-0-position", "participants-0-service",
    "participants-0-email", "participants-1-name", "participants-1-position",
    "participants-1-service", "participants-1-email",
]  # fmt: skip
TEXT_LIMITS = {
    "authority_name": 150, "region": 150, "service_other": 150, "contact_name": 150,
    "contact_position": 150, "contact_email": 254, "contact_phone": 40, "motivation": 3000,
    "participants-0-name": 150, "participants-0-service": 150, "participants-0-email": 254,
    "participants-1-name": 150, "participants-1-service": 150, "participants-1-email": 254,
}  # fmt: skip
TEXT_FIELDS = list(TEXT_LIMITS)
ALL_FIELDS = sorted(set(REQUIRED_KEYS) | set(TEXT_FIELDS) | {"website", "service_other",
                    "participants-0-gender", "participants-1-gender", "letter"})  # fmt: skip
CHOICES = {
    "service": {"municipal_police", "civil_security", "risk_prevention", "other"},
    "participants-0-position": {"elected", "official"},
    "participants-1-position": {"elected", "official"},
    "participants-0-gender": {"female", "male", "other", "undisclosed", ""},
    "participants-1-gender": {"female", "male", "other", "undisclosed", ""},
}
FALSE_CHECKBOX = ["", "false", "False", "FALSE"]  # what a checkbox reads as "not ticked"

# --- strategies ---------------------------------------------------------------------------------

NASTY = [
    "\x00", "\u202e", "\u200f", "مرحبا بالعالم", "שלום", "👩🏽‍🚒", "🇮🇹", "\u200b", "\ufeff",
    "e\u0301\u0301\u0301", "Z̴̡̛a̷l̵g̸o", "\r\n", "\t", "<script>alert(1)</script>",
    "'; DROP TABLE applications_application; --", "%s%s%n", "{{ 7*7 }}", "\\", "\U0010fffd",
    "ǅ", "İ", "ß", "ﬀ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "١٢٣", "１２３", "NaN", "-0", "1e9", "None", "null",
]  # fmt: skip
odd_characters = st.characters(exclude_categories=("Cs",))
odd_text = st.one_of(
    st.text(odd_characters, max_size=60),
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=5).map("".join),
)


def long_text(min_size, max_size=100_000):
    """A string of min_size to max_size characters, built by repeating a short odd piece."""
    return st.tuples(
        st.text(odd_characters, min_size=1, max_size=8), st.integers(min_size, max_size)
    ).map(
        lambda piece_size: (piece_size[0] * (piece_size[1] // len(piece_size[0]) + 1))[
            : piece_size[1]
        ]
    )


def rejected_by(field):
    def rejects(value):
        try:
            field.clean(value)
        except ValidationError:
            return True
        return False

    return rejects


not_an_integer_in_range = st.one_of(
    st.text(odd_characters, max_size=30),
    st.integers(max_value=0).map(str),
    st.integers(min_value=20_000_001).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["1e5", "12.5", "١٢٣٤٥٦٧٨٩٠١٢", "390 000", "390,000", "0x10", "-1"]),
).filter(rejected_by(forms.IntegerField(min_value=1, max_value=20_000_000)))
not_an_email = st.one_of(odd_text, st.text(odd_characters, min_size=1, max_size=40)).filter(
    rejected_by(forms.EmailField(max_length=254))
)
not_a_count = st.one_of(
    st.integers(max_value=0).map(str),
    st.integers(min_value=MAX_PARTICIPANTS + 1, max_value=MAX_PARTICIPANTS + 5).map(str),
    st.sampled_from(["-1", "abc", "", " ", "1.5", "1e3", "二", "\x00", "None"]),
    odd_text,
).filter(
    lambda value: (
        rejected_by(forms.IntegerField())(value) or not 1 <= int(value.strip()) <= MAX_PARTICIPANTS
    )
)


@st.composite
def noise(draw, base):
    """Odd but harmless changes: odd Unicode in optional places, unknown and repeated keys."""
    data = dict(base)
    for key in draw(st.lists(st.sampled_from(TEXT_FIELDS + ["website"]), max_size=3)):
        if key == "website":
            continue  # any text in the honeypot is a breaker of its own
        data[key] = draw(odd_text)
    for _ in range(draw(st.integers(0, 2))):
        unknown = st.text(odd_characters, min_size=1, max_size=20).filter(
            lambda key: key not in data and key not in ALL_FIELDS and key != "add_participant"
        )
        data[draw(unknown)] = draw(odd_text)
    for key in draw(st.lists(st.sampled_from(sorted(data)), max_size=2)):
        # A key sent twice: the last value counts, so the first may be anything.
        value = data[key]
        if isinstance(value, str):
            data[key] = [draw(odd_text), value]
    return data


def post(client, page, data, **extra):
    with time_machine.travel(DURING_WINDOW):
        return client.post(page.url, data, **extra)


def assert_refused_and_nothing_stored(response):
    assert response.status_code == 200 or response.status_code in REFUSALS, response.status_code
    if response.status_code == 200:
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one("#error-summary") is not None, "the errors are shown"
    assert not Application.objects.exists(), "nothing is stored"
    assert not ProposedParticipant.objects.exists()
    assert not DBTaskResult.objects.filter(task_path__startswith="applications.").exists()


@pytest.fixture
def page(apply_pages):
    return apply_pages["en"]


@pytest.fixture
def base(italy):
    return valid_data(italy)


# --- malformed input ----------------------------------------------------------------------------


@PROPERTIES
@given(data=st.data())
def test_missing_fields_are_refused(client, page, base, data):
    post_data = data.draw(noise(base))
    for key in data.draw(st.sets(st.sampled_from(REQUIRED_KEYS), min_size=1)):
        post_data.pop(key, None)
    assert_refused_and_nothing_stored(post(client, page, post_data))


@st.composite
def wrong_value(draw, cohort_pk):
    key = draw(
        st.sampled_from(
            ["population", "cohort", "contact_email", "participants-0-email",
             "participants-1-email", "country", *CHOICES]
        )
    )  # fmt: skip
    if key == "population":
        return key, draw(not_an_integer_in_range)
    if key == "cohort":
        return key, draw(
            st.one_of(
                st.integers().filter(lambda pk: pk != cohort_pk).map(str),
                st.text(odd_characters, max_size=20).filter(lambda v: v.strip() != str(cohort_pk)),
            )
        )
    if key.endswith("email"):
        return key, draw(not_an_email)
    if key == "country":
        return key, draw(st.one_of(st.sampled_from(["FR", "BE", "NL", "DE", "ES", "it", "XX"]),
                                   odd_text).filter(lambda v: v != "IT"))  # fmt: skip
    return key, draw(odd_text.filter(lambda v: v not in CHOICES[key]))


@PROPERTIES
@given(data=st.data())
def test_wrong_types_and_wrong_choices_are_refused(client, page, base, italy, data):
    post_data = data.draw(noise(base))
    for key, value in data.draw(st.lists(wrong_value(italy.pk), min_size=1, max_size=3)):
        post_data[key] = value
    if data.draw(st.booleans()):
        # A file where text is expected.
        key = data.draw(st.sampled_from(["authority_name", "population", "contact_email"]))
        post_data[key] = SimpleUploadedFile("x.txt", b"text")
    assert_refused_and_nothing_stored(post(client, page, post_data))


@st.composite
def too_long_or_nul(draw):
    key = draw(st.sampled_from(TEXT_FIELDS))
    limit = TEXT_LIMITS[key]
    if draw(st.booleans()):
        value = draw(long_text(limit + 1).filter(lambda text: len(text.strip()) > limit))
    else:
        before, after = draw(odd_text), draw(odd_text)
        value = f"{before}\x00{after}"
    return key, value


@PROPERTIES
@given(data=st.data())
@example(data=None)  # the longest string
def test_huge_strings_and_nul_bytes_are_refused(client, page, base, data):
    if data is None:
        post_data = {**base, "motivation": "🙂" * 100_000}
    else:
        post_data = data.draw(noise(base))
        for key, value in data.draw(st.lists(too_long_or_nul(), min_size=1, max_size=3)):
            post_data[key] = value
    assert_refused_and_nothing_stored(post(client, page, post_data))


pdf_content = st.just(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
FAKE_PDFS = [
    b"MZ\x90\x00 a program",
    b"\x89PNG\r\n\x1a\n",
    b"GIF89a",
    b"%PDF",
    b"%pdf-1.4",
    b"PK\x03\x04",
    b"<html>" + b" " * 1024 + b"%PDF-1.4",
]
fake_pdf_content = st.one_of(st.binary(max_size=3000), st.sampled_from(FAKE_PDFS)).filter(
    lambda content: b"%PDF-" not in content[:1024]
)
plain_names = st.from_regex(r"[A-Za-z0-9_-]{1,20}", fullmatch=True)


@st.composite
def bad_letter(draw):
    kind = draw(st.sampled_from(["fake content", "wrong name", "too large", "empty"]))
    stem = draw(plain_names)
    if kind == "fake content":
        name = stem + draw(st.sampled_from([".pdf", ".PDF", ".Pdf"]))
        return SimpleUploadedFile(name, draw(fake_pdf_content), content_type="application/pdf")
    if kind == "wrong name":
        suffix = draw(st.sampled_from([".exe", ".txt", ".pdf.exe", ".html", ".svg", ".pdfx", ""]))
        return SimpleUploadedFile(stem + suffix, draw(pdf_content), content_type="application/pdf")
    if kind == "too large":
        size = LETTER_MAX_BYTES + draw(st.integers(1, 4096))
        return SimpleUploadedFile(f"{stem}.pdf", b"%PDF-1.4\n" + b"0" * (size - 9))
    return SimpleUploadedFile(f"{stem}.pdf", b"", content_type="application/pdf")


@PROPERTIES
@given(data=st.data())
def test_fake_and_oversized_letters_are_refused(client, page, base, data):
    post_data = data.draw(noise(base))
    letter = data.draw(bad_letter())
    if data.draw(st.booleans()):
        # Two files under one key: the last one is the one checked.
        post_data["letter"] = [pdf(), letter]
    else:
        post_data["letter"] = letter
    assert_refused_and_nothing_stored(post(client, page, post_data))


@PROPERTIES
@given(data=st.data())
def test_no_consent_no_commitment_a_filled_honeypot_or_a_failed_recaptcha_is_refused(
    client, page, base, recaptcha_passes, data
):
    post_data = data.draw(noise(base))
    failures = data.draw(
        st.sets(
            st.sampled_from(["consent", "commitment", "honeypot", "recaptcha", "no token"]),
            min_size=1,
        )
    )
    for key, failure in [("consent", "consent"), ("commits_to_attend", "commitment")]:
        if failure in failures:
            choice = data.draw(st.sampled_from([None, *FALSE_CHECKBOX]))
            if choice is None:
                post_data.pop(key, None)
            else:
                post_data[key] = choice
    if "honeypot" in failures:
        post_data["website"] = data.draw(odd_text.filter(lambda v: v.strip()))
    if "no token" in failures:
        post_data["g-recaptcha-response"] = ""
    recaptcha_passes.return_value = RecaptchaResponse(
        is_valid="recaptcha" not in failures, error_codes=["invalid-input-response"]
    )
    try:
        assert_refused_and_nothing_stored(post(client, page, post_data))
    finally:
        recaptcha_passes.return_value = RecaptchaResponse(is_valid=True)


@PROPERTIES
@given(data=st.data())
@example(data="-1")
@example(data="abc")
@example(data="0")
def test_broken_participant_counts_and_duplicate_keys_are_refused(client, page, base, data):
    if isinstance(data, str):
        post_data = {**base, "participants-TOTAL_FORMS": data}
    else:
        post_data = data.draw(noise(base))
        count = data.draw(not_a_count)
        if data.draw(st.booleans()):
            post_data["participants-TOTAL_FORMS"] = [data.draw(st.sampled_from(["1", "2"])), count]
        else:
            post_data["participants-TOTAL_FORMS"] = count
    assert_refused_and_nothing_stored(post(client, page, post_data))


@pytest.mark.parametrize(
    ("count", "adding_a_row"), [("1000", False), ("99999999999999999999", True)]
)
def test_a_huge_participant_count_is_refused_without_building_a_thousand_rows(
    client, page, base, count, adding_a_row
):
    """A 30-byte tampered post must not make the server build and render a thousand forms
    (each took 30 to 80 s when this test was written): at most the allowed rows come back."""
    post_data = {**base, "participants-TOTAL_FORMS": count}
    if adding_a_row:
        post_data["add_participant"] = "1"
    response = post(client, page, post_data)
    assert response.status_code == 200 or response.status_code in REFUSALS
    rows = BeautifulSoup(response.content, "html.parser").select('[name$="-name"]')
    assert len(rows) <= MAX_PARTICIPANTS + 1, f"{len(rows)} participant rows rendered"
    assert not Application.objects.exists()


@pytest.mark.parametrize("initial", ["-1", "-5", "1", "2", "abc", "", "9999999999"])
def test_a_tampered_initial_form_count_never_loses_a_participant(client, page, base, initial):
    """A new application has no "initial" participant rows; a post claiming some is either
    refused or stored whole — never stored with a participant silently dropped."""
    response = post(client, page, {**base, "participants-INITIAL_FORMS": initial})
    assert response.status_code in {200, 302} | REFUSALS
    stored = Application.objects.first()
    if response.status_code == 302:
        assert stored is not None
        assert stored.participants.count() == 2, "a submitted participant was dropped"
    else:
        assert stored is None


# --- odd but well-formed input ------------------------------------------------------------------


def printable_odd(limit):
    return st.text(
        st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=min(60, limit)
    ).filter(lambda text: text.strip())


FREE_TEXT = ["authority_name", "region", "contact_name", "contact_position", "contact_phone",
             "motivation", "participants-0-name", "participants-0-service",
             "participants-1-name", "participants-1-service"]  # fmt: skip
letter_stems = st.one_of(
    st.text(
        st.characters(exclude_categories=("Cs", "Cc"), exclude_characters='/\\"&;%'),
        min_size=1,
        max_size=250,
    ),
    st.integers(100, 250).map(lambda n: "é" * n),
)


def _cleanup():
    for application in Application.objects.all():
        if application.letter:
            application.letter.delete(save=False)
    Application.objects.all().delete()
    DBTaskResult.objects.all().delete()


@PROPERTIES
@given(data=st.data())
@example(data={"authority_name": "Reggio nell'Emilia", "letter_stem": "é" * 200})
def test_odd_but_valid_input_is_stored_as_given(client, page, base, data):
    """Valid applications written in any script, with any letter name, are accepted and stored
    as typed (surrounding spaces aside); a long non-ASCII file name is no reason to fail."""
    if isinstance(data, dict):
        values, stem = {"authority_name": data["authority_name"]}, data["letter_stem"]
    else:
        keys = data.draw(st.sets(st.sampled_from(FREE_TEXT), min_size=1), label="fields")
        values = {key: data.draw(printable_odd(TEXT_LIMITS[key]), label=key) for key in keys}
        stem = data.draw(letter_stems, label="letter name")
    post_data = {**base, **values, "letter": pdf(name=f"{stem}.pdf")}
    try:
        response = post(client, page, post_data)
        assert response.status_code == 302, response.content.decode()[:3000]
        application = Application.objects.get()
        stored = {
            "authority_name": application.authority_name,
            "region": application.region,
            "contact_name": application.contact_name,
            "contact_position": application.contact_position,
            "contact_phone": application.contact_phone,
            "motivation": application.motivation,
        }
        for position, participant in enumerate(application.participants.all()):
            stored[f"participants-{position}-name"] = participant.name
            stored[f"participants-{position}-service"] = participant.service
        for key, value in values.items():
            assert stored[key] == value.strip(), key
        assert application.participants.count() == 2
        if application.letter:
            assert application.letter.storage.exists(application.letter.name)
    finally:
        _cleanup()


def test_the_cohort_window_is_the_one_of_the_fixtures(italy):
    """These tests post inside the Italian cohort's window; if the fixtures move, so must they."""
    with time_machine.travel(DURING_WINDOW):
        assert italy.is_open_for_applications
    with time_machine.travel(DURING_WINDOW + datetime.timedelta(days=60)):
        assert not italy.is_open_for_applications


def test_the_strategies_only_make_invalid_values():
    """A guard for the guards: the filters above really reject the values they let through."""
    field = forms.IntegerField(min_value=1, max_value=20_000_000)
    assert rejected_by(field)("abc") and not rejected_by(field)("390000")
    assert rejected_by(forms.EmailField())("no-at-sign")
    assert not rejected_by(forms.EmailField())("a@b.example")
