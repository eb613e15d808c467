from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from tests.factories import ArticleFactory, PractitionerFactory, ReferenceFactory, image_upload

pytestmark = pytest.mark.django_db


def test_article_changelist_and_add_page_load(admin_client):
    ArticleFactory.create_batch(3)

    assert admin_client.get(reverse("admin:blog_article_changelist")).status_code == 200
    add = admin_client.get(reverse("admin:blog_article_add"))
    assert add.status_code == 200
    assert "ckeditor" in add.text
    assert "prepopulated_fields" in add.text or "data-prepopulated-fields" in add.text


def test_article_changelist_runs_constant_queries(admin_client):
    ArticleFactory.create_batch(2)
    url = reverse("admin:blog_article_changelist")

    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    ArticleFactory.create_batch(15)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)

    assert len(few) == len(many)


def test_publish_action_publishes_drafts_and_says_so(admin_client):
    drafts = ArticleFactory.create_batch(2, status="draft", published_at=None)

    response = admin_client.post(
        reverse("admin:blog_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk for draft in drafts]},
        follow=True,
    )

    assert Article.objects.published().count() == 2
    assert "Published 2 articles." in [str(message) for message in get_messages(response.wsgi_request)]


def test_unpublish_action_returns_articles_to_draft_and_says_so(admin_client):
    article = ArticleFactory()

    response = admin_client.post(
        reverse("admin:blog_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
        follow=True,
    )

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert "Returned 1 article to draft" in response.text
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_publish_action_on_published_articles_warns_nothing_changed(admin_client):
    article = ArticleFactory()

    response = admin_client.post(
        reverse("admin:blog_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
        follow=True,
    )

    assert "already published" in response.text


def test_editor_writes_and_publishes_an_article_through_the_admin_form(admin_client):
    author = PractitionerFactory()

    response = admin_client.post(
        reverse("admin:blog_article_add"),
        {
            "title": "Winter skin",
            "slug": "winter-skin",
            "excerpt": "Dry air, cold wind.",
            "body": "<h2>Why skin dries</h2><p>Cold air holds less water.</p><script>alert(1)</script>",
            "cover": image_upload("winter.png", image_format="PNG"),
            "cover_alt": "Frost on a window",
            "author": author.pk,
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "is_commenting_open": "on",
            "references-TOTAL_FORMS": "1",
            "references-INITIAL_FORMS": "0",
            "references-0-citation": "A source, 2024.",
            "references-0-url": "https://example.org/",
            "references-0-order": "0",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="winter-skin")
    assert article.is_public
    assert "script" not in article.body
    assert article.references.count() == 1
    page = Client().get(article.get_absolute_url())
    assert page.status_code == 200
    assert 'href="#section-why-skin-dries"' in page.text
    assert "A source, 2024." in page.text


def test_admin_form_requires_a_cover_description(admin_client):
    response = admin_client.post(
        reverse("admin:blog_article_add"),
        {
            "title": "No alt",
            "slug": "no-alt",
            "excerpt": "x",
            "body": "<p>x</p>",
            "cover": image_upload(),
            "cover_alt": "",
            "author": PractitionerFactory().pk,
            "status": "draft",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Describe the cover image" in response.text
    assert not Article.objects.exists()


def test_view_on_site_opens_the_preview_of_a_draft(admin_client):
    draft = ArticleFactory(status="draft", published_at=None)

    view_on_site = reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Article).pk, draft.pk])

    assert view_on_site in admin_client.get(reverse("admin:blog_article_change", args=[draft.pk])).text
    response = admin_client.get(view_on_site, follow=True)

    assert response.status_code == 200
    assert "<strong>Draft</strong>" in response.text


def test_change_page_previews_the_cover(admin_client):
    article = ArticleFactory(cover=image_upload(), cover_alt="A cover")
    ReferenceFactory(article=article, citation="Cited work")

    response = admin_client.get(reverse("admin:blog_article_change", args=[article.pk]))

    assert f'src="{article.cover.url}"' in response.text
    assert "Cited work" in response.text


def test_changelist_shows_scheduled_state(admin_client):
    ArticleFactory(published_at=timezone.now() + timedelta(days=1))

    response = admin_client.get(reverse("admin:blog_article_changelist"))

    assert "Scheduled" in response.text


def test_editors_group_may_manage_articles():
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "view_article", "add_reference", "change_tag"} <= codenames
    moderators = Group.objects.get(name="Moderators").permissions
    # Moderators handle comments only: no article, category, tag or reference rights.
    assert not moderators.filter(content_type__app_label="blog").exists()
    moderator_codenames = moderators.filter(content_type__app_label="comments")
    assert set(moderator_codenames.values_list("codename", flat=True)) == {
        "add_comment",
        "change_comment",
        "view_comment",
    }
