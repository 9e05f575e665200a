"""A note's authors become ordered rows (NoteAuthor), chosen in the admin with Wagtail's
multiple chooser; the signatures and the authors kept in the notes' revisions move with them."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def move_authors_to_rows(apps, schema_editor):
    CommitteeNotePage = apps.get_model("committee", "CommitteeNotePage")
    NoteAuthor = apps.get_model("committee", "NoteAuthor")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    links = CommitteeNotePage.authors.through.objects.order_by(
        "committeenotepage_id", "committeemember__sort_order", "committeemember__name"
    )
    rows = {}
    for position, link in enumerate(links):
        rows[(link.committeenotepage_id, link.committeemember_id)] = NoteAuthor.objects.create(
            note_id=link.committeenotepage_id,
            member_id=link.committeemember_id,
            sort_order=position,
        )
    note_type = ContentType.objects.filter(app_label="committee", model="committeenotepage").first()
    if note_type is None:
        return
    # Revisions store the old field by name: without this, the next edit of a note would
    # start from a revision without authors.
    for revision in Revision.objects.filter(base_content_type=note_type).iterator():
        content = revision.content
        if "authors" not in content:
            continue
        note_id = int(revision.object_id)
        content["note_authors"] = [
            {
                "pk": row.pk if (row := rows.get((note_id, member_id))) else None,
                "note": note_id,
                "member": member_id,
                "sort_order": position,
            }
            for position, member_id in enumerate(content.pop("authors") or [])
        ]
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("committee", "0003_resource_private_files"),
    ]

    operations = [
        migrations.CreateModel(
            name="NoteAuthor",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="signed_notes",
                        to="committee.committeemember",
                        verbose_name="committee member",
                    ),
                ),
                (
                    "note",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="note_authors",
                        to="committee.committeenotepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "author",
                "verbose_name_plural": "authors",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(move_authors_to_rows, migrations.RunPython.noop),
        migrations.RemoveField(model_name="committeenotepage", name="authors"),
    ]
