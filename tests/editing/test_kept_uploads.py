import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from blog.models import Article
from clinic.models import Practitioner
from tests.factories import PractitionerFactory, image_upload

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="cover__kept" value="([^"]+)"')


def article_post(**overrides):
    data = {
        "title": "Winter skin",
        "slug": "winter-skin",
        "excerpt": "Dry air, cold wind.",
        "body": "<p>Cold air holds less water.</p>",
        "cover_alt": "Frost on a window",
        "author": PractitionerFactory().pk,
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_cover_is_kept_when_the_form_comes_back_and_saved_when_valid(admin_client):
    url = reverse("admin:blog_article_add")
    first = admin_client.post(url, article_post(excerpt="", cover=image_upload("winter.png", image_format="PNG")))

    assert first.status_code == 200
    assert "This field is required" in first.text
    assert "Kept: winter.png" in first.text
    assert "Remove" in first.text
    token = TOKEN_RE.search(first.text).group(1)
    assert not Article.objects.exists()

    second = admin_client.post(url, article_post(cover__kept=token))

    assert second.status_code == 302
    article = Article.objects.get()
    assert article.cover.name.startswith("blog/covers/")
    assert article.cover_width == 640
    assert default_storage.exists(article.cover.name)
    assert not default_storage.listdir("tmp/kept-uploads")[1]


def test_kept_cover_survives_two_errors_in_a_row(admin_client):
    url = reverse("admin:blog_article_add")
    first = admin_client.post(url, article_post(excerpt="", cover=image_upload("a.png", image_format="PNG")))
    token = TOKEN_RE.search(first.text).group(1)
    second = admin_client.post(url, article_post(title="", cover__kept=token))

    assert "Kept: a.png" in second.text
    assert admin_client.post(url, article_post(cover__kept=token)).status_code == 302
    assert Article.objects.get().cover


def test_removing_a_kept_cover_saves_without_it(admin_client):
    url = reverse("admin:blog_article_add")
    first = admin_client.post(url, article_post(excerpt="", cover=image_upload("a.png", image_format="PNG")))
    token = TOKEN_RE.search(first.text).group(1)

    response = admin_client.post(url, article_post(cover__kept=token, cover__kept_remove="on"))

    assert response.status_code == 302
    assert not Article.objects.get().cover


def test_a_forged_token_is_ignored(admin_client):
    url = reverse("admin:blog_article_add")
    response = admin_client.post(url, article_post(cover__kept="tmp/kept-uploads/../../settings.py"))

    assert response.status_code == 302
    assert not Article.objects.get().cover


def test_practitioner_photo_is_kept_across_an_error(admin_client):
    url = reverse("admin:clinic_practitioner_add")
    data = {
        "name": "Dr Ann Lee",
        "slug": "ann-lee",
        "role": "Doctor",
        "regulator": "GMC",
        "registration_number": "123",
        "order": "0",
    }
    first = admin_client.post(url, {**data, "name": "", "photo": image_upload("ann.jpg")})

    assert first.status_code == 200
    token = re.search(r'name="photo__kept" value="([^"]+)"', first.text).group(1)
    response = admin_client.post(url, {**data, "photo__kept": token})

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Practitioner.objects.get().photo
