"""Each enrolment gets a stable identifier for the holder of its credentials (a urn:uuid):
added empty, filled for existing rows, then made unique."""

import uuid

from django.db import migrations, models


def fill_subject_ids(apps, schema_editor):
    Enrolment = apps.get_model("certificates", "Enrolment")
    for enrolment in Enrolment.objects.filter(subject_id__isnull=True).only("pk"):
        enrolment.subject_id = uuid.uuid4()
        enrolment.save(update_fields=["subject_id"])


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="subject_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_subject_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="enrolment",
            name="subject_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                unique=True,
                verbose_name="credential subject identifier",
            ),
        ),
    ]
