"""Cities and regions apply: the applicant becomes a local or regional authority of a kind,
and says whether it is a member of Efus.

Renaming keeps every stored city name as the authority's name, and the defaults make each
existing application a municipality whose Efus membership is not known (nobody was asked)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_alter_application_letter"),
    ]

    operations = [
        migrations.RenameField(
            model_name="application",
            old_name="city_name",
            new_name="authority_name",
        ),
        migrations.AlterField(
            model_name="application",
            name="authority_name",
            field=models.CharField(max_length=150, verbose_name="name of the authority"),
        ),
        migrations.AddField(
            model_name="application",
            name="authority_kind",
            field=models.CharField(
                choices=[
                    ("municipality", "Municipality"),
                    ("intermunicipal", "Inter-municipal or metropolitan body"),
                    ("region", "Region or province"),
                ],
                default="municipality",
                max_length=20,
                verbose_name="kind of authority",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="efus_member",
            field=models.CharField(
                choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Don't know")],
                default="unknown",
                max_length=10,
                verbose_name="member of Efus",
            ),
        ),
        migrations.AlterModelOptions(
            name="application",
            options={
                "ordering": ["-submitted_at"],
                "permissions": [
                    (
                        "handle_data_requests",
                        "Can export and erase an applicant's personal data",
                    )
                ],
                "verbose_name": "application",
                "verbose_name_plural": "applications",
            },
        ),
    ]
