"""Article comments: submitting, moderating and the emails about them.

Every write stores first and emails after the transaction commits. Which email is owed is
kept on the comment (``notification_pending``) until it has gone, so a mail server that
is down loses nothing: ``manage.py send_comment_notifications`` sends what is still owed.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from blog.models import Comment
from clinic.enquiries import notification_recipients

logger = logging.getLogger(__name__)

Notification = Comment.Notification


def submit_comment(*, article, author_name, author_email, body, parent=None, wants_updates=False, spam_reason=""):
    """Store a visitor's comment and email the moderators once it is committed.

    Caught spam is stored with status "spam" and ``spam_reason`` (never dropped, never
    emailed). Otherwise the comment awaits moderation, unless COMMENTS_AUTO_APPROVE_KNOWN_EMAILS
    is on and the address already has an approved comment. Returns the saved ``Comment``.
    """
    if spam_reason:
        status = Comment.Status.SPAM
    elif settings.COMMENTS_AUTO_APPROVE_KNOWN_EMAILS and Comment.objects.approved().by_email(author_email).exists():
        status = Comment.Status.APPROVED
    else:
        status = Comment.Status.PENDING
    with transaction.atomic():
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            author_name=author_name,
            author_email=author_email,
            body=body,
            status=status,
            wants_updates=wants_updates,
            spam_reason=spam_reason,
            consent_given_at=timezone.now(),
            notification_pending="" if spam_reason else Notification.MODERATORS,
        )
        _send_on_commit(comment)
    return comment


def approve_comments(queryset):
    """Approve these comments; commenters who asked are emailed after commit. Returns the count."""
    with transaction.atomic():
        comments = list(queryset.exclude(status=Comment.Status.APPROVED).select_for_update())
        for comment in comments:
            comment.status = Comment.Status.APPROVED
            if comment.wants_updates and not comment.is_staff_reply:
                comment.notification_pending = Notification.APPROVED
            elif comment.notification_pending == Notification.MODERATORS:
                # A moderator has seen it; a late "new comment" email would only confuse.
                comment.notification_pending = ""
            comment.save(update_fields=["status", "notification_pending"])
            _send_on_commit(comment)
    return len(comments)


def set_comment_status(queryset, status):
    """Mark these comments as spam or removed (hidden from the site). Returns the count."""
    return queryset.exclude(status=status).update(status=status, notification_pending="")


def reply_as_clinic(*, comment, body, user):
    """Publish ``user``'s reply to ``comment`` as the clinic, at once.

    The comment answered is approved too (a reply under a hidden comment would make no
    sense), and its author is emailed after commit if they asked. Returns the reply.
    """
    with transaction.atomic():
        if comment.status != Comment.Status.APPROVED:
            approve_comments(Comment.objects.filter(pk=comment.pk))
            comment.refresh_from_db()
        reply = Comment.objects.create(
            article=comment.article,
            parent=comment,
            author_name=user.get_full_name() or user.get_username(),
            author_email=user.email or settings.DEFAULT_FROM_EMAIL,
            body=body,
            status=Comment.Status.APPROVED,
            is_staff_reply=True,
            staff_user=user,
            notification_pending=Notification.REPLY if comment.wants_updates else "",
        )
        _send_on_commit(reply)
    return reply


def _send_on_commit(comment):
    if comment.notification_pending:
        transaction.on_commit(partial(send_notification, comment.pk))


def send_notification(comment_pk):
    """Send the email owed for one comment, if any; True when nothing is left owed.

    A failure is logged and leaves the email owed for ``send_pending_notifications``: the
    patient's request has already succeeded and must not fail now.
    """
    comment = Comment.objects.select_related("article", "parent").filter(pk=comment_pk).first()
    if comment is None or not comment.notification_pending:
        return True
    message = _message_for(comment)
    try:
        if message:
            send_mail(from_email=settings.DEFAULT_FROM_EMAIL, **message)
    except Exception:
        # Any backend failure (SMTP down, bad credentials, timeout): the comment is stored.
        logger.exception("Could not send the %s email for comment %s.", comment.notification_pending, comment.pk)
        return False
    Comment.objects.filter(pk=comment.pk, notification_pending=comment.notification_pending).update(
        notification_pending=""
    )
    return True


def send_pending_notifications():
    """Retry every email still owed. Returns (sent, failed) counts."""
    sent = failed = 0
    for pk in Comment.objects.notification_owed().values_list("pk", flat=True):
        if send_notification(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed


def _message_for(comment):
    """subject, message and recipient_list for the email owed, or None when there is nobody to tell."""
    article = comment.article
    site_url = settings.SITE_URL.rstrip("/")
    context = {
        "comment": comment,
        "article": article,
        "comment_url": site_url + comment.get_absolute_url(),
        "admin_url": site_url + reverse("admin:blog_comment_change", args=[comment.pk]),
    }
    kind = comment.notification_pending
    if kind == Notification.MODERATORS:
        recipients = notification_recipients()
        if not recipients:
            logger.warning("Comment %s received but no address to notify: set CLINIC_NOTIFY_EMAILS.", comment.pk)
            return None
        subject = f"New comment from {comment.author_name} on “{article.title}”"
        if comment.status == Comment.Status.APPROVED:
            subject += " (published: known commenter)"
        return {
            "subject": subject,
            "message": render_to_string("blog/email/comment_moderators.txt", context),
            "recipient_list": recipients,
        }
    if kind == Notification.APPROVED:
        return {
            "subject": f"Your comment on “{article.title}” is published",
            "message": render_to_string("blog/email/comment_approved.txt", context),
            "recipient_list": [comment.author_email],
        }
    if kind == Notification.REPLY and comment.parent and comment.parent.author_email:
        context["answered"] = comment.parent
        return {
            "subject": f"The clinic replied to your comment on “{article.title}”",
            "message": render_to_string("blog/email/comment_reply.txt", context),
            "recipient_list": [comment.parent.author_email],
        }
    return None


def build_thread(comments, max_depth=3):
    """Arrange ``comments`` (one query's rows) into a tree, returning the top-level ones.

    Each comment gets ``thread_replies`` (its replies, oldest first) and ``depth`` (1 at
    the top). Replies nested deeper than ``max_depth`` are shown at ``max_depth``, after
    the comment they answer, so narrow screens keep a readable column. A reply whose
    parent is not visible (spam, removed, awaiting moderation) is not shown either.
    """
    nodes = {comment.pk: comment for comment in comments}
    for comment in comments:
        comment.thread_replies = []
        comment.depth = None
    roots = []

    def place(comment):
        if comment.depth is not None:
            return comment.depth > 0
        comment.depth = 0  # guards against a cycle in imported data
        if comment.parent_id is None:
            comment.depth, comment.thread_holder = 1, None
            roots.append(comment)
            return True
        parent = nodes.get(comment.parent_id)
        if parent is None or not place(parent):
            return False
        holder = parent if parent.depth < max_depth else parent.thread_holder
        comment.depth, comment.thread_holder = holder.depth + 1, holder
        holder.thread_replies.append(comment)
        return True

    for comment in comments:
        place(comment)
    order = {comment.pk: index for index, comment in enumerate(comments)}
    for comment in comments:
        comment.thread_replies.sort(key=lambda reply: order[reply.pk])
    roots.sort(key=lambda comment: order[comment.pk])
    return roots
