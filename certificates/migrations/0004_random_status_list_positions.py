"""Each certificate's bit in the revocation list becomes a position drawn at random (no longer
its key), never given twice. Certificates issued before keep their key as a legacy position,
which the credentials they were given then point at: a revocation sets both bits."""

import secrets

from django.db import migrations, models

STATUS_LIST_SIZE = 131072  # certificates.models.STATUS_LIST_SIZE when this was written


def draw_random_positions(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    certificates = list(Certificate.objects.order_by("pk"))
    taken = {certificate.pk for certificate in certificates}
    for certificate in certificates:
        while True:
            index = secrets.randbelow(STATUS_LIST_SIZE)
            if index not in taken:
                break
        taken.add(index)
        certificate.legacy_status_index = certificate.pk
        certificate.status_index = index
        certificate.save(update_fields=["legacy_status_index", "status_index"])


class Migration(migrations.Migration):
    dependencies = [("certificates", "0003_calendar_key")]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="status_index",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="position in the revocation list"
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="legacy_status_index",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.RunPython(draw_random_positions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="status_index",
            field=models.PositiveIntegerField(
                editable=False, unique=True, verbose_name="position in the revocation list"
            ),
        ),
    ]
