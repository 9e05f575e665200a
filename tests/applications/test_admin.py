"""Staff review applications in the Wagtail admin: list, filters, search, detail, decisions
(one or several, never past the seats), exports with participants, the private letter and the
selection summary; committee members and outsiders see none of it."""

import codecs
import csv
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from applications.decisions import change_status
from applications.factories import ApplicationFactory
from applications.models import Application, ApplicationStatus
from mail.models import OutgoingEmail
from members.groups import COMMITTEE_MEMBERS
from programme.factories import CohortFactory
from programme.models import Cohort
from tests.accounts import make_user

pytestmark = pytest.mark.django_db

INDEX_URL = reverse("applications_application_modeladmin_index")
BULK_URL = reverse("applications_bulk_decision")
SUMMARY_URL = reverse("applications_summary")
CONFIRMED = {"confirmed": "on"}
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def inspect_url(application):
    return reverse("applications_application_modeladmin_inspect", args=[application.pk])


def letter_url(application):
    return reverse("applications_letter", args=[application.pk])


@pytest.fixture
def outsider(groups):
    return make_user("olga")


@pytest.fixture
def italy():
    return CohortFactory(country="IT", slug="italy-2026", delivery_languages=["it"], seats=10)


@pytest.fixture
def france():
    return CohortFactory(country="FR", slug="france-2026", seats=10)


def make_application(
    cohort, city, participants=(("Giulia Rossi", "official", "female"),), **fields
):
    """An application as the form stores it: a reference and its participants."""
    slug = city.lower().replace(" ", "-")
    fields = {"contact_name": f"Contact {city}", **fields}
    return ApplicationFactory(
        cohort=cohort,
        authority_name=city,
        **fields,
        participants=[
            (name, f"p{index}@{slug}.example", {"position": position, "gender": gender})
            for index, (name, position, gender) in enumerate(participants)
        ],
    )


@pytest.fixture
def applications(italy, france):
    bologna = make_application(
        italy,
        "Bologna",
        [("Giulia Rossi", "official", "female"), ("Marco Bianchi", "elected", "undisclosed")],
    )
    modena = make_application(italy, "Modena", contact_name="Paola Neri", efus_member="no")
    lyon = make_application(
        france,
        "Lyon",
        language="fr",
        region="Auvergne-Rhône-Alpes",
        authority_kind="intermunicipal",
        efus_member="yes",
    )
    bologna_again = make_application(italy, "Bologna", possible_duplicate_of=bologna)
    return {"bologna": bologna, "modena": modena, "lyon": lyon, "bologna_again": bologna_again}


def listed(response):
    """The list as {reference: {column: text}}."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in soup.select("table.listing tbody tr"):
        cells = {
            cell["class"][0].removeprefix("field-"): cell.get_text(" ", strip=True)
            for cell in row.find_all("td")
        }
        rows[row.select_one(".field-reference .title-wrapper a").get_text(strip=True)] = cells
    return rows


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def words(thing):
    """`thing` as text_of reads it (a cohort's period holds thin spaces)."""
    return " ".join(str(thing).split())


def task_args():
    """The queued emails, as [kind, record id]."""
    return [[email.kind, email.record_id] for email in OutgoingEmail.objects.all()]


def test_the_list_shows_each_application_with_its_participants_and_duplicates(
    client, editor, applications
):
    client.force_login(editor)
    rows = listed(client.get(INDEX_URL))
    assert set(rows) == {application.reference for application in applications.values()}
    bologna = rows[applications["bologna"].reference]
    assert bologna["authority"] == "Bologna Municipality"
    assert bologna["efus_member"] == "Don't know"
    assert bologna["country"] == "Italy"
    assert bologna["participant_count"] == "2"
    assert bologna["status"] == "Received"
    assert "Same authority" not in bologna["duplicate"]
    again = rows[applications["bologna_again"].reference]
    assert again["duplicate"] == f"Same authority as {applications['bologna'].reference}"
    assert rows[applications["modena"].reference]["participant_count"] == "1"
    lyon = rows[applications["lyon"].reference]
    assert (lyon["authority"], lyon["efus_member"]) == (
        "Lyon Inter-municipal or metropolitan body",
        "Yes",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country__exact": "FR"}, {"lyon"}),
        ({"status__exact": "accepted"}, {"modena"}),
        ({"q": "modena"}, {"modena"}),
        ({"q": "Paola Neri"}, {"modena"}),
        ({"q": "contact@lyon.example"}, {"lyon"}),
        ({"q": "bologna", "status__exact": "submitted"}, {"bologna", "bologna_again"}),
        ({"authority_kind__exact": "intermunicipal"}, {"lyon"}),
        ({"authority_kind__exact": "municipality"}, {"bologna", "modena", "bologna_again"}),
        ({"efus_member__exact": "yes"}, {"lyon"}),
        ({"efus_member__exact": "unknown"}, {"bologna", "bologna_again"}),
    ],
)
def test_filters_and_search_narrow_the_list(client, editor, applications, query, expected):
    change_status(applications["modena"], ApplicationStatus.ACCEPTED, editor)
    client.force_login(editor)
    rows = listed(client.get(INDEX_URL, query))
    assert set(rows) == {applications[key].reference for key in expected}


def test_the_cohort_filter_keeps_one_cohort(client, editor, applications, italy):
    client.force_login(editor)
    rows = listed(client.get(INDEX_URL, {"cohort": italy.pk}))
    assert set(rows) == {
        applications[key].reference for key in ("bologna", "modena", "bologna_again")
    }


def test_the_detail_shows_participants_consent_letter_and_history(client, editor, applications):
    bologna = applications["bologna"]
    bologna.letter.save("letter.pdf", ContentFile(PDF))
    change_status(bologna, ApplicationStatus.UNDER_REVIEW, editor)
    client.force_login(editor)
    response = client.get(inspect_url(bologna))
    assert response.status_code == 200
    page = text_of(response)
    for expected in [
        bologna.reference,
        "Marco Bianchi",
        "Elected representative",
        "Prefer not to say",
        "p1@bologna.example",
        "contact@bologna.example",
        "Consent text version 2026-01",
        "Jan. 20, 2026",
    ]:
        assert expected in page, expected
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", href=letter_url(bologna))
    assert not soup.find("a", href=lambda href: href and "/media/" in href), "no public address"
    history = soup.find("h2", string="History of status changes").find_next("table")
    assert " ".join(history.tbody.get_text(" ").split()).endswith(
        "Eva Editor Received Under review"
    )

    duplicate = text_of(client.get(inspect_url(applications["bologna_again"])))
    assert f"applied earlier for this cohort: {bologna.reference}" in duplicate


def test_a_decision_from_the_detail_is_recorded_and_emailed(client, editor, applications):
    bologna = applications["bologna"]
    client.force_login(editor)
    response = client.post(inspect_url(bologna), CONFIRMED | {"status": "accepted"}, follow=True)
    assert response.status_code == 200
    assert f"“Accepted” recorded for {bologna.reference}" in text_of(response)
    bologna.refresh_from_db()
    assert bologna.status == ApplicationStatus.ACCEPTED
    change = bologna.status_changes.get()
    assert (change.old_status, change.new_status, change.changed_by) == (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.ACCEPTED,
        editor,
    )
    assert ["applications.accepted", bologna.pk] in task_args()
    assert Cohort.objects.get(pk=bologna.cohort_id).accepted_participants == 2


def chosen_status(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one('select[name="status"] option[selected]')


def test_the_decision_form_shows_the_recorded_decision(client, editor, applications):
    bologna = applications["bologna"]
    client.force_login(editor)
    received = chosen_status(client.get(inspect_url(bologna)))
    assert (received["value"], received.get_text(strip=True)) == ("submitted", "Received")
    change_status(bologna, ApplicationStatus.ACCEPTED, editor)
    accepted = chosen_status(client.get(inspect_url(bologna)))
    assert (accepted["value"], accepted.get_text(strip=True)) == ("accepted", "Accepted")


def test_sending_the_form_again_unchanged_keeps_the_decision_and_emails_nobody(
    client, editor, applications
):
    bologna = applications["bologna"]
    change_status(bologna, ApplicationStatus.ACCEPTED, editor)
    DBTaskResult.objects.all().delete()
    client.force_login(editor)
    response = client.post(inspect_url(bologna), {"status": "accepted"}, follow=True)
    assert "Nothing changed: the status was already “Accepted”" in text_of(response)
    bologna.refresh_from_db()
    assert bologna.status == ApplicationStatus.ACCEPTED
    assert bologna.status_changes.count() == 1
    assert not DBTaskResult.objects.exists()


def test_a_decision_waits_for_a_confirmation_that_names_who_is_emailed(
    client, editor, applications
):
    bologna = applications["bologna"]
    client.force_login(editor)
    response = client.post(
        inspect_url(bologna), {"status": "declined", "decline_reason": "cohort_full"}
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form#confirm-decision")
    assert form["action"] == inspect_url(bologna)
    assert form.select_one('input[name="confirmed"]')["value"] == "on"
    assert form.select_one('input[name="decline_reason"]')["value"] == "cohort_full"
    assert soup.select_one("#decline-reason").get_text(strip=True).endswith("Cohort full")
    recipient = [cell.get_text(strip=True) for cell in soup.select("#decision-recipients td")]
    assert recipient == [bologna.reference, "Bologna", "Received",
                         "Contact Bologna <contact@bologna.example>", "Italiano"]  # fmt: skip
    assert "“Declined” will be recorded" in text_of(response)
    bologna.refresh_from_db()
    assert bologna.status == ApplicationStatus.SUBMITTED
    assert not DBTaskResult.objects.exists()


def test_a_bulk_decision_confirms_each_recipient_first(client, editor, applications):
    bologna, lyon = applications["bologna"], applications["lyon"]
    change_status(lyon, ApplicationStatus.WAITLISTED, editor)
    DBTaskResult.objects.all().delete()
    client.force_login(editor)
    response = client.post(
        BULK_URL, {"status": "waitlisted", "applications": [bologna.pk, lyon.pk], "next": INDEX_URL}
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    emailed = [row.td.get_text(strip=True) for row in soup.select("#decision-recipients tbody tr")]
    assert emailed == [bologna.reference]
    assert "already has this status or was withdrawn" in text_of(response)
    hidden = {(field["name"], field["value"]) for field in soup.select("#confirm-decision input")}
    assert {("applications", str(bologna.pk)), ("applications", str(lyon.pk)),
            ("next", INDEX_URL), ("status", "waitlisted")} <= hidden  # fmt: skip
    assert not DBTaskResult.objects.exists()
    bologna.refresh_from_db()
    assert bologna.status == ApplicationStatus.SUBMITTED


def test_a_bad_decision_is_refused_without_a_change(client, editor, applications):
    bologna = applications["bologna"]
    client.force_login(editor)
    response = client.post(inspect_url(bologna), {"status": "withdrawn"}, follow=True)
    assert response.status_code == 200
    assert "Choose one of the decisions offered" in text_of(response)
    bologna.refresh_from_db()
    assert bologna.status == ApplicationStatus.SUBMITTED
    assert not bologna.status_changes.exists()


def test_a_decline_needs_its_reason_which_is_recorded_and_shown(client, editor, applications):
    bologna, lyon = applications["bologna"], applications["lyon"]
    client.force_login(editor)
    refused = client.post(inspect_url(bologna), CONFIRMED | {"status": "declined"}, follow=True)
    assert "Choose the reason for declining" in text_of(refused)
    refused = client.post(
        BULK_URL,
        CONFIRMED | {"status": "declined", "applications": [lyon.pk], "next": INDEX_URL},
        follow=True,
    )
    assert "Choose the reason for declining" in text_of(refused)
    assert not Application.objects.filter(status=ApplicationStatus.DECLINED).exists()

    client.post(
        inspect_url(bologna),
        CONFIRMED | {"status": "declined", "decline_reason": "outside_target"},
    )
    client.post(
        BULK_URL,
        CONFIRMED
        | {"status": "declined", "decline_reason": "duplicate", "applications": [lyon.pk],
           "next": INDEX_URL},
    )  # fmt: skip
    bologna.refresh_from_db()
    lyon.refresh_from_db()
    assert (bologna.status, bologna.decline_reason) == ("declined", "outside_target")
    assert (lyon.status, lyon.decline_reason) == ("declined", "duplicate")
    assert bologna.status_changes.get().decline_reason == "outside_target"
    page = text_of(client.get(inspect_url(bologna)))
    assert "Reason for declining: Outside the target group" in page
    assert "Received Declined (Outside the target group)" in page

    # A decision other than declining carries no reason, and reconsidering empties it.
    client.post(
        inspect_url(bologna), CONFIRMED | {"status": "waitlisted", "decline_reason": "other"}
    )
    bologna.refresh_from_db()
    assert (bologna.status, bologna.decline_reason) == ("waitlisted", "")
    assert bologna.status_changes.last().decline_reason == ""


def test_a_decision_for_several_applications_at_once(client, editor, applications):
    chosen = [applications["bologna"], applications["lyon"]]
    client.force_login(editor)
    response = client.post(
        BULK_URL,
        CONFIRMED
        | {"status": "waitlisted", "applications": [a.pk for a in chosen], "next": INDEX_URL},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == INDEX_URL
    assert "“Waitlisted” recorded for" in text_of(response)
    assert {a.status for a in Application.objects.filter(pk__in=[a.pk for a in chosen])} == {
        ApplicationStatus.WAITLISTED
    }
    assert applications["modena"].status_changes.count() == 0
    assert sorted(args for args in task_args() if args[0] == "applications.waitlisted") == sorted(
        ["applications.waitlisted", a.pk] for a in chosen
    )


def test_overbooking_is_refused_with_a_message_and_the_others_go_through(
    client, editor, italy, applications
):
    Cohort.objects.filter(pk=italy.pk).update(seats=2)
    bologna, modena = applications["bologna"], applications["modena"]
    lyon = applications["lyon"]
    client.force_login(editor)
    response = client.post(
        BULK_URL,
        CONFIRMED | {"status": "accepted", "applications": [bologna.pk, modena.pk, lyon.pk]},
        follow=True,
    )
    assert response.status_code == 200
    page = text_of(response)
    assert (
        f"{modena.reference} was not accepted: not enough seats left in {words(italy)} "
        "(1 needed, 0 left)." in page
    )
    assert f"“Accepted” recorded for {bologna.reference}, {lyon.reference}" in page
    modena.refresh_from_db()
    assert modena.status == ApplicationStatus.SUBMITTED
    assert not modena.status_changes.exists()
    assert ["applications.accepted", modena.pk] not in task_args()
    assert Cohort.objects.get(pk=italy.pk).accepted_participants == 2

    response = client.post(inspect_url(modena), CONFIRMED | {"status": "accepted"}, follow=True)
    assert response.status_code == 200
    assert "was not accepted" in text_of(response)
    modena.refresh_from_db()
    assert modena.status == ApplicationStatus.SUBMITTED


def test_a_withdrawn_application_cannot_be_decided(client, editor, applications):
    lyon = applications["lyon"]
    change_status(lyon, ApplicationStatus.WITHDRAWN)
    client.force_login(editor)
    response = client.post(inspect_url(lyon), CONFIRMED | {"status": "accepted"}, follow=True)
    assert f"{lyon.reference} was withdrawn by the applicant" in text_of(response)
    lyon.refresh_from_db()
    assert lyon.status == ApplicationStatus.WITHDRAWN
    assert Cohort.objects.get(pk=lyon.cohort_id).accepted_participants == 0


def test_a_bulk_decision_without_a_selection_explains_itself(client, editor, applications):
    client.force_login(editor)
    response = client.post(BULK_URL, {"status": "accepted", "applications": ["x"]}, follow=True)
    assert response.status_code == 200
    assert "is not a valid value" in text_of(response)
    response = client.post(BULK_URL, {"status": "accepted"}, follow=True)
    assert "Select at least one application" in text_of(response)
    assert not DBTaskResult.objects.exists()


def export(client, export_format, **query):
    response = client.get(INDEX_URL, {**query, "export": export_format})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    if export_format == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if cell.value is None else str(cell.value) for cell in row] for row in sheet.iter_rows()
    ]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_has_one_row_per_participant_of_the_filtered_list(
    client, editor, italy, applications, export_format
):
    client.force_login(editor)
    rows = export(client, export_format, cohort=italy.pk, q="bologna")
    header, *body = rows
    assert header[:8] == ["Reference", "Cohort", "Kind of authority", "Authority", "Country",
                          "Region", "Population", "Member of Efus"]  # fmt: skip
    assert header[-5:] == ["Participant", "Position", "Participant's service", "Gender",
                           "Participant's email"]  # fmt: skip
    by_participant = {(row[0], row[13]) for row in body}
    bologna, again = applications["bologna"].reference, applications["bologna_again"].reference
    assert by_participant == {
        (bologna, "Giulia Rossi"),
        (bologna, "Marco Bianchi"),
        (again, "Giulia Rossi"),
    }
    marco = next(row for row in body if row[13] == "Marco Bianchi")
    assert marco[2:12] == ["Municipality", "Bologna", "Italy", "Emilia-Romagna", "390000",
                           "Don't know", "Municipal police", "Contact Bologna",
                           "contact@bologna.example", "Received"]  # fmt: skip
    assert marco[14:] == ["Elected representative", "Polizia locale", "Prefer not to say",
                          "p1@bologna.example"]  # fmt: skip


def test_the_csv_is_what_excel_reads_in_the_programmes_countries(client, editor, italy):
    """UTF-8 with a byte order mark, and semicolons between the columns (the list separator of
    Excel in French, Italian, Dutch, German and Spanish locales)."""
    make_application(italy, "Forlì", region="Romagna; Emilia")
    client.force_login(editor)
    content = client.get(INDEX_URL, {"export": "csv"}).content
    assert content.startswith(codecs.BOM_UTF8)
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0])
    assert dialect.delimiter == ";"
    header, row = csv.reader(io.StringIO(text), dialect=dialect)
    assert len(row) == len(header) == 18
    assert row[3:6] == ["Forlì", "Italy", "Romagna; Emilia"]


def test_exports_never_hand_a_spreadsheet_a_formula(client, editor, italy):
    make_application(italy, '=HYPERLINK("http://evil.example","x")', region="+SUM(1)")
    client.force_login(editor)
    (_, row) = export(client, "csv")
    assert row[3] == '\'=HYPERLINK("http://evil.example","x")'
    assert row[5] == "'+SUM(1)"
    response = client.get(INDEX_URL, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    city = sheet.cell(row=2, column=4)
    assert city.data_type == "s"
    assert city.value == '=HYPERLINK("http://evil.example","x")'


def test_the_letter_goes_to_reviewers_only(
    client, editor, committee_member, outsider, applications
):
    bologna = applications["bologna"]
    bologna.letter.save("letter.pdf", ContentFile(PDF))
    url = letter_url(bologna)

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("wagtailadmin_login"))
    for user in (committee_member, outsider):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code in (302, 403), user
        assert not getattr(response, "streaming", False)

    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    no_letter = client.get(letter_url(applications["modena"]), follow=True)
    assert no_letter.status_code == 404


@pytest.mark.parametrize("who", ["committee_member", "outsider"])
def test_committee_members_and_outsiders_cannot_review_or_decide(
    client, request, applications, who
):
    client.force_login(request.getfixturevalue(who))
    bologna = applications["bologna"]
    for url in (INDEX_URL, inspect_url(bologna), SUMMARY_URL, INDEX_URL + "?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert bologna.reference.encode() not in response.content
    assert client.post(inspect_url(bologna), {"status": "accepted"}).status_code in (302, 403)
    assert client.post(
        BULK_URL, {"status": "accepted", "applications": [bologna.pk]}
    ).status_code in (302, 403)
    bologna.refresh_from_db()
    assert bologna.status == ApplicationStatus.SUBMITTED


def test_a_reviewer_who_may_only_view_sees_no_decision_controls(client, groups, applications):
    viewer = make_user("vera", groups[COMMITTEE_MEMBERS])
    viewer.user_permissions.add(Permission.objects.get(codename="view_application"))
    client.force_login(viewer)
    response = client.get(INDEX_URL)
    assert applications["bologna"].reference in listed(response)
    assert 'id="bulk-decision"' not in response.content.decode()
    bologna = applications["bologna"]
    for url, data in [
        (inspect_url(bologna), {"status": "accepted"}),
        (BULK_URL, {"status": "accepted", "applications": [bologna.pk]}),
    ]:
        response = client.post(url, data)
        assert response.status_code in (302, 403)
        assert response.get("Location") not in (INDEX_URL, inspect_url(bologna))
    bologna.refresh_from_db()
    assert bologna.status == ApplicationStatus.SUBMITTED


def summary_table(soup, title):
    """A make-up table as {category: [proposed, % proposed, accepted, % accepted]}."""
    table = soup.find("h4", string=title).find_next("table")
    return {
        row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }


def test_the_selection_summary_counts_and_balances_a_cohort(client, editor, italy, france):
    bologna = make_application(
        italy,
        "Bologna",
        [("A", "official", "female"), ("B", "elected", "male")],
        efus_member="yes",
    )
    modena = make_application(
        italy,
        "Unione dei Comuni Modenesi",
        [("C", "official", "female"), ("D", "official", ""), ("E", "elected", "undisclosed")],
        population=185_000,
        service="civil_security",
        authority_kind="intermunicipal",
        efus_member="yes",
    )
    ferrara = make_application(
        italy,
        "Provincia di Ferrara",
        [("F", "official", "male")],
        population=15_000,
        service="risk_prevention",
        authority_kind="region",
        efus_member="no",
    )
    bari = make_application(
        italy,
        "Regione Puglia",
        [("G", "elected", "female")],
        population=600_000,
        service="other",
        service_other="Mobility",
        authority_kind="region",
        efus_member="no",
    )
    lyon = make_application(france, "Lyon", [("H", "official", "male")])
    change_status(bologna, ApplicationStatus.ACCEPTED, editor)
    change_status(ferrara, ApplicationStatus.WITHDRAWN)
    change_status(bari, ApplicationStatus.DECLINED, editor)
    change_status(lyon, ApplicationStatus.ACCEPTED, editor)
    assert modena.status == ApplicationStatus.SUBMITTED

    client.force_login(editor)
    response = client.get(SUMMARY_URL, {"cohort": italy.pk})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    page = text_of(response)

    assert "3 participants accepted so far, against a target of 175 (1.7%)" in page
    seats = [cell.get_text(strip=True) for cell in soup.select("#seats td")]
    assert seats == ["10", "2 (20%)", "8"]
    by_status = [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in soup.select("#by-country-and-status tbody tr")
    ]
    assert by_status == [
        ["Italy", "Received", "1", "3"],
        ["Italy", "Accepted", "1", "2"],
        ["Italy", "Declined", "1", "1"],
        ["Italy", "Withdrawn", "1", "1"],
    ]
    assert summary_table(soup, "Gender") == {
        "Woman": ["3", "50%", "1", "50%"],
        "Man": ["1", "16.7%", "1", "50%"],
        "Another gender": ["0", "0%", "0", "0%"],
        "Prefer not to say": ["1", "16.7%", "0", "0%"],
        "Not given": ["1", "16.7%", "0", "0%"],
    }
    assert summary_table(soup, "Position") == {
        "Elected representative": ["3", "50%", "1", "50%"],
        "Official": ["3", "50%", "1", "50%"],
    }
    assert summary_table(soup, "Applying service") == {
        "Municipal police": ["2", "33.3%", "2", "100%"],
        "Civil security": ["3", "50%", "0", "0%"],
        "Risk prevention": ["0", "0%", "0", "0%"],
        "Other service": ["1", "16.7%", "0", "0%"],
    }
    assert summary_table(soup, "Population of the authority") == {
        "Under 20,000": ["0", "0%", "0", "0%"],
        "20,000 to 100,000": ["0", "0%", "0", "0%"],
        "100,000 to 500,000": ["5", "83.3%", "2", "100%"],
        "Over 500,000": ["1", "16.7%", "0", "0%"],
    }
    # The authorities themselves: one count per application not withdrawn (Ferrara's is).
    assert "Proposed: the 3 authorities whose application is not withdrawn" in page
    assert summary_table(soup, "Kind of authority") == {
        "Municipality": ["1", "33.3%", "1", "100%"],
        "Inter-municipal or metropolitan body": ["1", "33.3%", "0", "0%"],
        "Region or province": ["1", "33.3%", "0", "0%"],
    }
    assert summary_table(soup, "Member of Efus") == {
        "Yes": ["2", "66.7%", "1", "100%"],
        "No": ["1", "33.3%", "0", "0%"],
        "Don't know": ["0", "0%", "0", "0%"],
    }
    bars = soup.select("figure.aic-bars .aic-bars__bar")
    assert "83.3" in {bar["data-width"] for bar in bars}  # set as the width by a static script
    assert "5 (83.3%)" in page, "each bar carries its value as text"


def test_the_summary_defaults_to_the_latest_cohort_and_survives_a_bad_choice(
    client, editor, italy, france
):
    make_application(france, "Lyon")
    client.force_login(editor)
    for query in ({}, {"cohort": "nonsense"}, {"cohort": "999999"}):
        response = client.get(SUMMARY_URL, query)
        assert response.status_code == 200
        selected = BeautifulSoup(response.content, "html.parser").select_one("option[selected]")
        assert selected["value"] == str(france.pk)


def test_the_list_costs_the_same_number_of_queries_for_5_and_50_applications(
    client, editor, italy, france
):
    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(INDEX_URL)
        assert response.status_code == 200
        return len(queries)

    def add(count):
        first = Application.objects.order_by("pk").first()
        for n in range(count):
            cohort = italy if n % 2 else france
            participants = [("A", "official", "female")] * (n % 3 + 1)
            make_application(cohort, f"City {n}", participants, possible_duplicate_of=first)

    client.force_login(editor)
    make_application(italy, "Bologna")
    add(4)
    five = list_queries()
    add(45)
    assert Application.objects.count() == 50
    assert list_queries() == five
