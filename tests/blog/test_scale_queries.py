"""Lists, the sitemap, feeds and a busy article run the same queries at any volume.

Each page is counted at a small blog, then again after eight times the articles (spread
over many months, with comments and a last page further away) and a hundred more comments.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Article
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, TagFactory

pytestmark = pytest.mark.django_db

START = datetime(2024, 1, 15, 9, 0, tzinfo=UTC)


def add_articles(count, offset, category, tag):
    """``count`` articles a fortnight apart (several per month), each in ``category`` and ``tag`` with two comments."""
    articles = []
    for number in range(offset, offset + count):
        article = ArticleFactory(published_at=START + timedelta(days=14 * number), categories=[category], tags=[tag])
        CommentFactory.create_batch(2, article=article)
        articles.append(article)
    return articles


def queries(client, path):
    client.get(path)  # anything a worker computes once is not what each visitor costs
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def pages(busy):
    last_page = (Article.objects.published().count() + 9) // 10
    return {
        "home": "/",
        "article list": reverse("blog:article_list"),
        "article list, last page": f"{reverse('blog:article_list')}?page={last_page}",
        "category": busy.categories.get().get_absolute_url(),
        "tag": busy.tags.get().get_absolute_url(),
        "month": reverse("blog:article_archive_month", kwargs={"year": "2024", "month": "02"}),
        "sitemap index": reverse("sitemap"),
        "sitemap page": "/sitemap-articles.xml",
        "rss": reverse("blog:feed_rss"),
        "atom": reverse("blog:feed_atom"),
        "article with many comments": busy.get_absolute_url(),
        "search": "/search/?q=skin",
    }


def test_page_queries_do_not_grow_with_articles_and_comments(client, clinic_profile):
    category, tag = CategoryFactory(), TagFactory()
    busy = add_articles(5, 0, category, tag)[0]
    small = {name: queries(client, path) for name, path in pages(busy).items()}

    add_articles(35, 5, category, tag)
    CommentFactory.create_batch(100, article=busy)
    large = {name: queries(client, path) for name, path in pages(busy).items()}

    assert large == small


def test_last_page_lists_the_oldest_articles_with_their_comment_counts(client, clinic_profile):
    category, tag = CategoryFactory(), TagFactory()
    articles = add_articles(23, 0, category, tag)
    CommentFactory(article=articles[0], status="pending")

    response = client.get(reverse("blog:article_list") + "?page=3")

    listed = list(response.context["page_obj"].object_list)
    assert [article.pk for article in listed] == [article.pk for article in reversed(articles[:3])]
    assert [article.comment_count for article in listed] == [2, 2, 2]
    assert response.context["page_obj"].paginator.num_pages == 3


def test_archive_months_match_the_public_articles_in_local_time():
    ArticleFactory(published_at=datetime(2025, 6, 30, 23, 30, tzinfo=UTC))  # 00:30 on 1 July in London
    ArticleFactory(published_at=datetime(2025, 3, 2, 10, 0, tzinfo=UTC))
    ArticleFactory(published_at=datetime(2025, 3, 20, 10, 0, tzinfo=UTC))
    ArticleFactory(published_at=datetime(2023, 11, 5, 10, 0, tzinfo=UTC))
    ArticleFactory(status="draft", published_at=datetime(2024, 5, 5, 10, 0, tzinfo=UTC))
    ArticleFactory(published_at=datetime(2099, 1, 1, tzinfo=UTC))  # scheduled

    months = Article.objects.archive_months()

    assert [f"{month:%Y-%m %H:%M}" for month in months] == ["2025-07 00:00", "2025-03 00:00", "2023-11 00:00"]
    assert months == list(Article.objects.published().datetimes("published_at", "month", order="DESC"))


def test_archive_navigation_is_kept_until_an_article_changes(client):
    ArticleFactory(published_at=datetime(2025, 6, 10, 9, 0, tzinfo=UTC))
    client.get(reverse("blog:article_list"))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("blog:article_list"))
    assert "June 2025" in response.content.decode()
    assert not [query for query in queries if "RECURSIVE" in query["sql"]]

    ArticleFactory(published_at=datetime(2024, 3, 10, 9, 0, tzinfo=UTC))
    page = client.get(reverse("blog:article_list")).content.decode()
    assert "March 2024" in page
    assert "June 2025" in page
