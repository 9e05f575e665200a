"""Images already in a restricted collection (the member library) get a marked original name,
and their public renditions are dropped: Wagtail makes them again, privately (web/storage.py)."""

from django.db import migrations


def mark_restricted_images(apps, schema_editor):
    from web.private_images import rename_original

    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Image = apps.get_model("wagtailimages", "Image")
    Rendition = apps.get_model("wagtailimages", "Rendition")
    restricted_paths = list(
        Collection.objects.filter(
            pk__in=Restriction.objects.values("collection_id")
        ).values_list("path", flat=True)
    )
    for image in Image.objects.select_related("collection"):
        restricted = any(image.collection.path.startswith(path) for path in restricted_paths)
        new_name = rename_original(image.file, restricted)
        if new_name is None:
            continue
        Image.objects.filter(pk=image.pk).update(file=new_name)
        for rendition in Rendition.objects.filter(image_id=image.pk):
            rendition.file.delete(save=False)
            rendition.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("committee", "0005_committee_notices"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(mark_restricted_images, migrations.RunPython.noop)]
