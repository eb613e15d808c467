"""The consultation form: what a patient sees for good and bad input, and what is stored."""

import pytest
from django.urls import reverse

from clinic.models import Enquiry
from tests.factories import TreatmentFactory, enquiry_post_data

pytestmark = pytest.mark.django_db

URL = "/consultation/"


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


def post(client, **overrides):
    return client.post(URL, enquiry_post_data(**overrides))


def test_form_preselects_the_treatment_named_in_the_address(client):
    TreatmentFactory(slug="prp", name="PRP")
    html = client.get(URL, {"treatment": "prp"}).content.decode()
    assert '<option value="prp" selected>PRP</option>' in html
    assert "aged 18 and over" in html
    assert 'href="/privacy/"' in html


def test_form_offers_only_published_treatments(client):
    TreatmentFactory(slug="draft", name="Draft thing", is_published=False)
    html = client.get(URL, {"treatment": "draft"}).content.decode()
    assert "Draft thing" not in html


def test_valid_enquiry_is_stored_with_consent_time_and_redirects_to_thanks(client):
    TreatmentFactory(slug="prp", name="PRP")
    response = post(client, treatment="prp")
    assert response.status_code == 302
    assert response["Location"] == reverse("clinic:enquiry_thanks")
    enquiry = Enquiry.objects.get()
    assert enquiry.treatment == "PRP"
    assert enquiry.consent_given_at is not None
    assert enquiry.status == Enquiry.Status.NEW
    assert not enquiry.is_spam


def test_thank_you_page_is_not_indexed(client):
    html = client.get(reverse("clinic:enquiry_thanks")).content.decode()
    assert '<meta name="robots" content="noindex">' in html


def test_empty_form_names_each_missing_field(client):
    response = client.post(URL, {})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter your name." in html
    assert "Enter your email address." in html
    assert "Tick the box to let us keep your details and reply to you." in html
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter an email address like name@example.com."),
        ({"phone": "call me maybe"}, "phone", "Enter a phone number using digits"),
        ({"preferred_contact": "phone", "phone": ""}, "phone", "Enter a phone number so we can call you"),
        ({"consent": ""}, "consent", "Tick the box to let us keep your details"),
        ({"name": "x" * 101}, "name", "Your name must be 100 characters or fewer (it has 101)."),
        ({"message": "y" * 2001}, "message", "Your message must be 2000 characters or fewer (it has 2001)."),
        ({"treatment": "no-such-treatment"}, "treatment", "That treatment is not available to choose"),
        ({"preferred_contact": "pigeon"}, "preferred_contact", "Choose email or a phone call."),
    ],
)
def test_bad_input_shows_a_message_tied_to_the_field_and_stores_nothing(client, overrides, field, message):
    response = post(client, **overrides)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert Enquiry.objects.count() == 0


def test_error_is_announced_to_screen_readers_on_the_input(client):
    html = post(client, email="nope").content.decode()
    assert 'aria-invalid="true" aria-describedby="id_email_error"' in html
    assert "<title>Error: Book a consultation" in html


def test_hostile_text_is_shown_escaped_when_the_form_is_redisplayed(client):
    html = post(client, name="<script>alert(1)</script>", email="bad").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hostile_text_is_stored_as_typed_and_escaped_in_the_admin(client, admin_client):
    post(client, message="<script>alert(1)</script> please call")
    enquiry = Enquiry.objects.get()
    assert enquiry.message.startswith("<script>")
    html = admin_client.get(reverse("admin:clinic_enquiry_change", args=[enquiry.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_resubmitting_the_same_enquiry_is_refused_with_a_message(client):
    post(client)
    response = post(client)
    assert "We already have this message from you" in response.content.decode()
    assert Enquiry.objects.count() == 1


def test_a_redisplayed_form_gets_a_fresh_token(client):
    first = enquiry_post_data()["form_token"]
    html = post(client, email="bad", form_token=first).content.decode()
    assert first not in html
