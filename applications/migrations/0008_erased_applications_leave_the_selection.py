"""A new status, "Personal data erased", for an application erased while it was still waiting;
applications erased before it existed (still "Received", "Under review" or "Waitlisted") take
it, recorded in their history, so they leave every queue and count of those waiting."""

from django.db import migrations, models

ERASED_EMAIL_DOMAIN = "invalid.example"  # applications.records when this was written
OPEN_STATUSES = ["submitted", "under_review", "waitlisted"]


def erased_applications_leave_the_selection(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    ApplicationStatusChange = apps.get_model("applications", "ApplicationStatusChange")
    erased = Application.objects.filter(
        contact_email__endswith=f"@{ERASED_EMAIL_DOMAIN}", status__in=OPEN_STATUSES
    )
    for application in erased:
        ApplicationStatusChange.objects.create(
            application=application, old_status=application.status, new_status="erased"
        )
    erased.update(status="erased")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0007_application_form_key"),
    ]

    operations = [
        migrations.AlterField(
            model_name="application",
            name="status",
            field=models.CharField(
                choices=[
                    ("submitted", "Received"),
                    ("under_review", "Under review"),
                    ("accepted", "Accepted"),
                    ("waitlisted", "Waitlisted"),
                    ("declined", "Declined"),
                    ("withdrawn", "Withdrawn"),
                    ("erased", "Personal data erased"),
                ],
                default="submitted",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="applicationstatuschange",
            name="new_status",
            field=models.CharField(
                choices=[
                    ("submitted", "Received"),
                    ("under_review", "Under review"),
                    ("accepted", "Accepted"),
                    ("waitlisted", "Waitlisted"),
                    ("declined", "Declined"),
                    ("withdrawn", "Withdrawn"),
                    ("erased", "Personal data erased"),
                ],
                max_length=20,
                verbose_name="to",
            ),
        ),
        migrations.AlterField(
            model_name="applicationstatuschange",
            name="old_status",
            field=models.CharField(
                choices=[
                    ("submitted", "Received"),
                    ("under_review", "Under review"),
                    ("accepted", "Accepted"),
                    ("waitlisted", "Waitlisted"),
                    ("declined", "Declined"),
                    ("withdrawn", "Withdrawn"),
                    ("erased", "Personal data erased"),
                ],
                max_length=20,
                verbose_name="from",
            ),
        ),
        migrations.RunPython(erased_applications_leave_the_selection, migrations.RunPython.noop),
    ]
