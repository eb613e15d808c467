"""Each spam rule of clinic/spam.py, through the consultation form that uses it."""

import time

import pytest
from django.test import RequestFactory

from clinic.models import BlockedWord, Enquiry
from clinic.spam import client_fingerprint, find_blocked_phrase, make_form_token
from tests.factories import BlockedWordFactory, enquiry_post_data
from tests.mail import deliver_outbox

pytestmark = pytest.mark.django_db

URL = "/consultation/"


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


def post(client, **overrides):
    return client.post(URL, enquiry_post_data(**overrides))


def assert_stored_as_spam(response, reason):
    # The sender sees the usual thank-you: a bot learns nothing, a person is not alarmed.
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.is_spam
    assert reason in enquiry.spam_reason


def test_filled_honeypot_is_stored_as_spam_and_not_emailed(client):
    response = post(client, leave_blank="http://spam.example")
    assert_stored_as_spam(response, "honeypot")
    assert deliver_outbox() == []


def test_form_sent_faster_than_a_person_types_is_spam(client):
    assert_stored_as_spam(post(client, form_token=make_form_token("enquiry")), "too quickly")


def test_minimum_fill_time_is_a_setting(client, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    response = post(client, form_token=make_form_token("enquiry"))
    assert response.status_code == 302
    assert not Enquiry.objects.get().is_spam


@pytest.mark.parametrize("token", ["", "forged", make_form_token("comment", now=time.time() - 60)])
def test_missing_forged_or_borrowed_token_is_spam(client, token):
    assert post(client, form_token=token).status_code == 302
    assert Enquiry.objects.get().is_spam


def test_expired_form_asks_the_patient_to_send_again(client, settings):
    settings.SPAM_MAX_FORM_AGE_SECONDS = 60
    response = post(client, form_token=make_form_token("enquiry", now=time.time() - 3600))
    assert "has expired" in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_too_many_links_is_spam(client):
    response = post(client, message="See https://a.example and www.b.example")
    assert_stored_as_spam(response, "links")


def test_one_link_is_allowed(client):
    post(client, message="My GP's letter is at https://nhs.example")
    assert not Enquiry.objects.get().is_spam


def test_blocked_phrase_is_spam_whatever_its_case(client):
    BlockedWordFactory(phrase="Cheap Pills")
    assert_stored_as_spam(post(client, message="Buy CHEAP pills now"), "cheap pills")


def test_blocked_words_match_whole_words_only():
    assert find_blocked_phrase("Scunthorpe appointment", ["cunt"]) is None
    assert find_blocked_phrase("a casino, please", ["casino"]) == "casino"


def test_blocked_words_are_stored_in_one_spelling():
    assert BlockedWord.objects.create(phrase="  Crypto   Offer ").phrase == "crypto offer"


def test_rate_limit_refuses_further_enquiries_with_a_message(client, settings):
    settings.SPAM_RATE_LIMIT = 2
    for number in range(2):
        assert post(client, email=f"p{number}@example.com").status_code == 302
    response = post(client, email="p3@example.com")
    assert response.status_code == 429
    assert "You have sent several messages in a short time" in response.content.decode()
    assert Enquiry.objects.count() == 2


def test_rate_limit_is_per_client(client, settings):
    settings.SPAM_RATE_LIMIT = 1
    assert post(client, email="a@example.com").status_code == 302
    other = client.post(URL, enquiry_post_data(email="b@example.com"), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302


def test_client_fingerprint_never_contains_the_address():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    fingerprint = client_fingerprint(request)
    assert "203.0.113.7" not in fingerprint
    assert len(fingerprint) == 40
    assert fingerprint == client_fingerprint(RequestFactory().get("/", REMOTE_ADDR="203.0.113.7"))
    assert fingerprint != client_fingerprint(RequestFactory().get("/", REMOTE_ADDR="203.0.113.8"))


def test_no_address_is_stored_with_an_enquiry(client):
    client.post(URL, enquiry_post_data(), REMOTE_ADDR="203.0.113.7")
    stored = Enquiry.objects.values().get()
    assert not any("203.0.113.7" in str(value) for value in stored.values())
