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
    spam_reason="",
):  # fmt: skip
    """Store an enquiry (consent time is now) and queue two emails in the same transaction.

    The clinic's notification (Reply-To the patient) and the patient's acknowledgement
    (what happens next; 999 / NHS 24 111 for urgent problems): one each per enquiry.
    Spam is stored flagged with ``spam_reason`` and not emailed. The emails are sent by the
    outbox worker, so a slow or failing mail server never holds up or undoes the enquiry.
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
            notify_clinic(enquiry)
            acknowledge(enquiry)
    return enquiry


def acknowledge(enquiry):
    """Queue the patient's acknowledgement of ``enquiry``; returns the outbox row."""
    clinic = ClinicProfile.objects.first()
    clinic_name = clinic.name if clinic else "the clinic"
    return queue_email(
        kind="enquiry_acknowledgement",
        to=[enquiry.email],
        subject=f"We have your consultation enquiry – {clinic_name}",
        body=render_to_string(
            "clinic/email/enquiry_acknowledgement.txt",
            {"enquiry": enquiry, "clinic": clinic or {"name": clinic_name}, "site_url": settings.SITE_URL},
        ),
    )


def notify_clinic(enquiry):
    """Queue the clinic's email about ``enquiry`` (Reply-To the patient); returns the outbox row or None."""
    recipients = notification_recipients()
    if not recipients:
        logger.warning("Enquiry %s received but no address to notify: set CLINIC_NOTIFY_EMAILS.", enquiry.pk)
        return None
    admin_path = reverse("admin:clinic_enquiry_change", args=[enquiry.pk])
    context = {"enquiry": enquiry, "admin_url": settings.SITE_URL + admin_path}
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
