"""What the comments app contributes to the clinic's registries: personal data and the admin inbox."""

import re

from django.db import transaction
from django.urls import reverse

from comments.models import Comment


class CommentsPersonalData:
    """Comments written with one email address: a copy of them, or their erasure."""

    label = "Comments"

    def export(self, email):
        comments = Comment.objects.by_email(email).prefetch_related("target").order_by("created_at", "pk")
        return [
            {
                "id": comment.pk,
                "on": str(comment.target),
                "url": comment.get_absolute_url(),
                "in_reply_to": comment.parent_id,
                "name": comment.author_name,
                "email": comment.author_email,
                "comment": comment.body,
                "status": comment.status,
                "reply_from_the_clinic": comment.is_staff_reply,
                "email_updates": comment.wants_updates,
                "created_at": comment.created_at.isoformat(timespec="seconds"),
                "consent_given_at": comment.consent_given_at.isoformat(timespec="seconds")
                if comment.consent_given_at
                else None,
            }
            for comment in comments
        ]

    @transaction.atomic
    def erase(self, email):
        """Delete the comments nobody answered; anonymise those with replies. Returns how many were touched.

        A comment with replies is kept as an anonymous placeholder (no name, no email, the
        text replaced by ``Comment.ERASED_TEXT``), so the clinic's answers and other
        people's replies below it still read as a conversation.
        """
        self._unname_clinic_replies(email)
        return Comment.objects.by_email(email).erase()

    NAME_REMOVED = "[name removed]"

    def _unname_clinic_replies(self, email):
        """Take the name (whole, and each part of 3+ letters) out of the clinic's replies to this person."""
        names = set(Comment.objects.by_email(email).values_list("author_name", flat=True))
        words = {name for name in names if name.strip()}
        words |= {part for name in names for part in name.split() if len(part) >= 3}
        if not words:
            return
        pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) + r")(?!\w)",
            re.IGNORECASE,
        )
        replies = Comment.objects.filter(is_staff_reply=True, parent__in=Comment.objects.by_email(email))
        for reply in replies.select_for_update():
            body = pattern.sub(self.NAME_REMOVED, reply.body)
            if body != reply.body:
                reply.body = body
                reply.save(update_fields=["body"])


def awaiting_moderation(user):
    """(label, count, changelist URL) for comments awaiting moderation, or None."""
    if not user.has_perm("comments.view_comment"):
        return None
    count = Comment.objects.pending().count()
    if not count:
        return None
    label = "comment awaiting moderation" if count == 1 else "comments awaiting moderation"
    return label, count, reverse("admin:comments_comment_changelist") + "?status=pending"
