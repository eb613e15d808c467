"""Answering UK GDPR requests about one email address: a copy of what we hold, or its erasure.

Covers every place the website stores a visitor's details: article comments and
consultation enquiries. The privacy notice promises both, so a new model holding
personal details belongs here too.
"""

from django.db import transaction
from django.utils import timezone


def export_personal_data(email):
    """Everything stored about ``email`` (ignoring case), as a JSON-ready dict."""
    from blog.models import Comment
    from clinic.models import Enquiry

    comments = Comment.objects.by_email(email).select_related("article").order_by("created_at", "pk")
    enquiries = Enquiry.objects.filter(email__iexact=email.strip()).select_related("treatment").order_by("created_at")
    return {
        "email": email.strip(),
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "comments": [
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
        ],
        "enquiries": [
            {
                "id": enquiry.pk,
                "name": enquiry.name,
                "email": enquiry.email,
                "phone": enquiry.phone,
                "treatment": enquiry.treatment.name if enquiry.treatment else None,
                "preferred_contact": enquiry.preferred_contact,
                "message": enquiry.message,
                "status": enquiry.status,
                "staff_notes": enquiry.staff_notes,
                "created_at": enquiry.created_at.isoformat(timespec="seconds"),
                "consent_given_at": enquiry.consent_given_at.isoformat(timespec="seconds"),
            }
            for enquiry in enquiries
        ],
    }


@transaction.atomic
def erase_personal_data(email):
    """Erase what is stored about ``email``; returns counts of what was deleted and anonymised.

    Enquiries are deleted. Comments nobody has answered are deleted. A comment with replies
    is kept as an anonymous placeholder (no name, no email, the text replaced by
    ``Comment.ERASED_TEXT``), so the clinic's answers and other people's replies below it
    still read as a conversation and are not deleted for someone else's request.
    """
    from blog.models import Comment
    from clinic.models import Enquiry

    enquiries, _ = Enquiry.objects.filter(email__iexact=email.strip()).delete()
    deleted = 0
    # Leaves first, repeatedly: once an author's own reply is gone, the comment above it may be a leaf.
    while True:
        leaves = Comment.objects.by_email(email).filter(replies__isnull=True)
        count, _ = leaves.delete()
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
    return {"enquiries_deleted": enquiries, "comments_deleted": deleted, "comments_anonymised": anonymised}
