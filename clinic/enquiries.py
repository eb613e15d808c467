"""Receiving consultation enquiries: store first, then tell the clinic once the row is safe."""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile, Enquiry

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
    """Store an enquiry (consent time is now) and email the clinic after the transaction commits.

    Spam is stored flagged with ``spam_reason`` and not emailed. A mail failure is logged and
    never undoes the stored enquiry. ``site_url`` ("https://host/") makes the admin link absolute.
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
            transaction.on_commit(partial(notify_clinic, enquiry, site_url=site_url))
    return enquiry


def notify_clinic(enquiry, *, site_url=""):
    """Email the clinic about ``enquiry``; logs instead of raising, as the patient's request is done."""
    recipients = notification_recipients()
    if not recipients:
        logger.warning("Enquiry %s received but no address to notify: set CLINIC_NOTIFY_EMAILS.", enquiry.pk)
        return
    admin_path = reverse("admin:clinic_enquiry_change", args=[enquiry.pk])
    context = {"enquiry": enquiry, "admin_url": site_url.rstrip("/") + admin_path}
    subject = f"New consultation enquiry from {enquiry.name}"
    if enquiry.treatment:
        subject += f" about {enquiry.treatment}"
    try:
        send_mail(
            subject=subject,
            message=render_to_string("clinic/email/enquiry_notification.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    except Exception:
        # Any backend failure (SMTP down, bad credentials, timeout): the enquiry is already stored.
        logger.exception("Could not email the clinic about enquiry %s; it is in the admin.", enquiry.pk)
