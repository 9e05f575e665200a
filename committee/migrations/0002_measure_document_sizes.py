"""Measure the documents saved without their size (the demo's, before Resource.save did)."""

from django.db import migrations


def measure_documents(apps, schema_editor):
    Resource = apps.get_model("committee", "Resource")
    for resource in Resource.objects.filter(file_size__isnull=True).exclude(file=""):
        try:
            size = resource.file.size
        except (FileNotFoundError, OSError):
            continue  # A missing file stays unmeasured; the library shows no size for it.
        Resource.objects.filter(pk=resource.pk).update(file_size=size)


class Migration(migrations.Migration):
    dependencies = [("committee", "0001_initial")]

    operations = [migrations.RunPython(measure_documents, migrations.RunPython.noop)]
