"""The email outbox: every email the site sends is queued here and sent by a worker.

``queue_email`` writes a row in the caller's transaction, so nothing is sent for a write
that rolls back and nothing is lost while the mail server is down. ``send_due`` (run by
``manage.py send_outbox``, once from cron or ``--loop`` as a service) claims each due row
before sending it — ``SELECT … FOR UPDATE SKIP LOCKED`` then marking it "sending" — so two
workers never send one email; a failure is retried with exponential backoff up to
``OUTBOX_MAX_ATTEMPTS``, then shown as failed in the admin.

A worker that dies between sending and recording "sent" leaves the row claimed; after
``OutboxEmail.CLAIM_TIMEOUT`` it is sent again (at least once, never twice by two live workers).
"""

import logging
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape

from clinic.models import ClinicProfile, OutboxEmail

logger = logging.getLogger(__name__)


def queue_email(*, to, subject, body, html_body=None, reply_to=None, from_email=None, kind=""):
    """Queue one email in the current transaction; returns the ``OutboxEmail`` row.

    ``to`` and ``reply_to`` are lists of addresses. Line breaks in the subject (from a
    visitor's name, say) are folded to spaces: a header cannot carry them. Every email
    goes out as plain text plus HTML: without ``html_body``, the HTML part is the text with
    its paragraphs and links kept. The sender defaults to ``sender()``: the clinic's name.
    """
    subject = " ".join(subject.split())[:255]
    if html_body is None:
        # escape() even when ``body`` came from render_to_string, which marks it safe: the
        # text templates switch autoescape off, so visitors' words in them are raw.
        html_body = render_to_string("clinic/email/base.html", {"subject": subject, "body": escape(body)})
    return OutboxEmail.objects.create(
        kind=kind,
        recipients="\n".join(to),
        reply_to="\n".join(reply_to or []),
        from_email=from_email or sender(),
        subject=subject,
        body=body,
        html_body=html_body,
    )


def sender():
    """``DEFAULT_FROM_EMAIL`` under the clinic's name ("Kelvin Skin Clinic <hello@…>"), unless it names itself."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if name or not address:
        return settings.DEFAULT_FROM_EMAIL
    clinic_name = ClinicProfile.objects.values_list("name", flat=True).first()
    return formataddr((clinic_name, address)) if clinic_name else address


def retry_delay(attempts):
    """How long to wait after the ``attempts``-th failure: OUTBOX_RETRY_SECONDS doubled each time."""
    return timedelta(seconds=settings.OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def claim(limit=20, exclude=()):
    """Claim up to ``limit`` due emails for this worker; returns them, marked "sending".

    Rows another worker holds locked are skipped, and a claimed row is no longer due, so
    no two workers ever hold the same email. ``exclude``: primary keys not to claim.
    """
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            OutboxEmail.objects.due(now)
            .exclude(pk__in=list(exclude))
            .select_for_update(skip_locked=True)
            .order_by("next_attempt_at", "pk")[:limit]
        )
        OutboxEmail.objects.filter(pk__in=[row.pk for row in rows]).update(
            status=OutboxEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    for row in rows:
        row.status, row.claimed_at, row.attempts = OutboxEmail.Status.SENDING, now, row.attempts + 1
    return rows


def send_one(email, connection):
    """Send one claimed email and record the outcome; True when it went."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email or settings.DEFAULT_FROM_EMAIL,
        to=email.recipient_list(),
        reply_to=email.reply_to_list() or None,
        connection=connection,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    try:
        message.send()
    except Exception as error:
        # Any backend failure (refused, timeout, bad credentials): the row keeps the email.
        logger.warning("Outbox email %s failed (attempt %s): %s", email.pk, email.attempts, error)
        gave_up = email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        OutboxEmail.objects.filter(pk=email.pk, status=OutboxEmail.Status.SENDING).update(
            status=OutboxEmail.Status.FAILED if gave_up else OutboxEmail.Status.PENDING,
            next_attempt_at=timezone.now() + retry_delay(email.attempts),
            claimed_at=None,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        return False
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.SENT, sent_at=timezone.now(), claimed_at=None, last_error=""
    )
    return True


def send_due(limit=100):
    """One pass: claim and send what is due, in batches, until nothing is or ``limit`` is reached.

    Each email is tried at most once per pass, however short the backoff. Returns
    (sent, failed) counts.
    """
    sent = failed = 0
    tried = set()
    connection = get_connection(fail_silently=False)
    while sent + failed < limit:
        batch = claim(min(20, limit - sent - failed), exclude=tried)
        if not batch:
            break
        for email in batch:
            tried.add(email.pk)
            if send_one(email, connection):
                sent += 1
            else:
                failed += 1
    return sent, failed


def retry_now(queryset):
    """Put these unsent emails back in the queue, due at once. Returns the count."""
    return queryset.exclude(status=OutboxEmail.Status.SENT).update(
        status=OutboxEmail.Status.PENDING, next_attempt_at=timezone.now(), claimed_at=None
    )


class OutboxPersonalData:
    """The personal-data provider for emails sent (or owed) to one address."""

    label = "Emails sent by the site"

    def export(self, email):
        return [
            {
                "id": row.pk,
                "kind": row.kind,
                "to": row.recipient_list(),
                "subject": row.subject,
                "text": row.body,
                "status": row.status,
                "queued_at": row.created_at.isoformat(timespec="seconds"),
                "sent_at": row.sent_at.isoformat(timespec="seconds") if row.sent_at else None,
            }
            for row in OutboxEmail.objects.to_address(email).order_by("created_at", "pk")
        ]

    def erase(self, email):
        count, _ = OutboxEmail.objects.to_address(email).delete()
        return count
