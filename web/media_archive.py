"""Both file stores as tar archives, for backups: the public media and the private files
(letters, certificates, restricted documents). Read and written through the storages, so the
same commands back up a folder or a bucket (`manage.py dump_media`, `load_media`)."""

import io
import tarfile
import time

from django.core.files.base import ContentFile
from django.core.files.storage import storages

STORES = ("default", "private")


def stored_names(storage, folder=""):
    """Every file name in a storage, folders walked recursively."""
    folders, files = storage.listdir(folder)
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for name in sorted(folders):
        yield from stored_names(storage, prefix + name)


def dump(alias, stream):
    """Write every file of storage `alias` into a tar archive on `stream`; return the count."""
    storage, count = storages[alias], 0
    with tarfile.open(fileobj=stream, mode="w|") as archive:
        for name in stored_names(storage):
            with storage.open(name) as handle:
                data = handle.read()
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
            archive.addfile(info, io.BytesIO(data))
            count += 1
    return count


def load(alias, stream):
    """Put back every file of a tar archive under its own name; return the count."""
    storage, count = storages[alias], 0
    with tarfile.open(fileobj=stream, mode="r|") as archive:
        for member in archive:
            if not member.isfile():
                continue
            name = member.name
            if name.startswith("/") or ".." in name.split("/"):
                raise ValueError(f"refusing a file name outside the store: {name!r}")
            data = archive.extractfile(member).read()
            if storage.exists(name):
                storage.delete(name)
            storage.save(name, ContentFile(data))
            count += 1
    return count
