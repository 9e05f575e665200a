"""Accent-insensitive search per language on PostgreSQL (nothing to do on other databases).

Enables the unaccent extension and creates "<language>_unaccent" text-search configurations:
copies of PostgreSQL's own ones in which words with letters outside ASCII pass through unaccent
before the language's stemmer, so "Liège" is indexed as "lieg", as "Liege" is searched.
"""

from django.db import migrations

LANGUAGES = ["english", "french", "italian", "dutch", "german", "spanish"]


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for language in LANGUAGES:
        name = f"{language}_unaccent"
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{language})"
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in LANGUAGES:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {language}_unaccent")


class Migration(migrations.Migration):
    dependencies = [("home", "0002_contactsettings_privacy_page")]

    operations = [migrations.RunPython(create_configurations, drop_configurations, elidable=False)]
