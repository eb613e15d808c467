"""The article page keeps its rendered comments in the cache; every change shows on the next view."""

import pytest
from django.utils.html import escape

from blog.views import OWN_COMMENTS_SESSION_KEY
from clinic.models import OpeningHours
from comments.models import Comment
from comments.services import approve_comments, set_comment_status
from tests.factories import ArticleFactory, CommentFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(clinic_profile):
    return ArticleFactory()


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_approving_a_comment_shows_it_on_the_next_view(client, article):
    comment = CommentFactory(article=article, status="pending", body="Waiting for a moderator.")
    assert "Waiting for a moderator." not in page(client, article)

    approve_comments(Comment.objects.filter(pk=comment.pk))

    html = page(client, article)
    assert "Waiting for a moderator." in html
    assert "1 comment" in html


def test_editing_a_comment_shows_the_new_text_on_the_next_view(client, article):
    comment = CommentFactory(article=article, body="My phone number is in here.")
    assert "My phone number" in page(client, article)

    comment.body = "Edited by the clinic."
    comment.save()

    html = page(client, article)
    assert "Edited by the clinic." in html
    assert "My phone number" not in html


def test_removing_a_comment_hides_it_on_the_next_view(client, article):
    comment = CommentFactory(article=article, body="Buy cheap pills.")
    CommentFactory(article=article, body="A real question.")
    assert "Buy cheap pills." in page(client, article)

    set_comment_status(Comment.objects.filter(pk=comment.pk), Comment.Status.REMOVED)

    html = page(client, article)
    assert "Buy cheap pills." not in html
    assert "A real question." in html
    assert "1 comment" in html


def test_deleting_a_comment_hides_it_on_the_next_view(client, article):
    comment = CommentFactory(article=article, body="Posted twice.")
    assert "Posted twice." in page(client, article)

    comment.delete()

    assert "Posted twice." not in page(client, article)


def test_erasing_a_commenter_shows_on_the_next_view(client, article):
    erased = CommentFactory(article=article, author_name="Ailsa Erased", author_email="ailsa@example.com")
    CommentFactory(article=article, parent=erased, author_name="Someone Replying")
    assert "Ailsa Erased" in page(client, article)

    Comment.objects.by_email("ailsa@example.com").erase()

    html = page(client, article)
    assert "Ailsa Erased" not in html
    assert escape(Comment.ERASED_TEXT) in html
    assert "Someone Replying" in html


def test_editing_the_article_body_shows_on_the_next_view(client, article):
    assert "First section" in page(client, article)

    article.body = "<h2>A rewritten section</h2><p>New words.</p>"
    article.save()

    html = page(client, article)
    assert "A rewritten section" in html
    assert "First section" not in html


def test_own_pending_comment_shows_only_to_its_author_while_the_thread_is_cached(client, article):
    CommentFactory(article=article, body="Approved earlier.")
    pending = CommentFactory(article=article, status="pending", body="My own question.")
    page(client, article)  # fills the cache for everyone

    session = client.session
    session[OWN_COMMENTS_SESSION_KEY] = [pending.pk]
    session.save()
    author_html = page(client, article)
    client.cookies.clear()
    visitor_html = page(client, article)

    assert "My own question." in author_html
    assert "Awaiting moderation" in author_html
    assert "Approved earlier." in author_html
    assert "My own question." not in visitor_html
    assert "Approved earlier." in visitor_html


def test_reply_link_names_the_comment_answered_from_the_cached_thread(client, article):
    comment = CommentFactory(article=article, author_name="Morag Asks")
    page(client, article)

    response = client.get(f"{article.get_absolute_url()}?reply_to={comment.pk}")

    assert "Reply to Morag Asks" in response.content.decode()
    assert response.context["comment_form"].initial["parent"] == comment.pk


def test_changing_the_clinic_profile_or_footer_shows_on_the_next_view(client, article, clinic_profile):
    assert "Test Skin Clinic" in page(client, article)

    clinic_profile.name = "Renamed Skin Clinic"
    clinic_profile.save()
    OpeningHours.objects.create(clinic=clinic_profile, weekday=3, opens_at="09:30", closes_at="17:00")
    PageFactory(title="Our prices", slug="prices", show_in_footer=True)

    html = page(client, article)
    assert "Renamed Skin Clinic" in html
    assert "Test Skin Clinic" not in html
    assert "09:30" in html
    assert "Our prices" in html
