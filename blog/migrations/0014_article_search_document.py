"""Articles: a stored search document kept by a trigger, and a trigram index on titles.

On PostgreSQL the ``search_document`` column is filled by a trigger on every insert and
every update of the searched columns (the WordPress importer's ``bulk_create`` included),
indexed with GIN, and backfilled here; it replaces the expression index of clinic 0007.
The body is HTML: the trigger indexes its text (``clinic_search_text``). SQLite (the
local demo) gets the column only, left empty.
"""

import importlib

from django.db import migrations

import clinic.search

TABLE = "blog_article"
# The columns and weights as they stood for this migration (blog/search.py reads the same).
WEIGHTED_COLUMNS = [("title", "A", False), ("excerpt", "B", False), ("body", "C", True)]
# Going back recreates the expression index the earlier search read.
CLINIC_0007 = importlib.import_module("clinic.migrations.0007_search_indexes")
OLD_INDEX = "blog_article_search"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    clinic.search.install_document_trigger(schema_editor, TABLE, WEIGHTED_COLUMNS)
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    schema_editor.execute(f"CREATE INDEX {TABLE}_search_document ON {TABLE} USING gin (search_document)")
    # Title matches are always ranked, however many articles match (clinic.search.TitleVector).
    schema_editor.execute(
        f"CREATE INDEX {TABLE}_title_search ON {TABLE} USING gin (to_tsvector('english'::regconfig, COALESCE(title, '')))"
    )
    # "Did you mean": titles spelt like the query, without reading every title.
    schema_editor.execute(f"CREATE INDEX {TABLE}_title_trigram ON {TABLE} USING gin (title gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_title_trigram")
    schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_title_search")
    schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_search_document")
    clinic.search.drop_document_trigger(schema_editor, TABLE)
    model = apps.get_model("blog", "Article")
    schema_editor.add_index(model, CLINIC_0007._index(model, OLD_INDEX))


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0013_listing_indexes"),
        # pg_trgm is created there.
        ("treatments", "0007_treatment_search_document"),
        ("clinic", "0007_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=clinic.search.StoredSearchDocument(
                editable=False, help_text="Kept current by the database for site search.", null=True
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
