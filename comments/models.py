"""Patients' comments and the clinic's replies, on any page that takes comments.

A comment points at what it is about through a generic relation (content type + object
id), so articles take comments today and treatment pages can later, with no data moved.
The app that owns the page adds a ``GenericRelation(Comment)`` to it; this app never
imports that app.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clinic import cache_versions

# The version every cached rendering of comments is keyed by (comments/services.py).
THREADS_VERSION = "comments"


class CommentQuerySet(models.QuerySet):
    # Bulk writes send no signals: they bump the cached threads' version themselves.
    def update(self, **kwargs):
        count = super().update(**kwargs)
        if count:
            cache_versions.bump(THREADS_VERSION)
        return count

    update.alters_data = update.queryset_only = True

    def delete(self):
        deleted = super().delete()
        if deleted[0]:
            cache_versions.bump(THREADS_VERSION)
        return deleted

    delete.alters_data = delete.queryset_only = True

    def approved(self):
        """Comments anyone may read."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        """Comments waiting for a moderator."""
        return self.filter(status=Comment.Status.PENDING)

    def on(self, target):
        """Comments on ``target`` (an article, later a treatment), in the same query.

        The content type is matched by app label and model name through a join on the
        small content-type table, so no extra query is spent looking its id up.
        """
        return self.filter(
            content_type__app_label=target._meta.app_label,
            content_type__model=target._meta.model_name,
            object_id=target.pk,
        )

    def for_thread(self, target, own_pending=()):
        """The comments shown under ``target``, oldest first, in one query.

        Approved comments, plus those of ``own_pending`` (primary keys kept in the author's
        session) that still await moderation, so an author sees their own comment and
        nobody else does.
        """
        visible = Q(status=Comment.Status.APPROVED)
        if own_pending:
            visible |= Q(status=Comment.Status.PENDING, pk__in=list(own_pending))
        return self.on(target).filter(visible).defer("author_email").order_by("created_at", "pk")

    def by_email(self, email):
        """Every comment written with ``email`` (ignoring case): what personal-data requests cover."""
        return self.filter(author_email__iexact=email.strip())

    def erase(self):
        """Delete these comments; returns how many were deleted or anonymised.

        One that still has replies below it becomes an anonymous placeholder instead, so the
        replies keep their thread. Used by personal-data erasure and by the purge alike.
        """
        deleted = 0
        # Leaves first, repeatedly: once a reply is gone, the comment above it may be a leaf.
        while count := self.filter(replies__isnull=True).delete()[0]:
            deleted += count
        anonymised = self.exclude(body=Comment.ERASED_TEXT).update(
            author_name="Former commenter",
            author_email="",
            body=Comment.ERASED_TEXT,
            wants_updates=False,
            updates_confirmed_at=None,
            spam_reason="",
        )
        return deleted + anonymised


class Comment(models.Model):
    """A patient's comment on a page, or the clinic's reply to one. Plain text, never HTML."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    # What an erased comment shows when replies keep it in a thread.
    ERASED_TEXT = "[removed at the author's request]"

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", help_text="What kind of page the comment is on."
    )
    object_id = models.PositiveBigIntegerField(help_text="Which page of that kind.")
    target = GenericForeignKey("content_type", "object_id")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The comment answered.",
    )
    author_name = models.CharField("name", max_length=100)
    author_email = models.EmailField("email", help_text="Never shown on the site.")
    body = models.TextField("comment", max_length=3000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    is_staff_reply = models.BooleanField("reply from the clinic", default=False)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    consent_given_at = models.DateTimeField(
        null=True, blank=True, help_text="When the commenter agreed to their comment being stored and shown."
    )
    wants_updates = models.BooleanField(
        "email the commenter",
        default=False,
        help_text="The commenter asked to hear by email when this comment is approved or answered.",
    )
    updates_confirmed_at = models.DateTimeField(
        "address confirmed at",
        null=True,
        blank=True,
        help_text="When the commenter followed the emailed link proving the address is theirs. "
        "Replies are emailed only once it is set.",
    )
    spam_reason = models.CharField(
        max_length=100,
        blank=True,
        help_text="Which spam check caught it. If the comment is genuine, approve it.",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "spam", "removed"]),
                name="comments_comment_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(is_staff_reply=False) | Q(parent__isnull=False),
                name="comments_comment_staff_reply_has_parent",
            ),
        ]
        indexes = [
            # The page's thread: "approved comments on this page, oldest first".
            models.Index(fields=["content_type", "object_id", "status", "created_at"], name="comments_thread"),
            # Counting approved comments per page in listings.
            models.Index(fields=["content_type", "object_id"], name="comments_target"),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.target}"

    def get_absolute_url(self):
        return f"{self.target.get_absolute_url()}#comment-{self.pk}"
