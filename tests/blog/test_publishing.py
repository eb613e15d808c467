from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from tests.factories import ArticleFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_published_article_is_shown_to_visitors(client):
    article = ArticleFactory(title="Looking after your skin")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Looking after your skin" in response.text


def test_draft_article_is_404_for_visitors(client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_article_is_404_until_its_time_then_appears(client, time_machine):
    time_machine.move_to(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False)
    article = ArticleFactory(title="Spring skin", published_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))

    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Spring skin" not in client.get(reverse("blog:article_list")).text

    time_machine.move_to(datetime(2026, 3, 2, 9, 1, tzinfo=UTC), tick=False)

    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Spring skin" in client.get(reverse("blog:article_list")).text


def test_unpublished_article_disappears_from_the_site(client):
    article = ArticleFactory(title="Withdrawn advice")

    Article.objects.filter(pk=article.pk).unpublish()

    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Withdrawn advice" not in client.get(reverse("blog:article_list")).text


def test_publishing_a_draft_without_a_time_publishes_it_now():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    assert Article.objects.filter(pk=article.pk).publish() == 1

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert timezone.now() - article.published_at < timedelta(seconds=5)


def test_publishing_a_draft_with_a_future_time_schedules_it():
    future = timezone.now() + timedelta(days=3)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=future)

    Article.objects.filter(pk=article.pk).publish()

    article.refresh_from_db()
    assert article.published_at == future
    assert article.publication_state == "scheduled"
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_publication_state_agrees_with_the_published_queryset():
    now = timezone.now()
    articles = [
        ArticleFactory(status=Article.Status.DRAFT, published_at=None),
        ArticleFactory(status=Article.Status.DRAFT, published_at=now - timedelta(days=1)),
        ArticleFactory(published_at=now + timedelta(days=1)),
        ArticleFactory(published_at=now - timedelta(days=1)),
    ]

    public = set(Article.objects.published().values_list("pk", flat=True))

    assert {article.pk for article in articles if article.is_public} == public
    assert len(public) == 1


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_hidden_articles_are_left_out_of_every_listing(client, state):
    category, tag = CategoryFactory(slug="skin"), TagFactory(slug="prp")
    when = timezone.now() - timedelta(days=1)
    visible = ArticleFactory(title="Visible piece", categories=[category], tags=[tag], published_at=when)
    hidden_time = None if state == "draft" else timezone.now() + timedelta(days=1)
    ArticleFactory(
        title="Hidden piece",
        status="draft" if state == "draft" else "published",
        published_at=hidden_time,
        categories=[category],
        tags=[tag],
    )
    local = timezone.localtime(visible.published_at)
    urls = [
        reverse("blog:article_list"),
        reverse("blog:category_detail", args=["skin"]),
        reverse("blog:tag_detail", args=["prp"]),
        reverse("blog:article_archive_month", kwargs={"year": f"{local:%Y}", "month": f"{local:%m}"}),
        reverse("blog:feed_rss"),
        reverse("blog:feed_atom"),
        visible.get_absolute_url(),  # related articles
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Hidden piece" not in response.text, url


def test_related_articles_share_tags_or_categories_and_are_public(client):
    tag = TagFactory()
    article = ArticleFactory(tags=[tag])
    ArticleFactory(title="Shares a tag", tags=[tag])
    ArticleFactory(title="Shares nothing")
    ArticleFactory(title="Draft sharing a tag", tags=[tag], status="draft", published_at=None)

    related = client.get(article.get_absolute_url()).context["related_articles"]

    assert [item.title for item in related] == ["Shares a tag"]


def test_article_page_links_previous_and_next_public_articles(client):
    now = timezone.now()
    older = ArticleFactory(title="Older", published_at=now - timedelta(days=3))
    middle = ArticleFactory(title="Middle", published_at=now - timedelta(days=2))
    newer = ArticleFactory(title="Newer", published_at=now - timedelta(days=1))
    ArticleFactory(title="Future", published_at=now + timedelta(days=1))

    response = client.get(middle.get_absolute_url())

    assert response.context["previous_article"] == older
    assert response.context["next_article"] == newer
    assert 'rel="next"' not in client.get(newer.get_absolute_url()).content.decode()


def test_empty_or_impossible_month_archive_is_404(client):
    ArticleFactory(published_at=datetime(2025, 5, 10, tzinfo=UTC))

    assert client.get(reverse("blog:article_archive_month", kwargs={"year": "2025", "month": "05"})).status_code == 200
    assert client.get(reverse("blog:article_archive_month", kwargs={"year": "2025", "month": "06"})).status_code == 404
    assert client.get("/blog/2025/13/").status_code == 404


def test_unknown_category_and_tag_are_404(client):
    assert client.get(reverse("blog:category_detail", args=["nope"])).status_code == 404
    assert client.get(reverse("blog:tag_detail", args=["nope"])).status_code == 404


def test_article_list_is_paginated(client):
    ArticleFactory.create_batch(12)

    first = client.get(reverse("blog:article_list"))
    second = client.get(reverse("blog:article_list") + "?page=2")

    assert len(first.context["article_list"]) == 10
    assert len(second.context["article_list"]) == 2
    assert 'rel="next"' in first.text
    assert client.get(reverse("blog:article_list") + "?page=9").status_code == 404
