from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=400)


def change_data(article, **overrides):
    data = {
        "title": article.title,
        "slug": article.slug,
        "excerpt": article.excerpt,
        "body": article.body,
        "author": article.author_id,
        "status": article.status,
        "published_at_0": timezone.localtime(article.published_at).strftime("%d/%m/%Y"),
        "published_at_1": timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        "is_commenting_open": "on",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def old_article():
    article = ArticleFactory(published_at=LONG_AGO, body="<p>The text.</p>")
    Article.objects.filter(pk=article.pk).update(content_updated_at=LONG_AGO)
    article.refresh_from_db()
    return article


def post_change(admin_client, article, **overrides):
    response = admin_client.post(
        reverse("admin:blog_article_change", args=[article.pk]), change_data(article, **overrides)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article


def test_saving_an_unchanged_form_does_not_move_last_updated(admin_client, old_article):
    assert post_change(admin_client, old_article).content_updated_at == LONG_AGO


def test_changing_only_how_it_is_listed_does_not_move_last_updated(admin_client, old_article):
    article = post_change(admin_client, old_article, is_commenting_open="")

    assert article.content_updated_at == LONG_AGO


def test_changing_the_body_moves_last_updated_and_the_page_shows_it(admin_client, old_article, client):
    article = post_change(admin_client, old_article, body="<p>The text, corrected.</p>")

    assert article.content_updated_at > timezone.now() - timedelta(minutes=1)
    page = client.get(article.get_absolute_url()).text
    assert f'Last updated <time datetime="{article.content_updated_at.isoformat(timespec="seconds")}"' in page


def test_adding_a_reference_moves_last_updated(admin_client, old_article):
    article = post_change(
        admin_client,
        old_article,
        **{"references-TOTAL_FORMS": "1", "references-0-citation": "A study, 2025.", "references-0-order": "0"},
    )

    assert article.content_updated_at > LONG_AGO


def test_bulk_publish_never_leaves_last_updated_before_publication(admin_client):
    scheduled = ArticleFactory(status="draft", published_at=timezone.now() + timedelta(days=2))
    undated = ArticleFactory(status="draft", published_at=None)
    Article.objects.filter(pk=scheduled.pk).update(content_updated_at=LONG_AGO)

    admin_client.post(
        reverse("admin:blog_article_changelist"),
        {"action": "publish", "_selected_action": [scheduled.pk, undated.pk]},
    )

    for article in Article.objects.all():
        assert article.status == "published"
        assert article.content_updated_at >= article.published_at


def test_database_refuses_last_updated_before_publication():
    article = ArticleFactory(published_at=LONG_AGO)

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(content_updated_at=LONG_AGO - timedelta(days=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(content_updated_at=None)


def test_freshly_loaded_articles_show_no_last_updated_line(client, clinic_profile):
    article = ArticleFactory(published_at=LONG_AGO)

    page = client.get(article.get_absolute_url()).text

    assert "Last updated" not in page
    assert article.content_updated_at == article.published_at


def test_sitemap_and_feed_use_the_editorial_date(client, clinic_profile):
    ArticleFactory(published_at=LONG_AGO)

    sitemap = client.get("/sitemap-articles.xml").text
    feed = client.get(reverse("blog:feed_atom")).text

    assert f"<lastmod>{LONG_AGO.date().isoformat()}</lastmod>" in sitemap
    assert LONG_AGO.date().isoformat() in feed
    assert timezone.now().date().isoformat() + "T" not in feed.split("<entry>", 1)[-1]


@pytest.mark.django_db(transaction=True)
def test_data_migration_starts_last_updated_at_publication():
    executor = MigrationExecutor(connection)
    executor.migrate([("blog", "0008_comment_moderators")])
    apps = executor.loader.project_state([("blog", "0008_comment_moderators")]).apps
    Practitioner = apps.get_model("clinic", "Practitioner")
    OldArticle = apps.get_model("blog", "Article")
    author = Practitioner.objects.create(name="A", slug="a", role="r", regulator="GMC", registration_number="1")
    published = OldArticle.objects.create(
        title="P", slug="p", excerpt="e", body="<p>b</p>", author=author, status="published", published_at=LONG_AGO
    )
    draft = OldArticle.objects.create(title="D", slug="d", excerpt="e", body="<p>b</p>", author=author)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert Article.objects.get(pk=published.pk).content_updated_at == LONG_AGO
    assert Article.objects.get(pk=draft.pk).content_updated_at is None
