"""Treatments: "also known as" names, and a stored search document kept by a trigger.

On PostgreSQL the ``search_document`` column is filled by a trigger on every insert and
every update of the searched columns (saves, bulk writes and ``update()`` alike), indexed
with GIN, and backfilled here; it replaces the expression index of clinic 0007. pg_trgm
serves "did you mean" over names and synonyms. SQLite (the local demo) gets the column
only, left empty.
"""

import importlib

import django.contrib.postgres.operations
from django.db import migrations, models

import clinic.search

TABLE = "treatments_treatment"
# The columns and weights as they stood for this migration (treatments/search.py reads the same).
SECTIONS = [
    "overview", "how_it_works", "benefits", "suits", "does_not_suit", "risks", "what_to_expect", "aftercare",
    "product_and_source",
]  # fmt: skip
WEIGHTED_COLUMNS = [
    ("name", "A", False),
    ("search_synonyms", "A", False),
    ("summary", "B", False),
    *((section, "C", True) for section in SECTIONS),
]
# Going back recreates the expression index the earlier search read.
CLINIC_0007 = importlib.import_module("clinic.migrations.0007_search_indexes")
OLD_INDEX = "treatments_treatment_search"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    clinic.search.install_document_trigger(schema_editor, TABLE, WEIGHTED_COLUMNS)
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    schema_editor.execute(f"CREATE INDEX {TABLE}_search_document ON {TABLE} USING gin (search_document)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_search_document")
    clinic.search.drop_document_trigger(schema_editor, TABLE)
    model = apps.get_model("treatments", "Treatment")
    schema_editor.add_index(model, CLINIC_0007._index(model, OLD_INDEX))


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0006_merge_editorial_dates"),
        ("clinic", "0007_search_indexes"),
    ]

    operations = [
        django.contrib.postgres.operations.TrigramExtension(),
        migrations.AddField(
            model_name="treatment",
            name="search_document",
            field=clinic.search.StoredSearchDocument(
                editable=False, help_text="Kept current by the database for site search.", null=True
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="search_synonyms",
            field=models.TextField(
                blank=True,
                help_text="Other names patients search for, separated by commas, e.g. “platelet-rich plasma, "
                "vampire facial”. Site search finds this page first for them; they are not shown on the page.",
                verbose_name="also known as",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
