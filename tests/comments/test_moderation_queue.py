"""The moderation queue: one-click row buttons, the inline reply, counts, search, the health-data guard."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from clinic.models import OutboxEmail
from comments.models import Comment
from tests.factories import CommentFactory, PractitionerFactory, UserFactory
from tests.mail import deliver_outbox

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def moderate_url(comment, action):
    return reverse("admin:comments_comment_moderate", args=[comment.pk, action])


@pytest.fixture(autouse=True)
def _notify(settings, clinic_profile):
    settings.CLINIC_NOTIFY_EMAILS = ["moderators@example.com"]


@pytest.fixture
def moderator(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    PractitionerFactory(name="Dr Ailsa Munro", user=user)
    client.force_login(user)
    return user


def test_each_row_has_buttons_posting_to_a_csrf_protected_form(client, moderator):
    comment = CommentFactory(status="pending", author_name="Eilidh")
    html = client.get(CHANGELIST).content.decode()
    form = re.search(r'<form id="comment-row-actions" method="post".*?</form>', html, re.S).group(0)
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'name="next" value="/admin/comments/comment/"' in form
    for action, label in [("approve", "Approve"), ("spam", "Spam"), ("trash", "Trash")]:
        assert (
            f'<button type="submit" class="button" form="comment-row-actions" formaction="{moderate_url(comment, action)}"'
            in html
        )
        assert f'aria-label="{label} – comment by Eilidh"' in html
    assert f'<textarea id="reply-{comment.pk}" name="reply-{comment.pk}"' in html
    assert "signed “Dr Ailsa Munro”" in html


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", "approved", "Approved the comment by Eilidh."),
        ("spam", "spam", "Marked the comment by Eilidh as spam."),
        ("trash", "removed", "Removed the comment by Eilidh from the site."),
    ],
)
def test_one_post_moderates_one_comment_and_returns_to_the_list(client, moderator, action, status, message):
    comment = CommentFactory(status="pending", author_name="Eilidh", wants_updates=True)
    other = CommentFactory(status="pending")
    response = client.post(moderate_url(comment, action), {"next": CHANGELIST + "?status=pending&o=1"})
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST + "?status=pending&o=1"
    assert message in client.get(response["Location"]).content.decode()
    comment.refresh_from_db()
    other.refresh_from_db()
    assert (comment.status, other.status) == (status, "pending")
    # Exactly one email per event: the commenter hears only about an approval.
    assert len(deliver_outbox()) == (1 if action == "approve" else 0)


def test_bad_moderation_requests_change_nothing(client, moderator):
    comment = CommentFactory(status="pending")
    assert client.get(moderate_url(comment, "approve")).status_code == 405
    assert client.post(moderate_url(comment, "delete")).status_code == 400
    assert client.post(reverse("admin:comments_comment_moderate", args=[999999, "approve"])).status_code == 404
    # A "next" pointing off the site is ignored.
    response = client.post(moderate_url(comment, "spam"), {"next": "https://evil.example/"})
    assert response["Location"] == CHANGELIST
    comment.refresh_from_db()
    assert comment.status == "spam"


def test_forged_post_without_csrf_token_is_refused(moderator):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    comment = CommentFactory(status="pending")
    assert browser.post(moderate_url(comment, "approve")).status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_editors_cannot_use_the_row_buttons(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    comment = CommentFactory(status="pending")
    assert client.post(moderate_url(comment, "approve")).status_code == 403
    assert client.post(moderate_url(comment, "reply"), {f"reply-{comment.pk}": "Hello"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending"
    assert not comment.replies.exists()


def test_inline_reply_is_signed_with_the_public_name_and_approves_the_comment(client, moderator):
    comment = CommentFactory(
        status="pending", wants_updates=True, updates_confirmed_at=timezone.now(), author_email="eilidh@example.com"
    )
    response = client.post(
        moderate_url(comment, "reply"), {f"reply-{comment.pk}": "Thank you. Book a consultation to talk it over."}
    )
    assert "is published" in client.get(response["Location"]).content.decode()
    reply = comment.replies.get()
    assert (reply.author_name, reply.is_staff_reply, reply.status) == ("Dr Ailsa Munro", True, "approved")
    comment.refresh_from_db()
    assert comment.status == "approved"
    subjects = [email.subject for email in deliver_outbox()]
    assert sum("replied" in subject for subject in subjects) == 1
    assert sum("is published" in subject for subject in subjects) == 1
    assert len(subjects) == 2


@pytest.mark.parametrize(("text", "message"), [("   ", "was empty"), ("x" * 3001, "3000 characters or fewer")])
def test_empty_or_oversized_reply_sends_nothing(client, moderator, text, message):
    comment = CommentFactory(status="pending")
    response = client.post(moderate_url(comment, "reply"), {f"reply-{comment.pk}": text}, follow=True)
    assert message in response.content.decode()
    assert not comment.replies.exists()
    assert not OutboxEmail.objects.exists()


def test_reply_breaking_the_advertising_rules_is_neither_published_nor_emailed(client, moderator):
    comment = CommentFactory(status="pending", wants_updates=True)
    response = client.post(
        moderate_url(comment, "reply"),
        {f"reply-{comment.pk}": "Our Botox top-up gives guaranteed results, only 3 left"},
        follow=True,
    )
    assert "breaks the advertising rules" in response.content.decode()
    assert not comment.replies.exists()
    assert not OutboxEmail.objects.exists()
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_staff_account_without_a_public_name_cannot_reply(client):
    user = UserFactory(is_staff=True, username="admin")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    comment = CommentFactory(status="pending")
    html = client.get(CHANGELIST).content.decode()
    assert "your staff account has none" in html
    assert f'name="reply-{comment.pk}"' not in html
    response = client.post(moderate_url(comment, "reply"), {f"reply-{comment.pk}": "Hello"}, follow=True)
    assert "Ask an administrator" in response.content.decode()
    assert not comment.replies.exists()
    # The change form says the same and stores no reply signed "admin".
    client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        {"author_name": comment.author_name, "body": comment.body, "status": "pending", "clinic_reply": "Hi"},
    )
    assert not Comment.objects.filter(author_name="admin").exists()


def test_counts_per_status_and_search_across_every_status(client, moderator):
    CommentFactory.create_batch(2, status="pending")
    CommentFactory(status="approved", author_email="found@example.com", body="Approved words.")
    CommentFactory(status="spam", author_email="found@example.com", body="Spam words.")
    html = client.get(CHANGELIST).content.decode()
    for label in ["Awaiting moderation (2)", "Approved (1)", "Spam (1)", "Removed (0)", "All (4)"]:
        assert label in html
    found = client.get(CHANGELIST, {"q": "found@example.com"}).content.decode()
    assert "Approved words." in found
    assert "Spam words." in found
    # A status chosen by the moderator still narrows the search.
    narrowed = client.get(CHANGELIST, {"q": "found@example.com", "status": "spam"}).content.decode()
    assert "Spam words." in narrowed
    assert "Approved words." not in narrowed


def test_queue_runs_constant_queries(client, moderator, django_assert_max_num_queries):
    CommentFactory.create_batch(3, status="pending")
    with django_assert_max_num_queries(25) as few:
        client.get(CHANGELIST)
    CommentFactory.create_batch(30, status="pending")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(CHANGELIST)


def test_health_details_are_highlighted_and_redacted_in_one_step(client, moderator):
    comment = CommentFactory(
        status="pending", body="I have lupus and take methotrexate. Text me on 07700 900123. Does PRP help?"
    )
    plain = CommentFactory(status="pending", body="Does PRP hurt?")
    html = client.get(CHANGELIST).content.decode()
    assert '<mark class="health-flag" title="health details">lupus</mark>' in html
    assert '<mark class="health-flag" title="medicines">methotrexate</mark>' in html
    assert '<mark class="health-flag" title="contact details">07700 900123</mark>' in html
    assert "May contain health details and medicines and contact details." in html
    assert moderate_url(comment, "redact") in html
    assert moderate_url(plain, "redact") not in html

    client.post(moderate_url(comment, "redact"))
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.body == "I have [removed] and take [removed]. Text me on [removed]. Does PRP help?"
    page = client.get(comment.target.get_absolute_url()).content.decode()
    assert "methotrexate" not in page
    assert "Does PRP help?" in page


def test_hostile_comment_text_is_escaped_in_the_queue(client, moderator):
    CommentFactory(status="pending", body="<script>alert(1)</script> I take warfarin", author_name="<b>x</b>")
    html = client.get(CHANGELIST).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; I take warfarin" not in html  # "I take warfarin" is marked
    assert (
        '&lt;script&gt;alert(1)&lt;/script&gt; <mark class="health-flag" title="medicines">I take warfarin</mark>'
        in html
    )
    assert "<b>x</b>" not in html
