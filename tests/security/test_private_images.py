"""Images of restricted collections (the member library) are never in public media: their
renditions are served by Django to those the collection lets in (issue 21, point 8)."""

import importlib
import io
import posixpath
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db


def png(colour="red"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name="board-meeting.png")


def add_image(collection, title="Board meeting"):
    image = get_image_model()(title=title, collection=collection, file=png())
    image.save()
    return image


def in_public_media(rendition):
    return (Path(settings.MEDIA_ROOT) / rendition.file.name).exists()


def body(response):
    return b"".join(response.streaming_content)


def test_a_member_library_image_is_served_by_django_to_members_only(client, committee_tree, people):
    image = add_image(committee_tree.collection)
    rendition = image.get_rendition("fill-32x32")
    url = rendition.url
    assert url.startswith("/images/restricted/")
    assert not in_public_media(rendition)
    assert not url.startswith(settings.MEDIA_URL)

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("members:login"))
    client.force_login(people.outsider)
    assert client.get(url).status_code == 403

    client.force_login(people.participant)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert PILImage.open(io.BytesIO(body(response))).size == (32, 32)


def test_editors_see_its_thumbnails_in_the_admin(client, committee_tree, people):
    image = add_image(committee_tree.collection)
    client.force_login(people.editor)
    thumbnail = image.get_rendition("max-165x165").url
    assert client.get(thumbnail).status_code == 200


def test_a_public_image_stays_in_public_media(committee_tree):
    image = add_image(Collection.get_first_root_node())
    rendition = image.get_rendition("fill-32x32")
    assert rendition.url.startswith(f"{settings.MEDIA_URL}images/")
    assert in_public_media(rendition)


def test_restricting_a_collection_takes_its_images_out_of_public_media_and_back(
    client, committee_tree, people, django_capture_on_commit_callbacks
):
    collection = Collection.get_first_root_node().add_child(name="Later restricted")
    image = add_image(collection)
    public = image.get_rendition("fill-32x32")
    assert in_public_media(public)

    with django_capture_on_commit_callbacks(execute=True):
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    assert not in_public_media(public), "the public copy is deleted"
    image.refresh_from_db()
    private = image.get_rendition("fill-32x32")
    assert private.url.startswith("/images/restricted/")
    assert client.get(private.url).status_code == 302
    client.force_login(people.outsider)
    assert client.get(private.url).status_code == 200  # signed in is all this one asks

    restriction.delete()
    image.refresh_from_db()
    assert in_public_media(image.get_rendition("fill-32x32"))


@pytest.mark.parametrize("name", ["board.png", "restricted~missing.png", "restricted~..%2fx"])
def test_unknown_or_unmarked_names_are_not_found(client, committee_tree, name):
    assert client.get(f"/images/restricted/{name}").status_code == 404


def test_images_already_in_the_member_library_are_moved_by_the_migration(committee_tree):
    """Before this release, member-library images had public renditions: the committee's data
    migration marks their originals and deletes those renditions."""
    image = add_image(Collection.get_first_root_node())
    public = image.get_rendition("fill-32x32")
    get_image_model().objects.filter(pk=image.pk).update(collection=committee_tree.collection)

    migration = importlib.import_module(
        "committee.migrations.0006_restricted_images_named_privately"
    )
    migration.mark_restricted_images(django_apps, schema_editor=None)

    image.refresh_from_db()
    assert posixpath.basename(image.file.name).startswith("restricted~")
    assert not in_public_media(public)
    assert image.get_rendition("fill-32x32").url.startswith("/images/restricted/")
