from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_can_preview_draft_under_a_banner(client, editor):
    article = ArticleFactory(title="Work in progress", status="draft", published_at=None)
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Work in progress" in response.text
    assert '<div class="preview-banner wrap" role="status">' in response.text
    assert "<strong>Draft</strong>" in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    assert "no-store" in response["Cache-Control"]


def test_staff_can_preview_scheduled_article(client, editor):
    article = ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "<strong>Scheduled</strong>" in response.text
    assert '<meta name="robots" content="noindex">' in response.text


def test_public_article_has_no_banner_and_is_indexable(client, editor):
    article = ArticleFactory()
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assert "preview-banner" not in response.text
    assert 'name="robots"' not in response.text


def test_staff_without_view_permission_get_404_for_drafts(client):
    article = ArticleFactory(status="draft", published_at=None)
    client.force_login(UserFactory(is_staff=True))

    assert client.get(article.get_absolute_url()).status_code == 404


def test_logged_in_non_staff_get_404_for_drafts(client):
    article = ArticleFactory(status="draft", published_at=None)
    user = UserFactory(is_staff=False, is_superuser=True)
    client.force_login(user)

    assert client.get(article.get_absolute_url()).status_code == 404


def test_drafts_stay_out_of_listings_even_for_staff(client, editor):
    ArticleFactory(title="Unfinished draft", status="draft", published_at=None)
    client.force_login(editor)

    assert "Unfinished draft" not in client.get("/blog/").text
