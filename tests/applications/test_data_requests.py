"""An applicant's data-protection requests from the admin: export and erasure are actions on the
application, each after a confirmation page that says what and whom, each logged by Wagtail (the
application's history, Reports › Site history); only staff with the permission, only by POST with
a CSRF token, and an erasure is done in full or not at all."""

import json
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from applications.data_protection import ERASED, is_anonymised
from applications.data_requests import ERASED as ERASED_ACTION
from applications.data_requests import EXPORTED
from applications.factories import ApplicationFactory
from applications.models import Application, OpeningAlert
from members.groups import COMMITTEE_MEMBERS
from programme.factories import CohortFactory
from tests.accounts import make_user

pytestmark = pytest.mark.django_db

PARTICIPANTS = [
    ("Giulia Rossi", "giulia.rossi@example.it"),
    ("Marco Bianchi", "marco.bianchi@example.it"),
]


@pytest.fixture
def bologna():
    cohort = CohortFactory(country="IT", slug="italy-2026", seats=10)
    application = ApplicationFactory(
        cohort=cohort,
        contact_name="Giulia Rossi",
        contact_email="giulia.rossi@example.it",
        participants=PARTICIPANTS,
    )
    application.letter.save("letter.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    OpeningAlert.objects.create(email="giulia.rossi@example.it", country="FR", language="it")
    return application


@pytest.fixture
def elsewhere(bologna):
    """Another authority's application that proposed the same person."""
    return ApplicationFactory(
        cohort=bologna.cohort,
        authority_name="Modena",
        participants=[("Giulia Rossi", "giulia.rossi@example.it")],
    )


@pytest.fixture
def reviewer(groups):
    """Staff who review applications but do not handle data requests."""
    user = make_user("rita")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_application"),
    )
    return user


def export_url(application):
    return reverse("applications_export_applicant_data", args=[application.pk])


def erase_url(application):
    return reverse("applications_erase_applicant_data", args=[application.pk])


def inspect_url(application):
    return reverse("applications_application_modeladmin_inspect", args=[application.pk])


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def log_entries(action):
    return ModelLogEntry.objects.filter(action=action)


def test_the_application_offers_both_requests_to_editors_only(client, editor, reviewer, bologna):
    client.force_login(editor)
    soup = BeautifulSoup(client.get(inspect_url(bologna)).content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("#application-actions a")}
    assert links["Export the applicant's data"] == export_url(bologna)
    assert links["Erase the applicant's data"] == erase_url(bologna)

    client.force_login(reviewer)
    response = client.get(inspect_url(bologna))
    assert response.status_code == 200
    assert export_url(bologna) not in response.content.decode()
    assert erase_url(bologna) not in response.content.decode()


def test_the_export_says_whose_data_and_downloads_it_with_a_log_entry(
    client, editor, bologna, elsewhere
):
    client.force_login(editor)
    confirmation = client.get(export_url(bologna))
    assert confirmation.status_code == 200
    page = text_of(confirmation)
    assert (
        f"The applicant is Giulia Rossi (giulia.rossi@example.it), the contact person of "
        f"application {bologna.reference}." in page
    )
    assert "Marco Bianchi (marco.bianchi@example.it)" in page
    assert f"{elsewhere.reference} (Modena): Giulia Rossi (giulia.rossi@example.it)" in page
    assert "giulia.rossi@example.it (FR)" in page
    assert not log_entries(EXPORTED).exists(), "looking is not exporting"

    response = client.post(export_url(bologna))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="applicant-data-{bologna.reference}.json"'
    )
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    assert [a["reference"] for a in data["applications"]] == [bologna.reference]
    assert [p["name"] for p in data["applications"][0]["participants"]] == [
        "Giulia Rossi",
        "Marco Bianchi",
    ]
    assert [row["application"] for row in data["proposed_as_participant"]] == [elsewhere.reference]
    (entry,) = log_entries(EXPORTED)
    assert (entry.object_id, entry.user) == (str(bologna.pk), editor)
    assert entry.data == {"applications": [bologna.reference]}


def test_the_erasure_says_what_and_whom_then_erases_all_of_it_with_a_log_entry(
    client, editor, bologna, elsewhere, django_capture_on_commit_callbacks
):
    letter = bologna.letter.name
    storage = bologna.letter.storage
    client.force_login(editor)
    confirmation = client.get(erase_url(bologna))
    assert confirmation.status_code == 200
    page = text_of(confirmation)
    assert "The applicant is Giulia Rossi (giulia.rossi@example.it)" in page
    assert "Marco Bianchi (marco.bianchi@example.it)" in page
    assert "This cannot be undone." in page
    assert "Kept, so that seats and statistics stay right" in page
    bologna.refresh_from_db()
    assert not is_anonymised(bologna), "the confirmation page erases nothing"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(erase_url(bologna), follow=True)
    assert response.redirect_chain[-1][0] == inspect_url(bologna)
    assert (
        "The applicant's personal data is erased (applications: 1; participant rows in other "
        "applications: 1; opening alerts: 1)." in text_of(response)
    )
    bologna.refresh_from_db()
    assert is_anonymised(bologna)
    assert (bologna.contact_name, bologna.motivation, bologna.letter.name) == (ERASED, ERASED, "")
    assert not storage.exists(letter)
    assert set(bologna.participants.values_list("name", flat=True)) == {ERASED}
    assert elsewhere.participants.get().name == ERASED
    assert not OpeningAlert.objects.exists()
    (entry,) = log_entries(ERASED_ACTION)
    assert (entry.object_id, entry.user) == (str(bologna.pk), editor)
    assert entry.data == {"applications": 1, "participant_rows": 1, "opening_alerts": 1}
    assert "giulia" not in json.dumps(entry.data).lower() + entry.label.lower()

    again = client.get(erase_url(bologna))
    assert "Nothing is left to erase" in text_of(again)
    assert not BeautifulSoup(again.content, "html.parser").select("main form button")
    response = client.post(erase_url(bologna), follow=True)
    assert "Nothing is left to erase" in text_of(response)
    assert log_entries(ERASED_ACTION).count() == 1, "no second entry for nothing"


def test_the_log_entries_show_in_the_history_and_in_the_site_history(client, editor, bologna):
    client.force_login(editor)
    client.post(export_url(bologna))
    client.post(erase_url(bologna))
    history_url = reverse("applications_application_modeladmin_history", args=[bologna.pk])
    assert history_url in client.get(inspect_url(bologna)).content.decode()
    for url in (history_url, reverse("wagtailadmin_reports:site_history")):
        page = text_of(client.get(url))
        assert "Applicant's personal data exported" in page, url
        assert (
            "Applicant's personal data erased (applications: 1; participant rows in other "
            "applications: 0; opening alerts: 1)" in page
        ), url


@pytest.mark.parametrize("user_fixture", ["committee_member", "reviewer"])
def test_without_the_permission_nothing_is_shown_exported_or_erased(
    client, request, bologna, user_fixture
):
    client.force_login(request.getfixturevalue(user_fixture))
    for url in (export_url(bologna), erase_url(bologna)):
        assert client.get(url).status_code in (302, 403)
        response = client.post(url)
        assert response.status_code in (302, 403)
        assert "Content-Disposition" not in response
    bologna.refresh_from_db()
    assert not is_anonymised(bologna)
    assert OpeningAlert.objects.exists()
    assert not ModelLogEntry.objects.exists()


def test_a_committee_member_reads_no_application_history(client, editor, committee_member, bologna):
    client.force_login(editor)
    client.post(erase_url(bologna))
    client.force_login(committee_member)
    history_url = reverse("applications_application_modeladmin_history", args=[bologna.pk])
    assert client.get(history_url).status_code in (302, 403)
    site_history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert "personal data erased" not in site_history.content.decode()
    assert bologna.reference not in site_history.content.decode()


def test_the_requests_need_a_csrf_token(editor, bologna):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    for url in (export_url(bologna), erase_url(bologna)):
        assert client.post(url).status_code == 403
    bologna.refresh_from_db()
    assert not is_anonymised(bologna)
    assert not ModelLogEntry.objects.exists()


@pytest.mark.parametrize("failing", ["a participant", "the log entry"])
def test_an_erasure_that_fails_half_way_leaves_everything_as_it_was(
    client, editor, bologna, elsewhere, failing
):
    client.force_login(editor)
    client.raise_request_exception = False
    if failing == "a participant":
        # The second participant of the application cannot be saved.
        original = Application.participants.rel.related_model.save
        calls = []

        def save(participant, *args, **kwargs):
            calls.append(participant.pk)
            if len(calls) == 2:
                raise RuntimeError("disk full")
            return original(participant, *args, **kwargs)

        patch = mock.patch.object(Application.participants.rel.related_model, "save", save)
    else:
        patch = mock.patch(
            "applications.data_requests.log_action", side_effect=RuntimeError("log down")
        )
    with patch:
        response = client.post(erase_url(bologna))
    assert response.status_code == 500

    bologna.refresh_from_db()
    assert bologna.contact_name == "Giulia Rossi"
    assert bologna.letter.name and bologna.letter.storage.exists(bologna.letter.name)
    assert sorted(bologna.participants.values_list("name", flat=True)) == [
        "Giulia Rossi",
        "Marco Bianchi",
    ]
    assert elsewhere.participants.get().name == "Giulia Rossi"
    assert OpeningAlert.objects.count() == 1
    assert not ModelLogEntry.objects.exists()


def test_the_permission_belongs_to_editors_not_to_committee_members(editor, committee_member):
    assert editor.has_perm("applications.handle_data_requests")
    assert not committee_member.has_perm("applications.handle_data_requests")
    assert COMMITTEE_MEMBERS in committee_member.groups.values_list("name", flat=True)
