"""Receiving consultation enquiries: the row and the clinic's email are written together."""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile, Enquiry
from clinic.outbox import queue_email

logger = logging.getLogger(__name__)


def notification_recipients():
    """Where enquiry emails go: ``CLINIC_NOTIFY_EMAILS`` if set, else the clinic profile's email."""
    if settings.CLINIC_NOTIFY_EMAILS:
        return list(settings.CLINIC_NOTIFY_EMAILS)
    email = ClinicProfile.load().email
    return [email] if email else []


def submit_enquiry(
    *, name, email, phone="", treatment="", preferred_contact=Enquiry.ContactMethod.EMAIL, message="",
    spam_reason="", site_url="",
):  # fmt: skip
    """Store an enquiry (consent time is now) and queue the clinic's email in the same transaction.

    Spam is stored flagged with ``spam_reason`` and not emailed. The email is sent by the
    outbox worker, so a slow or failing mail server never holds up or undoes the enquiry.
    ``site_url`` ("https://host/") makes the admin link absolute.
    Returns the saved ``Enquiry``.
    """
    with transaction.atomic():
        enquiry = Enquiry.objects.create(
            name=name,
            email=email,
            phone=phone,
            treatment=treatment,
            preferred_contact=preferred_contact,
            message=message,
            consent_given_at=timezone.now(),
            is_spam=bool(spam_reason),
            spam_reason=spam_reason,
        )
        if not enquiry.is_spam:
            notify_clinic(enquiry, site_url=site_url)
    return enquiry


def notify_clinic(enquiry, *, site_url=""):
    """Queue the clinic's email about ``enquiry`` (Reply-To the patient); returns the outbox row or None."""
    recipients = notification_recipients()
    if not recipients:
        logger.warning("Enquiry %s received but no address to notify: set CLINIC_NOTIFY_EMAILS.", enquiry.pk)
        return None
    admin_path = reverse("admin:clinic_enquiry_change", args=[enquiry.pk])
    context = {"enquiry": enquiry, "admin_url": site_url.rstrip("/") + admin_path}
    subject = f"New consultation enquiry from {enquiry.name}"
    if enquiry.treatment:
        subject += f" about {enquiry.treatment}"
    return queue_email(
        kind="enquiry",
        to=recipients,
        subject=subject,
        body=render_to_string("clinic/email/enquiry_notification.txt", context),
        reply_to=[enquiry.email],
    )
