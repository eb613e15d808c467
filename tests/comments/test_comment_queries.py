"""The article page runs the same queries however many comments and replies it has."""

import pytest

from comments.models import Comment
from comments.services import build_thread
from tests.blog.test_queries import EXPECTED_QUERIES
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def add_comments(article, count):
    """``count`` approved comments, a third of them replies (some nested deeper than shown), plus hidden ones."""
    comments = []
    for number in range(count):
        parent = comments[number - 1] if number % 3 == 2 else None
        comments.append(
            CommentFactory(article=article, parent=parent, is_staff_reply=number % 6 == 5 and parent is not None)
        )
    CommentFactory(article=article, status="pending")
    CommentFactory(article=article, status="spam")


@pytest.mark.parametrize("count", [0, 10, 200])
def test_article_page_runs_constant_queries_with_comments(client, clinic_profile, django_assert_num_queries, count):
    article = ArticleFactory()
    add_comments(article, count)

    with django_assert_num_queries(EXPECTED_QUERIES["article"]):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response.context["comment_count"] == count


def test_article_list_counts_comments_without_a_query_per_article(client, clinic_profile, django_assert_num_queries):
    articles = ArticleFactory.create_batch(3)
    for article in articles:
        add_comments(article, 4)

    with django_assert_num_queries(EXPECTED_QUERIES["article list"]):
        response = client.get("/blog/")

    assert "4 comments" in response.content.decode()


def test_thread_is_nested_at_most_three_levels():

    article = ArticleFactory()
    top = CommentFactory(article=article)
    second = CommentFactory(article=article, parent=top)
    third = CommentFactory(article=article, parent=second)
    fourth = CommentFactory(article=article, parent=third)
    roots = build_thread(list(Comment.objects.for_thread(article)))
    assert [comment.pk for comment in roots] == [top.pk]
    assert [reply.pk for reply in roots[0].thread_replies] == [second.pk]
    shown_second = roots[0].thread_replies[0]
    # The fourth level is shown at the third, after the comment it answers.
    assert [reply.pk for reply in shown_second.thread_replies] == [third.pk, fourth.pk]
    assert [reply.depth for reply in shown_second.thread_replies] == [3, 3]
