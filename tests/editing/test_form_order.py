import pytest
from django.urls import reverse

from tests.factories import TreatmentFactory

pytestmark = pytest.mark.django_db


def test_article_form_marks_required_fields_before_any_error(admin_client):
    response = admin_client.get(reverse("admin:blog_article_add"))

    text = response.text
    assert '<label class="required" for="id_excerpt">' in text
    assert '<label class="required" for="id_author">' in text
    assert "css/admin_editing.css" in text  # draws "(required)" after those labels


def test_title_and_body_come_first_and_publishing_is_one_box(admin_client):
    text = admin_client.get(reverse("admin:blog_article_add")).text

    title, body = text.index('name="title"'), text.index('name="body"')
    publishing = text.index(">Publishing</h2>")
    status, when, anyway = (
        text.index('name="status"'),
        text.index('name="published_at_0"'),
        text.index("publish_anyway"),
    )
    assert title < body < publishing < status < when < anyway
    assert "Advertising rules</h2>" not in text


def test_treatment_form_jumps_to_faqs_and_folds_the_long_sections(admin_client):
    treatment = TreatmentFactory()

    text = admin_client.get(reverse("admin:treatments_treatment_change", args=[treatment.pk])).text

    nav = text[text.index('class="form-jump"') : text.index("</nav>", text.index('class="form-jump"'))]
    assert 'href="#faqs-group">FAQs</a>' in nav
    assert ">Sections</a>" in nav
    assert '<fieldset class="module aligned collapse"' in text
