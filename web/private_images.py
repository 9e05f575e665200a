"""Images of restricted collections (the member library) are served only through Django, after
the collection's restrictions are checked; never from public media, where nginx (or a public
bucket) would hand them to anyone, cached for a month.

Wagtail names a rendition after its original image. An image of a restricted collection gets
an original name starting with RESTRICTED_MARK (and a random part, so it cannot be guessed);
the rendition storage (web/storage.py) keeps every rendition whose name carries the mark in the
private storage, and gives it this module's address. Moving an image into or out of a restricted
collection, or restricting a collection, renames the original and drops its renditions, which
Wagtail makes again on the next page view, on the right side.
"""

import logging
import mimetypes
import posixpath
import secrets

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import FileResponse, Http404
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.permissions import policy_registry

from web.storage import PRIVATE_PREFIX, RESTRICTED_MARK

logger = logging.getLogger(__name__)

RENDITION_FOLDER = "images/"


def is_restricted(collection):
    return collection is not None and collection.get_view_restrictions().exists()


def may_see(request, image):
    """Whether the visitor passes every restriction of the image's collection (and those above
    it); staff who may manage or choose images there see it in the admin too."""
    restrictions = image.collection.get_view_restrictions()
    if all(restriction.accept_request(request) for restriction in restrictions):
        return True
    if not request.user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(type(image))
    return policy.user_has_any_permission_for_instance(request.user, ["change", "choose"], image)


def restricted_image(request, filename):
    """A rendition of a restricted image, to whoever may see its collection."""
    if "/" in filename or not filename.startswith(RESTRICTED_MARK):
        raise Http404
    name = f"{PRIVATE_PREFIX}{RENDITION_FOLDER}{filename}"
    renditions = get_image_model().get_rendition_model().objects
    rendition = renditions.select_related("image__collection").filter(file=name).first()
    if rendition is None:
        raise Http404
    if not may_see(request, rendition.image):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("members:login"))
        raise PermissionDenied
    try:
        file = rendition.file.storage.open(name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def _marked(name):
    return posixpath.basename(name or "").startswith(RESTRICTED_MARK)


def rename_original(field_file, restricted):
    """Give an image's original file a marked name if `restricted` (an unmarked one if not);
    return the new name, or None when the name was right already."""
    if not field_file or _marked(field_file.name) == restricted:
        return None
    storage = field_file.storage
    folder, base = posixpath.split(field_file.name)
    if restricted:
        target = f"{RESTRICTED_MARK}{secrets.token_hex(8)}_{base}"
    else:
        target = base[len(RESTRICTED_MARK) :].split("_", 1)[-1]
    try:
        with storage.open(field_file.name, "rb") as source:
            new_name = storage.save(posixpath.join(folder, target), source)
    except FileNotFoundError:  # A record without its file: nothing to hide, nothing to move.
        logger.warning("Image file %s not found; its name is left as it was", field_file.name)
        return None
    storage.delete(field_file.name)
    return new_name


def keep_image_private(image):
    """Mark the original's name while the image's collection is restricted, and drop the
    renditions made under its other name."""
    new_name = rename_original(image.file, is_restricted(image.collection))
    if new_name is None:
        return
    type(image).objects.filter(pk=image.pk).update(file=new_name)
    image.file.name = new_name
    for rendition in image.renditions.all():
        rendition.delete()  # Wagtail deletes its file once the transaction is committed


@receiver(post_save, sender=get_image_model(), dispatch_uid="web.private_images.image_saved")
def image_saved(sender, instance, **kwargs):
    keep_image_private(instance)


@receiver(post_save, sender=CollectionViewRestriction, dispatch_uid="web.private_images.restricted")
@receiver(post_delete, sender=CollectionViewRestriction, dispatch_uid="web.private_images.opened")
def collection_privacy_changed(sender, instance, **kwargs):
    """A restriction added to (or removed from) a collection renames its images' originals."""
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:  # the collection itself is being deleted
        return
    collections = collection.get_descendants(inclusive=True)
    for image in get_image_model().objects.filter(collection__in=collections):
        keep_image_private(image)
