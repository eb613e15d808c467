"""Each form token is accepted once (clinic/spam.py), on the enquiry and comment forms alike."""

import time

import pytest

from clinic.models import Enquiry
from clinic.spam import make_form_token
from tests.factories import ArticleFactory, comment_post_data, enquiry_post_data

pytestmark = pytest.mark.django_db

REPLAYED = "This form was already sent once"


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


def test_a_replayed_enquiry_is_refused_and_keeps_the_text(client):
    data = enquiry_post_data()
    assert client.post("/consultation/", data).status_code == 302
    replay = client.post("/consultation/", {**data, "message": "A second, different question."})
    page = replay.content.decode()
    assert REPLAYED in page
    assert "A second, different question." in page
    assert Enquiry.objects.count() == 1


def test_the_refused_form_carries_a_fresh_token_that_works(client):
    data = enquiry_post_data()
    client.post("/consultation/", data)
    replay = client.post("/consultation/", {**data, "message": "Another question."})
    fresh = replay.context["form"].initial["form_token"]
    assert fresh != data["form_token"]
    again = client.post("/consultation/", {**data, "message": "Another question.", "form_token": fresh})
    # Sent back at once, so it is caught as too quick, but it is stored, not refused.
    assert again.status_code == 302
    assert Enquiry.objects.get(message="Another question.").spam_reason == "sent too quickly"


def test_a_too_quick_form_is_still_stored_as_spam_and_its_replay_refused(client):
    data = enquiry_post_data(form_token=make_form_token("enquiry"))
    assert client.post("/consultation/", data).status_code == 302
    assert Enquiry.objects.get().spam_reason == "sent too quickly"
    assert REPLAYED in client.post("/consultation/", {**data, "message": "Again."}).content.decode()
    assert Enquiry.objects.count() == 1


def test_a_resent_identical_enquiry_is_still_called_a_duplicate(client):
    data = enquiry_post_data()
    client.post("/consultation/", data)
    assert "We already have this message from you" in client.post("/consultation/", data).content.decode()


def test_a_replayed_comment_is_refused_and_keeps_the_text(client):
    article = ArticleFactory()
    data = comment_post_data()
    assert client.post(article.get_absolute_url(), data).status_code == 302
    replay = client.post(article.get_absolute_url(), {**data, "body": "My second thought on this."})
    assert replay.status_code == 400
    page = replay.content.decode()
    assert REPLAYED in page
    assert "My second thought on this." in page


def test_tokens_from_two_renders_in_the_same_instant_differ():
    now = time.time()
    assert make_form_token("comment", now=now) != make_form_token("comment", now=now)
