"""An anonymous reader's article page is kept whole (clinic/page_cache.py): every change it shows still shows at once."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from clinic.models import ClinicProfile
from comments.models import Comment
from tests.caches import cached_keys
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    PractitionerFactory,
    TreatmentFactory,
    comment_post_data,
)
from tests.query_counts import VERSIONS_READ

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


@pytest.fixture
def treatment(db):
    return TreatmentFactory(name="Skin booster", price_from=Decimal("300"))


@pytest.fixture
def article(db, treatment):
    article = ArticleFactory(title="Caring for skin after a peel", author=PractitionerFactory(name="Dr Ailsa Reid"))
    article.related_treatments.set([treatment])
    return article


def page(visitor, article):
    response = visitor.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_second_anonymous_view_is_the_kept_page(reader, article, django_assert_num_queries):
    first = page(reader, article)

    with django_assert_num_queries(VERSIONS_READ):
        second = page(reader, article)

    assert second == first
    assert len(cached_keys("page")) == 1


def test_an_approved_comment_shows_at_once(reader, admin_client, article):
    comment = CommentFactory(article=article, status="pending", body="Does it sting afterwards?")
    assert "Does it sting afterwards?" not in page(reader, article)

    admin_client.post(
        reverse("admin:comments_comment_changelist"), {"action": "approve", "_selected_action": [comment.pk]}
    )

    assert Comment.objects.get(pk=comment.pk).status == "approved"
    assert "Does it sting afterwards?" in page(reader, article)


def test_a_removed_comment_goes_at_once(reader, admin_client, article):
    comment = CommentFactory(article=article, body="Buy cheap creams at example dot com")
    assert "Buy cheap creams" in page(reader, article)

    admin_client.post(
        reverse("admin:comments_comment_changelist") + "?status=approved",
        {"action": "mark_spam", "_selected_action": [comment.pk]},
    )

    assert Comment.objects.get(pk=comment.pk).status == "spam"
    assert "Buy cheap creams" not in page(reader, article)


def test_an_edited_article_shows_at_once(reader, article):
    page(reader, article)

    article.title = "Caring for skin after a chemical peel"
    article.save()

    assert "Caring for skin after a chemical peel" in page(reader, article)


def test_an_unpublished_article_is_gone_at_once(reader, admin_client, article):
    page(reader, article)

    admin_client.post(
        reverse("admin:blog_article_changelist"), {"action": "unpublish", "_selected_action": [article.pk]}
    )

    assert reader.get(article.get_absolute_url()).status_code == 404


def test_a_renamed_author_shows_at_once(reader, article):
    page(reader, article)

    article.author.name = "Dr Ailsa Reid-Murray"
    article.author.save()

    assert "Dr Ailsa Reid-Murray" in page(reader, article)


def test_a_new_treatment_price_shows_at_once(reader, article, treatment):
    assert "£300" in page(reader, article)

    treatment.price_from = Decimal("325")
    treatment.save()

    shown = page(reader, article)
    assert "£325" in shown
    assert "£300" not in shown


def test_a_treatment_unpublished_in_bulk_leaves_the_article_at_once(reader, admin_client, article, treatment):
    assert "Skin booster" in page(reader, article)

    admin_client.post(
        reverse("admin:treatments_treatment_changelist"), {"action": "unpublish", "_selected_action": [treatment.pk]}
    )

    assert "Skin booster" not in page(reader, article)


def test_a_treatment_linked_to_the_article_shows_at_once(reader, article):
    page(reader, article)

    article.related_treatments.add(TreatmentFactory(name="Polynucleotides"))

    assert "Polynucleotides" in page(reader, article)


def test_the_clinics_new_name_shows_at_once(reader, article):
    page(reader, article)

    profile = ClinicProfile.load()
    profile.name = "Kelvin Skin Clinic"
    profile.save()

    assert "Kelvin Skin Clinic" in page(reader, article)


def test_a_commenter_sees_their_own_pending_comment_not_the_kept_page(reader, article):
    page(reader, article)
    commenter = Client()

    response = commenter.post(article.get_absolute_url(), comment_post_data(body="Is it safe in summer?"), follow=True)

    assert "Is it safe in summer?" in response.content.decode()
    assert "Is it safe in summer?" in page(commenter, article)  # their session: rendered for them
    assert "Is it safe in summer?" not in page(reader, article)  # anyone else: not yet


def test_staff_reading_the_article_get_it_rendered_for_them(
    reader, admin_client, article, django_assert_max_num_queries
):
    page(reader, article)

    with django_assert_max_num_queries(10) as queries:
        page(admin_client, article)

    assert len(queries) > 0  # their session and their own account were read: not the kept page
    assert len(cached_keys("page")) == 1


def test_a_reply_link_is_rendered_for_the_reader_and_not_kept(reader, article):
    comment = CommentFactory(article=article, author_name="Morag")
    page(reader, article)

    response = reader.get(article.get_absolute_url(), {"reply_to": comment.pk})

    assert "Replying to the comment by Morag" in response.content.decode()
    assert "Replying to the comment by Morag" not in page(reader, article)
    assert len(cached_keys("page")) == 1


def test_a_missing_article_is_not_kept(reader):
    assert reader.get("/blog/not-written-yet/").status_code == 404
    assert cached_keys("page") == []


def test_a_draft_preview_is_never_kept(admin_client):
    draft = ArticleFactory(status="draft", published_at=None)

    assert admin_client.get(draft.get_absolute_url()).status_code == 200
    assert cached_keys("page") == []
