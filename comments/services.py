"""Comments: submitting, moderating, and the emails about them.

Every write queues its email in the outbox (clinic/outbox.py) inside the same transaction,
so an email goes out exactly when the change it announces is committed, and a mail server
that is slow or down never holds up or loses a patient's comment.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from clinic import cache_versions
from clinic.compliance import ensure_publishable
from clinic.enquiries import notification_recipients
from clinic.outbox import queue_email
from clinic.public_names import signature_for
from comments import health
from comments.models import THREADS_VERSION, Comment

logger = logging.getLogger(__name__)

# Reply emails go only to an address whose owner followed this link: anyone can type anyone's address.
CONFIRM_SALT = "comments.confirm-updates"
CONFIRM_MAX_AGE = timedelta(days=7)


def submit_comment(*, target, author_name, author_email, body, parent=None, wants_updates=False, spam_reason=""):
    """Store a visitor's comment on ``target`` (an article) and queue the moderators' email.

    Caught spam is stored with status "spam" and ``spam_reason`` (never dropped, never
    emailed; the moderators' digest counts it). Everything else awaits moderation: nothing
    is approved on the strength of a typed-in email address, which anyone can copy —
    the clinic's own included. Returns the saved ``Comment``.
    """
    status = Comment.Status.SPAM if spam_reason else Comment.Status.PENDING
    with transaction.atomic():
        comment = Comment.objects.create(
            target=target,
            parent=parent,
            author_name=author_name,
            author_email=author_email,
            body=body,
            status=status,
            wants_updates=wants_updates,
            spam_reason=spam_reason,
            consent_given_at=timezone.now(),
        )
        if not spam_reason:
            _queue_moderators_email(comment)
        if wants_updates and not spam_reason:
            _queue_confirm_email(comment)
    return comment


def confirm_token(comment):
    """The signed token in the confirmation link: names the comment and the address it was sent to."""
    return signing.dumps({"c": comment.pk, "e": comment.author_email.lower()}, salt=CONFIRM_SALT)


def comment_for_token(token):
    """The comment a confirmation token names, or None if the token is forged, expired, or its comment is gone."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        pk, email = int(data["c"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return Comment.objects.by_email(email).filter(pk=pk, wants_updates=True).first() if email else None


def confirm_updates(comment):
    """Record that ``comment``'s author owns its address; their other comments asking for updates count too.

    Returns how many comments were confirmed.
    """
    return (
        Comment.objects.by_email(comment.author_email)
        .filter(wants_updates=True, updates_confirmed_at__isnull=True)
        .update(updates_confirmed_at=timezone.now())
    )


def approve_comments(queryset):
    """Approve these comments; commenters who asked are emailed (through the outbox). Returns the count."""
    with transaction.atomic():
        comments = list(queryset.exclude(status=Comment.Status.APPROVED).select_for_update())
        for comment in comments:
            comment.status = Comment.Status.APPROVED
            comment.save(update_fields=["status"])
            if comment.wants_updates and not comment.is_staff_reply:
                _queue_approved_email(comment)
    return len(comments)


def redact_and_approve(*, comment):
    """Replace what the health-data guard flags in ``comment`` with "[removed]" and approve it, in one step.

    Returns the comment. The moderators' copy of the old text is not kept anywhere.
    """
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        locked.body = health.redact(locked.body)
        locked.save(update_fields=["body"])
        approve_comments(Comment.objects.filter(pk=comment.pk))
    comment.refresh_from_db()
    return comment


def set_comment_status(queryset, status):
    """Mark these comments as spam or removed (hidden from the site). Returns the count."""
    return queryset.exclude(status=status).update(status=status)


def reply_as_clinic(*, comment, body, user):
    """Publish ``user``'s reply to ``comment`` as the clinic, at once.

    The reply is signed with the practitioner name of ``user``'s account, never a log-in
    name (``ValidationError`` if the account has none), and checked against the
    advertising rules first (``PublicationBlocked``): either way nothing is stored or
    emailed. The comment answered is approved too (a reply under a hidden comment would
    make no sense), and its author is emailed if they asked. Returns the reply.
    """
    signature = signature_for(user)
    ensure_publishable(body, location="Clinic reply")
    with transaction.atomic():
        if comment.status != Comment.Status.APPROVED:
            approve_comments(Comment.objects.filter(pk=comment.pk))
            comment.refresh_from_db()
        reply = Comment.objects.create(
            content_type_id=comment.content_type_id,
            object_id=comment.object_id,
            parent=comment,
            author_name=signature,
            author_email=user.email or settings.DEFAULT_FROM_EMAIL,
            body=body,
            status=Comment.Status.APPROVED,
            is_staff_reply=True,
            staff_user=user,
        )
        if comment.wants_updates and comment.updates_confirmed_at and comment.author_email:
            _queue_reply_email(reply, answered=comment)
    return reply


def _context(comment):
    site_url = settings.SITE_URL
    return {
        "comment": comment,
        "health_flags": health.kinds(comment.body),
        "target": comment.target,
        "comment_url": site_url + comment.get_absolute_url(),
        "admin_url": site_url + reverse("admin:comments_comment_change", args=[comment.pk]),
    }


def _queue_moderators_email(comment):
    recipients = notification_recipients()
    if not recipients:
        logger.warning("Comment %s received but no address to notify: set CLINIC_NOTIFY_EMAILS.", comment.pk)
        return
    subject = f"New comment from {comment.author_name} on “{comment.target}”"
    if health.kinds(comment.body):
        subject += " (may contain personal details)"
    queue_email(
        kind="comment_moderators",
        to=recipients,
        subject=subject,
        body=render_to_string("comments/email/comment_moderators.txt", _context(comment)),
    )


def _queue_approved_email(comment):
    queue_email(
        kind="comment_approved",
        to=[comment.author_email],
        subject=f"Your comment on “{comment.target}” is published",
        body=render_to_string("comments/email/comment_approved.txt", _context(comment)),
    )


def _queue_confirm_email(comment):
    confirm_url = settings.SITE_URL + reverse("comments:confirm_updates", args=[confirm_token(comment)])
    queue_email(
        kind="comment_confirm",
        to=[comment.author_email],
        subject="Confirm your email address for replies to your comment",
        body=render_to_string(
            "comments/email/comment_confirm.txt",
            {**_context(comment), "confirm_url": confirm_url, "days": CONFIRM_MAX_AGE.days},
        ),
    )


def _queue_reply_email(reply, *, answered):
    context = {**_context(reply), "answered": answered}
    queue_email(
        kind="comment_reply",
        to=[answered.author_email],
        subject=f"The clinic replied to your comment on “{reply.target}”",
        body=render_to_string("comments/email/comment_reply.txt", context),
    )


def queue_moderation_digest(*, since):
    """Queue the moderators' digest: comments awaiting moderation, and what was filed as spam since ``since``.

    Spam is never emailed one by one, so this is where moderators hear of it: counted, by
    reason, with a link to the spam list in the admin (a genuine patient's comment caught
    by mistake is approved from there). The comments' text is not repeated. Returns the
    outbox row, or None when there is nothing to report or nobody to tell.
    """
    recipients = notification_recipients()
    pending = Comment.objects.pending().count()
    spam = Comment.objects.filter(status=Comment.Status.SPAM, created_at__gte=since)
    reasons = list(spam.values_list("spam_reason").annotate(count=Count("pk")).order_by("-count", "spam_reason"))
    spam_count = sum(count for _reason, count in reasons)
    if not recipients or not (pending or spam_count):
        return None
    changelist = settings.SITE_URL + reverse("admin:comments_comment_changelist")
    context = {
        "pending": pending,
        "spam_count": spam_count,
        "reasons": reasons,
        "since": since,
        "pending_url": changelist + "?status=pending",
        "spam_url": changelist + "?status=spam",
    }
    return queue_email(
        kind="comment_digest",
        to=recipients,
        subject=f"Comments: {pending} awaiting moderation, {spam_count} filed as spam",
        body=render_to_string("comments/email/moderation_digest.txt", context),
    )


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


# Threads are rebuilt when any comment changes (the version), and at least this often.
THREAD_CACHE_SECONDS = 24 * 60 * 60


def page_thread(*, target, comments_open, own_pending=()):
    """The comments shown under ``target``, rendered: a dict with ``html`` (the threaded list, or ""),
    ``count`` (approved comments shown) and ``shown`` ({pk: (author name, approved?)}, for "Reply to …").

    The rendering is cached under the comments' version, so a page view runs no comment
    query and renders no comment; any comment's save, moderation, edit, deletion or
    erasure shows on the next view. ``own_pending`` (pks from the visitor's session) adds
    their own comments still awaiting moderation, rendered for them alone.
    """
    own_pending = list(own_pending)
    if own_pending and Comment.objects.pending().filter(pk__in=own_pending).exists():
        return _render_thread(target, comments_open, own_pending)
    version = cache_versions.version(THREADS_VERSION)
    key = f"comments:thread:{target._meta.label_lower}:{target.pk}:{int(bool(comments_open))}:{version}"
    thread = cache.get(key)
    if thread is None:
        thread = _render_thread(target, comments_open)
        cache.set(key, thread, THREAD_CACHE_SECONDS)
    return {**thread, "html": mark_safe(thread["html"])}  # noqa: S308 — rendered by the escaping template


def _render_thread(target, comments_open, own_pending=()):
    comments = list(Comment.objects.for_thread(target, own_pending=own_pending))
    roots = build_thread(comments)
    shown = [comment for comment in comments if comment.depth]
    html = ""
    if roots:
        html = render_to_string("comments/_comment_thread.html", {"comments": roots, "comments_open": comments_open})
    return {
        "html": html,
        "count": sum(comment.status == Comment.Status.APPROVED for comment in shown),
        "shown": {comment.pk: (comment.author_name, comment.status == Comment.Status.APPROVED) for comment in shown},
    }
