"""Every blog page runs the same number of queries whatever the number of articles, tags and categories."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, CategoryFactory, ReferenceFactory, TagFactory, TreatmentFactory

pytestmark = pytest.mark.django_db

MONTH = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)

# Every HTML page also runs the 3 queries of the site's footer: the clinic profile, its
# opening hours and the footer pages.
EXPECTED_QUERIES = {
    # count, the page's keys, those articles (authors joined), topics, archive months + 3
    "article list": 8,
    "category": 9,  # the category + as the list
    "tag": 9,  # the tag + as the list
    # MonthArchiveView: is the month empty, its days, the earlier and later months with
    # articles; then count, keys, articles, topics, archive months + 3
    "monthly archive": 12,
    # the article, its categories, tags, references and related treatments; its comments
    # (one query, threaded in Python); related, previous, next + 3
    "article": 12,
    # the clinic, the articles, their categories
    "rss feed": 3,
    "atom feed": 3,
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
