"""GIN indexes for site search, on PostgreSQL only.

They index exactly the weighted vectors clinic.search builds, so full-text queries stay
fast with tens of thousands of articles. SQLite (the local demo) has no full-text search
of this kind and skips them; they are not in any model's Meta so the other databases'
schemas stay as they are.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEXES = {
    ("blog", "Article"): "blog_article_search",
    ("treatments", "Treatment"): "treatments_treatment_search",
}


# The weighted fields as they stood when these indexes were made (blog/search.py and
# treatments/search.py search the same expressions); frozen here so the migration never
# depends on the apps' current code.
ARTICLE_FIELDS = (("title", "A"), ("excerpt", "B"), ("body", "C"))
TREATMENT_FIELDS = (
    ("name", "A"),
    ("summary", "B"),
    *((section, "C") for section in [
        "overview", "how_it_works", "benefits", "suits", "does_not_suit", "risks", "what_to_expect", "aftercare",
        "product_and_source",
    ])
)  # fmt: skip


def _index(model, name):
    from clinic.search import search_vector

    fields = ARTICLE_FIELDS if model._meta.model_name == "article" else TREATMENT_FIELDS
    return GinIndex(search_vector(fields), name=name)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for (app_label, model_name), name in INDEXES.items():
        model = apps.get_model(app_label, model_name)
        schema_editor.add_index(model, _index(model, name))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for (app_label, model_name), name in INDEXES.items():
        model = apps.get_model(app_label, model_name)
        schema_editor.remove_index(model, _index(model, name))


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0006_compliance_terms_and_permissions"),
        ("blog", "0004_comment"),
        ("treatments", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
