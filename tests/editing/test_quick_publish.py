import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blog.models import Article
from clinic.public_names import public_name_for, signature_for
from tests.factories import PractitionerFactory, TreatmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def article_data(author, **overrides):
    data = {
        "title": "Quick one",
        "slug": "quick-one",
        "excerpt": "Short.",
        "body": "<p>Body.</p>",
        "author": author.pk,
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_save_and_publish_publishes_in_one_click(admin_client):
    response = admin_client.post(reverse("admin:blog_article_add"), article_data(PractitionerFactory(), _publish="1"))

    assert response.status_code == 302
    assert Article.objects.get().is_public


def test_save_and_publish_still_stops_at_advertising_rules_blocks(admin_client):
    # "Botox" is a high-severity term from the advertising-rules data migration.
    response = admin_client.post(
        reverse("admin:blog_article_add"), article_data(PractitionerFactory(), body="<p>Botox here.</p>", _publish="1")
    )

    assert response.status_code == 200
    assert "Not published" in response.text
    assert not Article.objects.exists()


def test_save_and_publish_button_is_offered_for_an_unpublished_treatment_only(admin_client):
    draft = TreatmentFactory(is_published=False)
    public = TreatmentFactory(is_published=True)

    assert 'name="_publish"' in admin_client.get(reverse("admin:treatments_treatment_change", args=[draft.pk])).text
    assert (
        'name="_publish"' not in admin_client.get(reverse("admin:treatments_treatment_change", args=[public.pk])).text
    )


def test_new_article_names_the_editors_own_practitioner_as_author(client):
    editor = UserFactory(is_staff=True, is_superuser=True)
    practitioner = PractitionerFactory(user=editor, name="Dr Niamh Fraser")
    client.force_login(editor)

    response = client.get(reverse("admin:blog_article_add"))

    assert f'<option value="{practitioner.pk}" selected>Dr Niamh Fraser</option>' in response.text


def test_public_name_is_the_practitioners_never_the_login():
    user = UserFactory(username="admin", first_name="Site", last_name="Admin")
    assert public_name_for(user) == ""
    PractitionerFactory(user=user, name="Dr Niamh Fraser")
    user.refresh_from_db()
    assert public_name_for(user) == "Dr Niamh Fraser"
    user.practitioner.is_active = False
    assert public_name_for(user) == ""


def test_an_account_without_a_public_name_cannot_sign_a_reply():
    user = UserFactory(username="admin")
    with pytest.raises(ValidationError, match="your staff account has none"):
        signature_for(user)
    PractitionerFactory(user=user, name="Dr Niamh Fraser")
    user.refresh_from_db()
    assert signature_for(user) == "Dr Niamh Fraser"
