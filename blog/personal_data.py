"""Article comments as a personal-data provider (see clinic/personal_data.py for the protocol)."""

from django.urls import reverse

from blog.models import Comment


class CommentData:
    """Comments: exported in full; on erasure, answered ones stay as anonymous placeholders."""

    label = "Comments"

    def export(self, email):
        comments = Comment.objects.by_email(email).select_related("article").order_by("created_at", "pk")
        return [
            {
                "id": comment.pk,
                "article": comment.article.title,
                "article_url": comment.article.get_absolute_url(),
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

    def erase(self, email):
        """Delete comments nobody answered; keep answered ones with no name, email or text.

        A comment with replies stays as an anonymous placeholder (``Comment.ERASED_TEXT``), so
        the clinic's answers and other people's replies below it still read as a conversation
        and are not deleted for someone else's request. Returns the rows deleted or anonymised.
        """
        deleted = 0
        # Leaves first, repeatedly: once an author's own reply is gone, the comment above it may be a leaf.
        while True:
            count, _ = Comment.objects.by_email(email).filter(replies__isnull=True).delete()
            if not count:
                break
            deleted += count
        anonymised = Comment.objects.by_email(email).update(
            author_name="Former commenter",
            author_email="",
            body=Comment.ERASED_TEXT,
            wants_updates=False,
            notification_pending="",
            spam_reason="",
        )
        return deleted + anonymised


def pending_comments(user):
    """Admin inbox: comments awaiting moderation, for those who may see them."""
    if not user.has_perm("blog.view_comment"):
        return None
    count = Comment.objects.pending().count()
    if not count:
        return None
    label = "comment awaiting moderation" if count == 1 else "comments awaiting moderation"
    return label, count, reverse("admin:blog_comment_changelist") + "?status=pending"
