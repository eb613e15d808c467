"""Reply emails go only to an address its owner confirmed through the emailed link."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinic.models import OutboxEmail
from comments.models import Comment
from comments.personal_data import CommentsPersonalData
from comments.services import CONFIRM_SALT, confirm_token, reply_as_clinic
from tests.factories import ArticleFactory, CommentFactory, PractitionerFactory, UserFactory, comment_post_data
from tests.mail import deliver_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner_user(clinic_profile):
    user = UserFactory(is_staff=True)
    PractitionerFactory(name="Dr Ailsa Munro", user=user)
    return user


def post_comment(client):
    article = ArticleFactory(status="published")
    response = client.post(
        article.get_absolute_url(),
        comment_post_data(author_email="Morag@example.com", wants_updates="on"),
        follow=True,
    )
    assert "emailed you a link to confirm replies" in response.content.decode()
    return Comment.objects.get(author_email="Morag@example.com")


def confirm_link(comment):
    row = OutboxEmail.objects.get(kind="comment_confirm")
    assert row.recipients == comment.author_email
    url = re.search(r"https?://\S+", row.body).group(0)
    assert url.startswith("https://clinic.test/comments/confirm/")
    return url.removeprefix("https://clinic.test")


def replies_to(address):
    return [email for email in deliver_outbox() if "replied" in email.subject and address in email.to]


def test_unconfirmed_address_gets_no_reply_email(client, practitioner_user, settings):
    settings.SITE_URL = "https://clinic.test"
    comment = post_comment(client)
    assert comment.updates_confirmed_at is None
    reply_as_clinic(comment=comment, body="Thank you for asking.", user=practitioner_user)
    assert replies_to("Morag@example.com") == []


def test_confirming_through_the_emailed_link_turns_reply_emails_on(client, practitioner_user, settings):
    settings.SITE_URL = "https://clinic.test"
    comment = post_comment(client)
    path = confirm_link(comment)
    page = client.get(path)
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<h1") == 1
    assert 'content="noindex"' in html
    assert "Confirm my email address" in html
    comment.refresh_from_db()
    assert comment.updates_confirmed_at is None  # a GET (a mail scanner) changes nothing

    done = client.post(path)
    assert done.status_code == 200
    assert "your address is confirmed" in done.content.decode()
    comment.refresh_from_db()
    assert comment.updates_confirmed_at is not None

    reply_as_clinic(comment=comment, body="Thank you for asking.", user=practitioner_user)
    emails = replies_to("Morag@example.com")
    assert len(emails) == 1
    assert "Thank you for asking." in emails[0].body


def test_confirm_post_needs_the_csrf_token(practitioner_user):
    comment = CommentFactory(wants_updates=True)
    response = Client(enforce_csrf_checks=True).post(
        reverse("comments:confirm_updates", args=[confirm_token(comment)])
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.updates_confirmed_at is None


@pytest.mark.parametrize("kind", ["forged", "expired", "other comment", "garbage"])
def test_bad_link_answers_400_with_a_message(client, kind, clinic_profile):
    comment = CommentFactory(wants_updates=True, author_email="morag@example.com")
    if kind == "forged":
        token = signing.dumps({"c": comment.pk, "e": "morag@example.com"}, salt="something-else")
    elif kind == "expired":
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("time.time", lambda: timezone.now().timestamp() - timedelta(days=8).total_seconds())
            token = confirm_token(comment)
    elif kind == "other comment":
        other = CommentFactory(wants_updates=True, author_email="someone@example.com")
        token = signing.dumps({"c": other.pk, "e": "morag@example.com"}, salt=CONFIRM_SALT)
    else:
        token = "not-a-token"
    url = reverse("comments:confirm_updates", args=[token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "This confirmation link is not valid" in response.content.decode()
    assert not Comment.objects.filter(updates_confirmed_at__isnull=False).exists()


def test_erasure_clears_the_confirmation(practitioner_user):
    comment = CommentFactory(wants_updates=True, updates_confirmed_at=timezone.now(), author_email="a@example.com")
    CommentFactory(parent=comment, author_email="b@example.com")
    CommentsPersonalData().erase("a@example.com")
    comment.refresh_from_db()
    assert (comment.author_email, comment.updates_confirmed_at) == ("", None)
