"""The comments' purge step: unpublished comments are not kept for ever (see clinic/purge.py)."""

from clinic.purge import PurgeStep
from comments.models import Comment

UNPUBLISHED = [Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED]


def delete_old_unpublished_comments(cutoff):
    """Delete pending, spam and removed comments written before ``cutoff``; returns the count.

    A removed comment that still has replies below it is kept as an anonymous placeholder
    instead (as when its author asks for erasure), so the replies keep their thread.
    """
    return Comment.objects.filter(status__in=UNPUBLISHED, created_at__lt=cutoff).erase()


STEP = PurgeStep(
    notice="Comments that were never published or were taken down (awaiting moderation, "
    "spam or removed): your name, email address and comment",
    setting="RETENTION_UNPUBLISHED_COMMENT_DAYS",
    delete=delete_old_unpublished_comments,
)
