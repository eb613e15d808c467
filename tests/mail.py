"""Sending what the site queued, as the outbox worker would."""

from django.core import mail

from clinic.outbox import send_due


def deliver_outbox():
    """Run one worker pass; returns every email the test mail backend has received so far."""
    send_due()
    return mail.outbox
