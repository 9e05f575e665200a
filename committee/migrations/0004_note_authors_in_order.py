"""A note's authors become ordered rows (NoteAuthor), chosen in the admin with Wagtail's
multiple chooser; the signatures and the authors kept in the notes' revisions move with them."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def move_authors_to_rows(apps, schema_editor):
    CommitteeNotePage = apps.get_model("committee", "CommitteeNotePage")
    CommitteeMember = apps.get_model("committee", "CommitteeMember")
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
    # The committee page's order (sort order, then name) for every note, old revisions included.
    members_order = {
        member_id: position
        for position, member_id in enumerate(
            CommitteeMember.objects.order_by("sort_order", "name").values_list("pk", flat=True)
        )
    }
    note_type = ContentType.objects.filter(app_label="committee", model="committeenotepage").first()
    if note_type is None:
        return
    # Revisions store the old field by name: without this, the next edit of a note would
    # start from a revision without authors.
    for revision in Revision.objects.filter(content_type=note_type).iterator():
        content = revision.content
        if "authors" not in content:
            continue
        note_id = int(revision.object_id)
        # Members deleted since are left out, as the old field left them out when loading.
        kept = [pk for pk in content.pop("authors") or [] if pk in members_order]
        authors = sorted(kept, key=members_order.get)
        content["note_authors"] = [
            {
                "pk": row.pk if (row := rows.get((note_id, member_id))) else None,
                "note": note_id,
                "member": member_id,
                "sort_order": position,
            }
            for position, member_id in enumerate(authors)
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
