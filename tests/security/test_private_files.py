"""Restricted documents never sit in the public media folder and are served only by Django."""

import os
import stat
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from committee.models import Resource
from demo.pdf import simple_pdf

pytestmark = pytest.mark.django_db


def public_path(name):
    return Path(settings.MEDIA_ROOT) / name


def test_a_restricted_document_is_stored_outside_the_media_folder(committee_tree):
    document = Resource.objects.get(pk=committee_tree.document.pk)
    assert document.file.name.startswith("private/documents/")
    assert Path(document.file.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)


def test_it_is_served_only_through_django_to_members(client, committee_tree, people):
    url = committee_tree.document.url
    assert url.startswith("/documents/")
    assert client.get(url).status_code == 302
    client.force_login(people.participant)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"


def test_files_move_when_a_collection_becomes_restricted_and_back(committee_tree, groups):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Later restricted")
    document = Resource(title="Agenda", collection=collection)
    document.file.save("agenda.pdf", ContentFile(simple_pdf("Agenda", ["1."])), save=False)
    document.save()
    assert not document.file.name.startswith("private/")
    assert public_path(document.file.name).exists()

    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document.refresh_from_db()
    assert document.file.name.startswith("private/")
    assert not public_path(document.file.name.removeprefix("private/")).exists()
    assert document.file.read().startswith(b"%PDF")

    restriction.delete()
    document.refresh_from_db()
    assert not document.file.name.startswith("private/")
    assert public_path(document.file.name).exists()


def test_private_files_are_the_site_users_alone_whatever_the_umask(committee_tree):
    from web.storage import private_storage

    document = Resource.objects.get(pk=committee_tree.document.pk)
    previous = os.umask(0)  # the most permissive: the modes must come from the storage
    try:
        letter = ContentFile(simple_pdf("Letter", ["Signed."]))
        name = private_storage().save(f"letters/{uuid.uuid4().hex}/letter.pdf", letter)
    finally:
        os.umask(previous)
    letter_path = Path(private_storage().path(name))
    for path in (Path(document.file.path), letter_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(letter_path.parent.stat().st_mode) == 0o700
