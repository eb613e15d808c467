"""Every blog page runs the same number of queries whatever the number of articles, tags and categories."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    ReferenceFactory,
    TagFactory,
    TreatmentFactory,
)
from tests.query_counts import VERSIONS_READ

pytestmark = pytest.mark.django_db

MONTH = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)

# Counted on a first view, with nothing cached: every HTML page then also reads the site's
# header and footer data (the clinic profile, its opening hours and the footer pages, 3
# queries), which later views take from the cache.
EXPECTED_QUERIES = {
    # count, the page's keys, those articles (authors joined), topics, archive months + 3
    "article list": 8 + VERSIONS_READ,
    "category": 9 + VERSIONS_READ,  # the category + as the list
    "tag": 9 + VERSIONS_READ,  # the tag + as the list
    # MonthArchiveView: is the month empty, its days, the earlier and later months with
    # articles; then count, keys, articles, topics, archive months + 3
    "monthly archive": 12 + VERSIONS_READ,
    # the article, its categories, tags, references and related treatments; its comments
    # (one query, threaded in Python); related, previous, next + 3
    "article": 12 + VERSIONS_READ,
    # the clinic, the articles, their categories
    "rss feed": 3 + VERSIONS_READ,
    "atom feed": 3 + VERSIONS_READ,
}


def build_blog(size):
    """``size`` articles in one month, each with ``size`` tags, categories and references, all shared."""
    categories = CategoryFactory.create_batch(size)
    tags = TagFactory.create_batch(size)
    articles = [
        ArticleFactory(published_at=MONTH + timedelta(days=number), categories=categories, tags=tags)
        for number in range(size)
    ]
    treatments = TreatmentFactory.create_batch(size)
    for article in articles:
        ReferenceFactory.create_batch(size, article=article)
        article.related_treatments.set(treatments)
    # Hidden articles must not change the count either.
    ArticleFactory(status="draft", published_at=None, categories=categories, tags=tags)
    return {
        "article list": reverse("blog:article_list"),
        "category": categories[0].get_absolute_url(),
        "tag": tags[0].get_absolute_url(),
        "monthly archive": reverse("blog:article_archive_month", kwargs={"year": "2025", "month": "06"}),
        "article": articles[1].get_absolute_url(),
        "rss feed": reverse("blog:feed_rss"),
        "atom feed": reverse("blog:feed_atom"),
    }


@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize("page_name", EXPECTED_QUERIES)
def test_blog_page_runs_constant_queries(client, clinic_profile, django_assert_num_queries, page_name, size):
    url = build_blog(size)[page_name]

    with django_assert_num_queries(EXPECTED_QUERIES[page_name]):
        response = client.get(url)

    assert response.status_code == 200


def add_comments(article, count):
    """``count`` approved comments on ``article``, every third a reply, so the thread nests."""
    parents = []
    for number in range(count):
        parent = parents[number % len(parents)] if parents and number % 3 == 2 else None
        comment = CommentFactory(
            article=article, parent=parent, body=f"Comment {number}.\nSee https://example.com/{number}"
        )
        if parent is None:
            parents.append(comment)


# An article page rendered afresh, with its parts cached: only the article itself is read.
# Comments, topics, references, related treatments, related and neighbouring articles and the
# site's header and footer come from the cache.
FRESH_ARTICLE_QUERIES = 1 + VERSIONS_READ


def busy_article(comments):
    build_blog(3)
    article = ArticleFactory(categories=CategoryFactory.create_batch(2), tags=TagFactory.create_batch(2))
    article.related_treatments.set(TreatmentFactory.create_batch(2))
    ReferenceFactory.create_batch(2, article=article)
    add_comments(article, comments)
    return article


@pytest.mark.parametrize("comments", [0, 50, 500])
def test_an_anonymous_readers_article_page_reads_only_the_versions_however_many_comments(
    client, clinic_profile, django_assert_num_queries, comments
):
    article = busy_article(comments)
    client.get(article.get_absolute_url())  # fills the cache

    with django_assert_num_queries(VERSIONS_READ):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count('<article id="comment-') == comments


@pytest.mark.parametrize("comments", [0, 50, 500])
def test_an_article_page_rendered_afresh_reads_only_the_article_however_many_comments(
    client, clinic_profile, django_assert_num_queries, comments
):
    article = busy_article(comments)
    client.get(article.get_absolute_url())  # fills the cache
    # A campaign tag in the address: the page is rendered again, from its cached parts.
    address = article.get_absolute_url() + "?utm_source=newsletter"

    with django_assert_num_queries(FRESH_ARTICLE_QUERIES):
        response = client.get(address)

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<article id="comment-') == comments
    assert page.count('class="card"') >= 2  # the related treatments, from the cache
