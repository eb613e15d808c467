import re

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from blog.models import Article
from tests.factories import FAQFactory, PractitionerFactory, TreatmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def article_data(author, **overrides):
    data = {
        "title": "Winter skin",
        "slug": "winter-skin",
        "excerpt": "Dry air, cold wind.",
        "body": "<p>Cold air holds less water.</p>",
        "author": author.pk,
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def edited_article(admin_client):
    author = PractitionerFactory()
    admin_client.post(reverse("admin:blog_article_add"), article_data(author))
    article = Article.objects.get()
    change = reverse("admin:blog_article_change", args=[article.pk])
    response = admin_client.post(
        change,
        article_data(
            author, title="Skin in winter", body="<p>Cold air holds very little water.</p>", status="published"
        ),
    )
    assert response.status_code == 302
    return Article.objects.get()


def test_history_lists_who_saved_each_version(admin_client, edited_article):
    response = admin_client.get(reverse("admin:blog_article_history", args=[edited_article.pk]))

    assert response.status_code == 200
    assert response.text.count(">What changed</a>") == 2
    assert response.text.count(">Restore</button>") == 1  # the current version needs no restoring
    assert "admin" in response.text


def test_changes_view_shows_each_changed_field_as_readable_words(admin_client, edited_article):
    latest = Version.objects.get_for_object(edited_article).first()

    response = admin_client.get(reverse("admin:blog_article_version_changes", args=[edited_article.pk, latest.pk]))

    assert response.status_code == 200
    text = response.text
    assert "<del>Winter</del><ins>Skin</ins> <del>skin</del><ins>in winter</ins>" in text
    assert "<del></del>" not in text
    assert "Cold air holds <del>less</del><ins>very little</ins> water." in text
    assert "&lt;p&gt;" not in text  # rich text is compared as words, not tags
    assert "Status" in text


def test_restore_is_two_clicks_and_keeps_the_article_published(admin_client, edited_article):
    change_page = admin_client.get(reverse("admin:blog_article_change", args=[edited_article.pk]))
    history_url = reverse("admin:blog_article_history", args=[edited_article.pk])
    assert f'href="{history_url}"' in change_page.text  # click 1: History
    history = admin_client.get(history_url)
    restore_url = re.search(r'action="([^"]+/restore/)"', history.text).group(1)

    response = admin_client.post(restore_url, follow=True)  # click 2: Restore

    article = Article.objects.get()
    assert article.title == "Winter skin"
    assert article.body == "<p>Cold air holds less water.</p>"
    assert article.status == "published"
    assert article.published_at == edited_article.published_at
    assert "Whether it is on the site has not changed" in response.text
    assert Version.objects.get_for_object(article).count() == 3


def test_restoring_a_published_version_does_not_publish_a_draft(admin_client):
    author = PractitionerFactory()
    admin_client.post(reverse("admin:blog_article_add"), article_data(author, status="published"))
    article = Article.objects.get()
    admin_client.post(
        reverse("admin:blog_article_change", args=[article.pk]),
        article_data(author, title="Withdrawn", status="draft"),
    )
    first = Version.objects.get_for_object(article).last()

    admin_client.post(reverse("admin:blog_article_restore", args=[article.pk, first.pk]))

    article.refresh_from_db()
    assert article.title == "Winter skin"
    assert article.status == "draft"
    assert not article.is_public


def test_restore_needs_a_post_and_change_permission(client, edited_article):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(
        *__import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects.filter(
            codename="view_article"
        )
    )
    client.force_login(viewer)
    first = Version.objects.get_for_object(edited_article).last()
    url = reverse("admin:blog_article_restore", args=[edited_article.pk, first.pk])

    assert client.post(url).status_code == 403
    assert Article.objects.get().title == "Skin in winter"


def test_restoring_a_treatment_brings_its_faqs_back(admin_client):
    with reversion.create_revision():
        treatment = TreatmentFactory(is_published=False, overview="<p>First wording.</p>")
        FAQFactory(treatment=treatment, question="Does it hurt?")
        reversion.add_to_revision(treatment)
    with reversion.create_revision():
        treatment.faqs.all().delete()
        treatment.overview = "<p>Second wording.</p>"
        treatment.save()
    first = Version.objects.get_for_object(treatment).last()
    latest = Version.objects.get_for_object(treatment).first()

    changes = admin_client.get(reverse("admin:treatments_treatment_version_changes", args=[treatment.pk, latest.pk]))
    assert "FAQ removed" in changes.text
    admin_client.post(reverse("admin:treatments_treatment_restore", args=[treatment.pk, first.pk]))

    treatment.refresh_from_db()
    assert treatment.overview == "<p>First wording.</p>"
    assert [faq.question for faq in treatment.faqs.all()] == ["Does it hurt?"]
    assert treatment.is_published is False
