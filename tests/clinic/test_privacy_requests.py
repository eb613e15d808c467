"""The Privacy requests page: find one person's data by email, export it, erase it after a confirmation."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from clinic.models import Enquiry, OutboxEmail
from clinic.outbox import queue_email
from clinic.privacy.models import PrivacyRequest, email_key
from comments.models import Comment
from tests.factories import CommentFactory, EnquiryFactory, UserFactory

pytestmark = pytest.mark.django_db

FIND = reverse("admin:privacy_find")
EXPORT = reverse("admin:privacy_export")
ERASE = reverse("admin:privacy_erase")
LOG = reverse("admin:privacy_privacyrequest_changelist")


@pytest.fixture
def officer(client):
    user = UserFactory(is_staff=True, username="dpo")
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="privacy", codename__in=["view_privacyrequest", "erase_personal_data"]
        )
    )
    client.force_login(user)
    return user


@pytest.fixture
def person():
    """Ailsa: two comments (one answered by the clinic by name), an enquiry only, and an email the site sent her."""
    lonely = CommentFactory(author_name="Ailsa Grant", author_email="ailsa@example.com", body="Nobody answered me.")
    answered = CommentFactory(author_name="Ailsa Grant", author_email="Ailsa@Example.com", body="My private story.")
    reply = CommentFactory(
        article=answered.target, parent=answered, is_staff_reply=True, body="Thank you, Ailsa. Ms Grant, do call us."
    )
    EnquiryFactory(name="Ailsa Grant", email="AILSA@example.com", message="Call me after six.")
    queue_email(
        to=["ailsa@example.com"], subject="Your comment is published", body="Hello Ailsa", kind="comment_approved"
    )
    other = CommentFactory(author_email="someone@example.com", body="Someone else's words.")
    return lonely, answered, reply, other


def confirm_form(html):
    return dict(re.findall(r'<input type="hidden" name="(email|fingerprint)" value="([^"]*)"', html))


def test_find_shows_everything_held_across_comments_enquiries_and_the_mail_log(client, officer, person):
    html = client.get(FIND, {"email": "AILSA@EXAMPLE.COM"}).content.decode()
    assert "4 records held about AILSA@EXAMPLE.COM" in html
    for text in ["Nobody answered me.", "My private story.", "Call me after six.", "Your comment is published"]:
        assert text in html
    assert "Someone else" not in html
    for label in ["Comments (2)", "Consultation enquiries (1)"]:
        assert label in html
    log = PrivacyRequest.objects.get()
    assert (log.action, log.staff_username, log.email_hash) == ("find", "dpo", email_key("ailsa@example.com"))


def test_someone_who_only_sent_an_enquiry_is_found(client, officer):
    EnquiryFactory(email="only-enquiry@example.com", message="Evenings please.")
    html = client.get(FIND, {"email": "only-enquiry@example.com"}).content.decode()
    assert "Evenings please." in html
    assert "Erase all of it" in html


@pytest.mark.parametrize(("email", "message"), [("nobody@example.com", "Nothing is held about nobody@example.com"),
                                                ("not-an-email", "Enter an email address like name@example.com.")])  # fmt: skip
def test_unknown_or_malformed_address(client, officer, person, email, message):
    html = client.get(FIND, {"email": email}).content.decode()
    assert message in html
    assert "Erase all of it" not in html


def test_export_is_json_of_everything_and_logged(client, officer, person):
    response = client.get(EXPORT, {"email": "ailsa@example.com"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert len(data["comments"]) == 2
    assert [enquiry["message"] for enquiry in data["enquiries"]] == ["Call me after six."]
    assert len(data["outbox"]) == 1
    assert PrivacyRequest.objects.get().action == "export"


def test_erase_asks_first_listing_exactly_what_goes_then_erases_it(client, officer, person):
    lonely, answered, reply, other = person
    confirm = client.get(ERASE, {"email": "ailsa@example.com"}).content.decode()
    assert "These 4 records about ailsa@example.com will be erased." in confirm
    assert "Nobody answered me." in confirm and "Call me after six." in confirm  # noqa: PT018
    assert Comment.objects.filter(pk=lonely.pk).exists()  # nothing happens before confirming

    response = client.post(ERASE, confirm_form(confirm), follow=True)
    assert "Erased 4 records held about this address." in response.content.decode()
    assert not Comment.objects.filter(pk=lonely.pk).exists()
    assert not Enquiry.objects.exists()
    assert not OutboxEmail.objects.filter(recipients__icontains="ailsa").exists()
    answered.refresh_from_db()
    assert (answered.author_name, answered.author_email, answered.body) == (
        "Former commenter",
        "",
        Comment.ERASED_TEXT,
    )
    # The clinic's reply no longer greets her by name, and others' data is untouched.
    reply.refresh_from_db()
    assert reply.body == "Thank you, [name removed]. Ms [name removed], do call us."
    assert Comment.objects.filter(pk=other.pk).exists()
    page = client.get(answered.target.get_absolute_url()).content.decode()
    assert "Ailsa" not in page

    # Logged without the erased data: a keyed hash and counts only.
    log = PrivacyRequest.objects.get(action="erase")
    assert log.counts == {"comments": 2, "enquiries": 1, "outbox": 1}
    stored = json.dumps(list(PrivacyRequest.objects.values()), default=str)
    assert "ailsa" not in stored.lower()


def test_a_second_erase_finds_nothing_and_erases_nothing(client, officer, person):
    form = confirm_form(client.get(ERASE, {"email": "ailsa@example.com"}).content.decode())
    client.post(ERASE, form)
    response = client.post(ERASE, form, follow=True)
    assert "Nothing is held about this address, so there was nothing to erase." in response.content.decode()
    assert Comment.objects.filter(author_email="someone@example.com").exists()
    second = PrivacyRequest.objects.filter(action="erase").order_by("pk").last()
    assert second.total == 0


def test_an_erase_racing_a_new_comment_stops_and_shows_the_new_list(client, officer, person):
    form = confirm_form(client.get(ERASE, {"email": "ailsa@example.com"}).content.decode())
    CommentFactory(author_email="ailsa@example.com", body="Written while the page was open.")
    response = client.post(ERASE, form)
    html = response.content.decode()
    assert "Nothing was erased" in html
    assert "Written while the page was open." in html
    assert "These 5 records" in html
    assert Comment.objects.by_email("ailsa@example.com").count() == 3
    assert PrivacyRequest.objects.get().action == "erase_refused"
    # Confirming the new list erases all of it, the new comment included.
    client.post(ERASE, confirm_form(html))
    assert not Comment.objects.by_email("ailsa@example.com").exclude(body=Comment.ERASED_TEXT).exists()


def test_moderators_can_not_erase_and_only_the_dedicated_permission_can(client, person):
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    assert not moderator.has_perm("privacy.erase_personal_data")
    client.force_login(moderator)
    assert client.get(ERASE, {"email": "ailsa@example.com"}).status_code == 403
    assert client.post(ERASE, {"email": "ailsa@example.com", "fingerprint": "x"}).status_code == 403
    assert Comment.objects.by_email("ailsa@example.com").count() == 2
    # Viewing only: finds and exports, with no erase button.
    moderator.user_permissions.add(Permission.objects.get(codename="view_privacyrequest"))
    client.force_login(moderator)
    html = client.get(FIND, {"email": "ailsa@example.com"}).content.decode()
    assert "My private story." in html
    assert "Erase all of it" not in html


def test_erase_needs_a_post_with_csrf(officer, person):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    assert browser.post(ERASE, {"email": "ailsa@example.com", "fingerprint": "x"}).status_code == 403
    assert Comment.objects.by_email("ailsa@example.com").count() == 2


def test_log_lists_requests_and_finds_them_by_address(client, officer, person):
    client.get(FIND, {"email": "ailsa@example.com"})
    client.get(FIND, {"email": "someone@example.com"})
    html = client.get(LOG).content.decode()
    assert "Find everything held about an email address" in html
    assert html.count("Looked up") >= 2
    found = client.get(LOG, {"q": "Ailsa@Example.com"}).content.decode()
    assert "1 result" in found
