"""What a committee member may do in the admin: write and publish notes in the committee's
section, upload to the member library, and nothing else."""

import pytest
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from committee.models import CommitteeNotePage, Resource
from programme.factories import CohortFactory
from tests.accounts import PASSWORD
from tests.committee.demo_files import small_pdf_upload


def note_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-05-04",
            "note_type": "meeting_notes",
            "summary": "What we decided.",
            "body": streamfield([]),
            "documents": streamfield([]),
            "comments": inline_formset([]),
            "note_authors": inline_formset([]),
            **extra,
        }
    )


@pytest.fixture
def committee_client(client, people):
    assert client.login(request=HttpRequest(), username="carlos", password=PASSWORD)
    return client


@pytest.mark.django_db
def test_committee_member_publishes_a_note_in_the_committee_section(
    committee_client, committee_tree
):
    notes = committee_tree.pages["en"]["notes"]
    add_url = reverse("wagtailadmin_pages:add", args=["committee", "committeenotepage", notes.pk])
    assert committee_client.get(add_url).status_code == 200
    response = committee_client.post(
        add_url, note_form("Notes of the May meeting", "may-meeting", **{"action-publish": "1"})
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    note = CommitteeNotePage.objects.get(slug="may-meeting")
    assert note.live and note.owner.username == "carlos"
    assert committee_client.get(note.url).status_code == 200
    # ...and can edit it afterwards.
    edit_url = reverse("wagtailadmin_pages:edit", args=[note.pk])
    assert committee_client.get(edit_url).status_code == 200


@pytest.mark.django_db
def test_the_admin_offers_notes_only_under_the_notes_listing(committee_client, committee_tree):
    notes = committee_tree.pages["en"]["notes"]
    response = committee_client.get(reverse("wagtailadmin_pages:add_subpage", args=[notes.pk]))
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "committeenotepage" in response["Location"]


def refused(response):
    """Wagtail answers a refusal with 403, or a redirect away with an error message."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and "/edit/" not in response["Location"]


@pytest.mark.django_db
def test_committee_member_cannot_create_a_page_elsewhere(committee_client, committee_tree):
    home = committee_tree.site_tree.home
    before = Page.objects.count()
    url = reverse("wagtailadmin_pages:add", args=["programme", "programmepage", home.pk])
    assert refused(committee_client.get(url))
    response = committee_client.post(
        url,
        nested_form_data(
            {
                "title": "Hijack",
                "slug": "hijack",
                "intro": "",
                "body": streamfield([]),
                "comments": inline_formset([]),
                "action-publish": "1",
            }
        ),
    )
    assert refused(response)
    assert Page.objects.count() == before
    assert not Page.objects.filter(slug="hijack").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["about", "cohorts", "home"])
def test_committee_member_cannot_edit_programme_pages(committee_client, committee_tree, key):
    page = committee_tree.site_tree.translations["en"][key]
    assert refused(committee_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["committee", "notes", "library"])
def test_committee_member_cannot_edit_the_committee_pages_themselves(
    committee_client, committee_tree, key
):
    page = committee_tree.pages["en"][key]
    assert refused(committee_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert refused(committee_client.get(reverse("wagtailadmin_pages:delete", args=[page.pk])))


@pytest.mark.django_db
def test_committee_member_cannot_set_privacy_on_the_notes_listing(committee_client, committee_tree):
    notes = committee_tree.pages["en"]["notes"]
    response = committee_client.get(reverse("wagtailadmin_pages:set_privacy", args=[notes.pk]))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_committee_member_cannot_edit_a_cohort(committee_client, committee_tree):
    cohort = CohortFactory(country="IT", slug="italy-2026")
    url = reverse("wagtailsnippets_programme_cohort:edit", args=[cohort.pk])
    assert refused(committee_client.get(url))
    response = committee_client.post(url, {"seats": 99})
    assert refused(response)
    cohort.refresh_from_db()
    assert cohort.seats != 99


@pytest.mark.django_db
def test_committee_member_cannot_see_applications(committee_client, committee_tree):
    response = committee_client.get("/admin/applications/application/")
    assert refused(response)
    assert b"AIC-" not in response.content


@pytest.mark.django_db
def test_committee_member_uploads_to_the_member_library_only(committee_client, committee_tree):
    library = committee_tree.collection
    root = Collection.get_first_root_node()
    url = reverse("wagtaildocs:add")
    into_root = committee_client.post(
        url, {"title": "Stray", "collection": root.pk, "file": small_pdf_upload("stray.pdf")}
    )
    # With one permitted collection Wagtail hides the choice: the upload lands in the library.
    assert into_root.status_code in (200, 302)
    assert not Resource.objects.filter(title="Stray", collection=root).exists()
    into_library = committee_client.post(
        url,
        {
            "title": "Minutes annex",
            "collection": library.pk,
            "file": small_pdf_upload("annex.pdf"),
            "resource_type": "report",
            "language": "en",
        },
    )
    assert into_library.status_code == 302, into_library.content.decode()[:2000]
    assert Resource.objects.get(title="Minutes annex").collection_id == library.pk


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["participant", "outsider"])
def test_participants_and_outsiders_have_no_admin(client, committee_tree, people, who):
    client.force_login(getattr(people, who))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
