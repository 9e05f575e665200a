"""Where private files live: letters of commitment, certificates and restricted documents,
never served publicly.

The "private" storage of STORAGES: a folder outside MEDIA_ROOT by default, a private bucket
on object storage when configured (see the production settings).
"""

import posixpath

from django.core.files.storage import Storage, default_storage, storages
from django.urls import reverse
from django.utils.deconstruct import deconstructible


def private_storage():
    """Files with no public URL: only the site's own views may read them."""
    return storages["private"]


# Documents of restricted collections are stored under this prefix, which the document storage
# maps to the private storage; everything else stays in the default (public) storage.
PRIVATE_PREFIX = "private/"


def is_private_name(name):
    return (name or "").startswith(PRIVATE_PREFIX)


# Deconstructible: Wagtail deletes a file in a task that rebuilds its storage from its path.
@deconstructible(path="web.storage.DocumentStorage")
class DocumentStorage(Storage):
    """Public media for public documents, private storage for names under `private/`.

    Restricted documents never touch MEDIA_ROOT (which a web server, or the development server,
    publishes): their files live in PRIVATE_MEDIA_ROOT and only Django's document view, which
    checks the collection's restrictions, reads them.
    """

    def _route(self, name):
        if is_private_name(name):
            return private_storage(), name[len(PRIVATE_PREFIX) :], PRIVATE_PREFIX
        return default_storage, name, ""

    def _open(self, name, mode="rb"):
        storage, inner, _prefix = self._route(name)
        return storage.open(inner, mode)

    def _save(self, name, content):
        storage, inner, prefix = self._route(name)
        return prefix + storage.save(inner, content)

    def get_available_name(self, name, max_length=None):
        storage, inner, prefix = self._route(name)
        limit = max_length - len(prefix) if max_length else None
        return prefix + storage.get_available_name(inner, max_length=limit)

    def delete(self, name):
        storage, inner, _prefix = self._route(name)
        storage.delete(inner)

    def exists(self, name):
        storage, inner, _prefix = self._route(name)
        return storage.exists(inner)

    def size(self, name):
        storage, inner, _prefix = self._route(name)
        return storage.size(inner)

    def path(self, name):
        storage, inner, _prefix = self._route(name)
        return storage.path(inner)

    def listdir(self, path):
        storage, inner, _prefix = self._route(path)
        return storage.listdir(inner)

    def get_modified_time(self, name):
        storage, inner, _prefix = self._route(name)
        return storage.get_modified_time(inner)

    def url(self, name):
        if is_private_name(name):
            # No public URL; Wagtail's document view then streams it after its checks.
            raise NotImplementedError("A private document is served only through Django.")
        return default_storage.url(name)


def document_storage():
    return DocumentStorage()


# The start of the name of a restricted image's original, and so of its renditions' names
# (web/private_images.py). No upload carries it: Django's get_valid_name drops "~".
RESTRICTED_MARK = "restricted~"


@deconstructible(path="web.storage.RenditionStorage")
class RenditionStorage(DocumentStorage):
    """Wagtail's rendition storage (WAGTAILIMAGES_RENDITION_STORAGE): renditions of public
    images in public media, those of restricted images (their name carries RESTRICTED_MARK) in
    the private storage, with the address of Django's view that checks the collection."""

    def get_valid_name(self, name):
        marked = name.startswith(RESTRICTED_MARK)
        valid = default_storage.get_valid_name(name[len(RESTRICTED_MARK) :] if marked else name)
        return RESTRICTED_MARK + valid if marked else valid

    def generate_filename(self, filename):
        filename = super().generate_filename(filename)
        if posixpath.basename(filename).startswith(RESTRICTED_MARK) and not is_private_name(
            filename
        ):
            filename = PRIVATE_PREFIX + filename
        return filename

    def url(self, name):
        if is_private_name(name):  # web/private_images.py serves it, after its checks
            return reverse("restricted_image", args=[posixpath.basename(name)])
        return default_storage.url(name)


def move_file(field_file, private):
    """Move a stored file to the private side (or back); return its new name."""
    name = field_file.name
    if is_private_name(name) == private:
        return name
    storage = field_file.storage
    target = PRIVATE_PREFIX + name if private else name[len(PRIVATE_PREFIX) :]
    with storage.open(name) as source:
        new_name = storage.save(target, source)
    storage.delete(name)
    return new_name
