"""The purge command deletes what the privacy notice says, after the periods it states."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone

from clinic.models import Enquiry, OutboxEmail
from clinic.outbox import queue_email
from clinic.registries import purge_steps
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, EnquiryFactory, PageFactory


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def purge():
    out = StringIO()
    call_command("purge", stdout=out)
    return out.getvalue()


def test_enquiries_older_than_the_period_are_deleted(db, settings):
    settings.RETENTION_ENQUIRY_DAYS = 365
    old, recent = EnquiryFactory(), EnquiryFactory()
    # created_at is auto_now_add: age the rows the way time would.
    Enquiry.objects.filter(pk=old.pk).update(created_at=days_ago(366))
    Enquiry.objects.filter(pk=recent.pk).update(created_at=days_ago(364))
    assert "enquiries: 1 deleted" in purge()
    assert list(Enquiry.objects.all()) == [recent]


def test_unpublished_comments_older_than_the_period_are_deleted(db, settings):
    settings.RETENTION_UNPUBLISHED_COMMENT_DAYS = 90
    article = ArticleFactory()
    old = [
        CommentFactory(article=article, status=status, created_at=days_ago(91))
        for status in ("pending", "spam", "removed")
    ]
    kept_recent = CommentFactory(article=article, status="spam", created_at=days_ago(89))
    kept_approved = CommentFactory(article=article, status="approved", created_at=days_ago(900))
    assert "unpublished comments: 3 deleted" in purge()
    assert not Comment.objects.filter(pk__in=[comment.pk for comment in old]).exists()
    assert set(Comment.objects.all()) == {kept_recent, kept_approved}


def test_removed_comment_with_replies_is_anonymised_so_the_thread_survives(db, settings):
    settings.RETENTION_UNPUBLISHED_COMMENT_DAYS = 90
    removed = CommentFactory(status="removed", created_at=days_ago(200), author_email="ailsa@example.com")
    reply = CommentFactory(article=removed.target, parent=removed, is_staff_reply=True, created_at=days_ago(199))
    purge()
    removed.refresh_from_db()
    assert removed.body == Comment.ERASED_TEXT
    assert removed.author_email == ""
    assert Comment.objects.filter(pk=reply.pk).exists()
    assert "unpublished comments: 0 deleted" in purge()  # already anonymous: nothing more to do


def test_sent_and_failed_emails_older_than_the_period_are_deleted_but_owed_ones_wait(db, settings):
    settings.RETENTION_EMAIL_LOG_DAYS = 90
    rows = {}
    for status in ("sent", "failed", "pending"):
        for age in (91, 89):
            email = queue_email(to=["ailsa@example.com"], subject=f"{status} {age}", body="Hello")
            OutboxEmail.objects.filter(pk=email.pk).update(
                status=status, created_at=days_ago(age), sent_at=days_ago(age) if status == "sent" else None
            )
            rows[status, age] = email.pk
    assert "email log: 2 deleted" in purge()
    left = set(OutboxEmail.objects.values_list("pk", flat=True))
    assert left == {pk for (status, age), pk in rows.items() if age == 89 or status == "pending"}


def test_staff_log_in_records_older_than_the_period_are_deleted(db, settings):
    settings.RETENTION_LOGIN_RECORD_DAYS = 90
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        for age in (91, 1):
            extra = {"failures_since_start": 1} if model is AccessAttempt else {}
            row = model.objects.create(username="editor", ip_address="203.0.113.5", user_agent=f"agent {age}", **extra)
            model.objects.filter(pk=row.pk).update(attempt_time=days_ago(age))
    assert "login records: 3 deleted" in purge()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        assert model.objects.count() == 1
        assert model.objects.get().attempt_time > days_ago(2)


def test_every_step_has_a_period_setting_and_a_notice():
    assert {"enquiries", "unpublished comments", "login records"} <= {name for name, _ in purge_steps.items()}
    for step in purge_steps:
        assert step.days > 0
        assert step.notice


@pytest.mark.usefixtures("clinic_profile")
def test_privacy_notice_shows_the_periods_the_purge_uses(client, settings):
    settings.RETENTION_ENQUIRY_DAYS = 200
    settings.RETENTION_UNPUBLISHED_COMMENT_DAYS = 45
    settings.RETENTION_LOGIN_RECORD_DAYS = 30
    PageFactory(slug="privacy", title="Privacy notice")
    html = client.get("/privacy/").content.decode()
    assert "How long we keep it" in html
    assert (
        "Consultation enquiries (your name, contact details and message), whether or not we replied: 200 days" in html
    )
    assert "spam or removed): your name, email address and comment: 45 days" in html
    assert "with the network address they came from: 30 days" in html


@pytest.mark.usefixtures("clinic_profile")
def test_other_pages_do_not_list_retention_periods(client):
    PageFactory(slug="about")
    assert "How long we keep it" not in client.get("/about/").content.decode()


@pytest.mark.usefixtures("demo_content")
def test_demo_privacy_notice_claims_no_period_of_its_own(client):
    html = client.get("/privacy/").content.decode()
    assert "12 months" not in html.split("How long we keep it")[0]
    assert "never your network address" in html
