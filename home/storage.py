"""Where private files live: letters of commitment and certificates, never served publicly.

The "private" storage of STORAGES: a folder outside MEDIA_ROOT by default, a private bucket
on object storage when configured (see the production settings).
"""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]
