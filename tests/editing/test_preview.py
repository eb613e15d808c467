import pytest
from django.test import Client
from django.urls import reverse

from blog.models import Article
from clinic.models import Page
from tests.factories import PageFactory, PractitionerFactory, TreatmentFactory

pytestmark = pytest.mark.django_db


def article_data(**overrides):
    data = {
        "title": "Never saved",
        "slug": "never-saved",
        "excerpt": "An excerpt nobody has saved.",
        "body": "<h2>First part</h2><p>Words of the body.</p>",
        "author": PractitionerFactory(name="Dr Ada Byline").pk,
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_add_form_offers_a_preview_button(admin_client):
    response = admin_client.get(reverse("admin:blog_article_add"))

    assert f'formaction="{reverse("admin:blog_article_preview")}"' in response.text


def test_article_preview_before_the_first_save_uses_the_public_page_and_saves_nothing(
    admin_client, clinic_profile, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60):
        response = admin_client.post(reverse("admin:blog_article_preview"), article_data(status="published"))

    assert response.status_code == 200
    text = response.text
    assert "<h1>Never saved</h1>" in text or ">Never saved</h1>" in text
    assert 'id="section-first-part"' in text  # the public template's table of contents
    assert "Dr Ada Byline" in text
    assert "<strong>Preview</strong>" in text
    assert '<meta name="robots" content="noindex">' in text
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert not Article.objects.exists()


def test_preview_of_a_change_shows_the_new_wording_and_keeps_the_stored_one(admin_client, clinic_profile):
    page = PageFactory(title="Privacy notice", slug="privacy", body="<p>Old wording.</p>")
    url = reverse("admin:clinic_page_object_preview", args=[page.pk])

    response = admin_client.post(
        url, {"title": "Privacy notice", "slug": "privacy", "body": "<p>New wording.</p>", "is_published": "on"}
    )

    assert response.status_code == 200
    assert "New wording." in response.text
    assert Page.objects.get().body == "<p>Old wording.</p>"


def test_preview_with_missing_fields_says_what_to_fill_in(admin_client):
    response = admin_client.post(reverse("admin:blog_article_preview"), article_data(title=""))

    assert response.status_code == 400
    assert "This field is required" in response.text
    assert not Article.objects.exists()


def test_preview_is_for_staff_only_and_by_post(admin_client):
    url = reverse("admin:blog_article_preview")

    anonymous = Client().post(url, article_data(), follow=True)
    assert "Never saved" not in anonymous.text
    assert 'name="password"' in anonymous.text  # the log-in form instead
    assert admin_client.get(url).status_code == 405
    assert not Article.objects.exists()


def test_view_on_site_shows_an_unpublished_treatment_to_staff_only(admin_client, clinic_profile):
    treatment = TreatmentFactory(is_published=False, name="Not yet public")

    staff = admin_client.get(treatment.get_absolute_url())
    visitor = Client().get(treatment.get_absolute_url())

    assert staff.status_code == 200
    assert "Not yet public" in staff.text
    assert '<meta name="robots" content="noindex">' in staff.text
    assert "no-store" in staff["Cache-Control"]
    assert visitor.status_code == 404


def test_treatment_page_does_not_link_to_an_inactive_reviewer(client, clinic_profile):
    from datetime import date

    reviewer = PractitionerFactory(name="Dr Left Clinic", is_active=False)
    treatment = TreatmentFactory(medical_reviewer=reviewer, reviewed_on=date(2026, 1, 5))

    response = client.get(treatment.get_absolute_url())

    assert "Dr Left Clinic" in response.text
    assert f'href="{reviewer.get_absolute_url()}"' not in response.text
