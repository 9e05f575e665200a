"""Where private files live: letters of commitment and certificates, never served publicly."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    """Files outside MEDIA_ROOT, with no public URL: only the site's own views may read them."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
