"""The search-document migrations fill the column for rows that already exist, and undo cleanly."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from tests.test_migrations import latest, migrate

BEFORE = [("blog", "0012_merge_comments_app"), ("treatments", "0006_merge_editorial_dates")]


@pytest.fixture
def old_apps(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate(latest())


def indexes(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
        return {name for (name,) in cursor.fetchall()}


def test_existing_rows_are_searchable_after_the_migration(old_apps, client):
    Category = old_apps.get_model("treatments", "TreatmentCategory")
    Treatment = old_apps.get_model("treatments", "Treatment")
    Article = old_apps.get_model("blog", "Article")
    category = Category.objects.create(name="Skin", slug="skin")
    Treatment.objects.create(
        name="Exosome therapy", slug="exosome-therapy", category=category, summary="Vesicles.",
        overview="<h2>What it is</h2><p>Laboratory-made particles.</p>", risks="<p>Redness.</p>", is_published=True,
    )  # fmt: skip
    Article.objects.create(
        title="Winter skin", slug="winter-skin", excerpt="Dry air.", body="<p>Humidifiers help <b>hydration</b>.</p>",
        status="published", published_at="2026-02-01T10:00Z", content_updated_at="2026-02-01T10:00Z",
    )  # fmt: skip

    new_apps = migrate(latest())
    Article = new_apps.get_model("blog", "Article")
    Treatment = new_apps.get_model("treatments", "Treatment")
    assert Article.objects.filter(search_document=SearchQuery("hydration", config="english")).count() == 1
    assert Treatment.objects.filter(search_document=SearchQuery("laboratory", config="english")).count() == 1
    assert "blog_article_search_document" in indexes("blog_article")
    assert "blog_article_search" not in indexes("blog_article")

    html = client.get("/search/", {"q": "humidifiers"}).content.decode()
    assert 'href="/blog/winter-skin/"' in html
    assert 'href="/treatments/exosome-therapy/"' in client.get("/search/", {"q": "exosme"}).content.decode()

    # And back: the expression indexes the earlier search read are there again.
    migrate(BEFORE)
    assert "blog_article_search" in indexes("blog_article")
    assert "treatments_treatment_search" in indexes("treatments_treatment")
    assert "blog_article_search_document" not in indexes("blog_article")
