"""Moderating comments in the admin, the emails about them, and personal-data requests."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clinic.models import Enquiry, OutboxEmail
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, PractitionerFactory, UserFactory, comment_post_data
from tests.mail import deliver_outbox

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture(autouse=True)
def _notify(settings, clinic_profile):
    settings.CLINIC_NOTIFY_EMAILS = ["moderators@example.com"]


@pytest.fixture
def moderator(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    PractitionerFactory(name="Dr Ailsa Munro", user=user)  # replies are signed with a public name
    client.force_login(user)
    return user


def act(client, action, comments):
    # Actions apply within the list's filter, as the moderator sees it; "all" reaches every status.
    return client.post(
        CHANGELIST + "?status=all",
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
        follow=True,
    )


def test_changelist_opens_on_pending_comments(client, moderator):
    pending = CommentFactory(status="pending", body="Waiting here.")
    CommentFactory(body="Already approved.")
    html = client.get(CHANGELIST).content.decode()
    assert "Waiting here." in html
    assert "Already approved." not in html
    assert "Already approved." in client.get(CHANGELIST + "?status=all").content.decode()
    assert pending.author_name in html


def test_admin_index_shows_pending_count(client, moderator):
    CommentFactory.create_batch(2, status="pending")
    assert "2 comments awaiting moderation" in client.get(reverse("admin:index")).content.decode()


def test_moderator_approves_in_bulk_and_opted_in_authors_hear(client, moderator):
    wants = CommentFactory(status="pending", wants_updates=True, author_email="wants@example.com")
    quiet = CommentFactory(status="pending")
    response = act(client, "approve", [wants, quiet])
    assert "2 comments approved." in response.content.decode()
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    sent = deliver_outbox()
    assert [message.to for message in sent] == [["wants@example.com"]]
    assert "is published" in sent[0].subject


@pytest.mark.parametrize(("action", "status"), [("mark_spam", "spam"), ("remove", "removed")])
def test_moderator_marks_spam_or_removes(client, moderator, action, status):
    comment = CommentFactory()
    response = act(client, action, [comment])
    assert "1 comment" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.body not in client.get(comment.target.get_absolute_url()).content.decode()


def test_moderator_edits_and_replies_as_the_clinic(client, moderator):
    comment = CommentFactory(
        status="pending",
        wants_updates=True,
        updates_confirmed_at=timezone.now(),
        body="My GP is Dr Smith. Does PRP hurt?",
    )
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = client.post(
        url,
        {
            "author_name": comment.author_name,
            "body": "Does PRP hurt?",
            "status": "pending",
            "clinic_reply": "Most people feel only mild discomfort; we use numbing cream.",
        },
        follow=True,
    )
    assert "Your reply is published" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.body == "Does PRP hurt?"
    reply = comment.replies.get()
    assert reply.is_staff_reply
    assert reply.staff_user == moderator
    assert reply.author_name == "Dr Ailsa Munro"
    assert reply.status == "approved"
    subjects = [message.subject for message in deliver_outbox()]
    # Approving the answered comment and replying to it: one email each, no more.
    assert sum("replied" in subject for subject in subjects) == 1
    assert sum("is published" in subject for subject in subjects) == 1
    page = client.get(comment.target.get_absolute_url()).content.decode()
    assert "Reply from the clinic" in page
    assert "numbing cream" in page


def test_editors_and_anonymous_cannot_moderate(client):
    comment = CommentFactory(status="pending")
    assert client.get(CHANGELIST).status_code == 302  # to the log-in page
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(CHANGELIST).status_code == 403
    assert client.post(CHANGELIST, {"action": "approve", "_selected_action": [comment.pk]}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_moderators_cannot_delete_comments_or_edit_articles(moderator):
    assert moderator.has_perm("comments.change_comment")
    assert not moderator.has_perm("comments.delete_comment")
    assert not moderator.has_perm("blog.change_article")
    assert moderator.has_perm("clinic.change_enquiry")


def test_article_admin_lists_comment_counts(admin_client, django_assert_max_num_queries):
    for article in ArticleFactory.create_batch(3):
        CommentFactory.create_batch(2, article=article)
    response = admin_client.get(reverse("admin:blog_article_changelist"))
    assert response.status_code == 200
    assert ">2</a>" in response.content.decode()


# --- Email -----------------------------------------------------------------------------


def test_moderators_hear_about_new_comments_through_the_outbox(client, settings, clinic_profile):
    settings.SITE_URL = "https://www.clinic.example"
    article = ArticleFactory()
    client.post(article.get_absolute_url(), comment_post_data(body="Hello <b>there</b>"))
    assert mail.outbox == []
    [email] = deliver_outbox()
    assert email.to == ["moderators@example.com"]
    assert "Hello <b>there</b>" in email.body
    # Links a mail client can open, a sender with the clinic's name, and an HTML part that escapes the text.
    comment = Comment.objects.get()
    admin_url = "https://www.clinic.example" + reverse("admin:comments_comment_change", args=[comment.pk])
    assert admin_url in email.body
    assert email.from_email.startswith(clinic_profile.name)
    [(html, _mimetype)] = email.alternatives
    assert "Hello &lt;b&gt;there&lt;/b&gt;" in html
    assert f'<a href="{admin_url}"' in html
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT
    assert deliver_outbox() == [email]  # a second pass sends nothing again


def test_failing_mail_loses_nothing_and_the_old_command_name_retries(client, settings):
    settings.EMAIL_BACKEND = "tests.blog.failing_mail.FailingBackend"
    settings.OUTBOX_RETRY_SECONDS = 0
    article = ArticleFactory()
    response = client.post(article.get_absolute_url(), comment_post_data())
    assert response.status_code == 302
    assert deliver_outbox() == []
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.PENDING

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_comment_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


# --- Personal data ---------------------------------------------------------------------


@pytest.fixture
def patient_data():
    from django.utils import timezone

    lonely = CommentFactory(author_email="ailsa@example.com", body="Nobody answered me.")
    answered = CommentFactory(author_email="Ailsa@Example.com", body="My private story.")
    reply = CommentFactory(article=answered.target, parent=answered, is_staff_reply=True, body="Thanks, Ailsa.")
    Enquiry.objects.create(name="Ailsa", email="ailsa@example.com", message="Call me", consent_given_at=timezone.now())
    other = CommentFactory(author_email="someone@example.com")
    return lonely, answered, reply, other


def test_export_lists_comments_and_enquiries(patient_data, capsys):
    call_command("personal_data", "ailsa@example.com", "--export")
    data = json.loads(capsys.readouterr().out)
    assert sorted(comment["comment"] for comment in data["comments"]) == ["My private story.", "Nobody answered me."]
    assert [enquiry["message"] for enquiry in data["enquiries"]] == ["Call me"]


def test_erase_keeps_answered_threads_readable(patient_data, client):
    lonely, answered, reply, other = patient_data
    call_command("personal_data", "AILSA@example.com", "--erase", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Comment.objects.filter(pk=lonely.pk).exists()
    answered.refresh_from_db()
    assert answered.body == Comment.ERASED_TEXT
    assert answered.author_email == ""
    assert Comment.objects.filter(pk__in=[reply.pk, other.pk]).count() == 2
    assert not Enquiry.objects.exists()
    page = client.get(answered.target.get_absolute_url()).content.decode()
    assert "My private story." not in page
    assert "[removed at the author&#x27;s request]" in page


def test_admin_export_action_and_no_bulk_erase(client, moderator, patient_data):
    lonely = patient_data[0]
    response = client.post(
        CHANGELIST + "?status=all", {"action": "export_personal_data", "_selected_action": [lonely.pk]}
    )
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)[0]["email"] == "ailsa@example.com"
    # "Select all" plus erase would wipe every commenter: erasure is not a bulk action.
    assert "erase_personal_data" not in client.get(CHANGELIST).content.decode()
    act(client, "erase_personal_data", [lonely])
    assert Comment.objects.filter(pk=lonely.pk).exists()
