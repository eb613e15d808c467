"""The clinic is emailed about each genuine enquiry, after it is safely stored."""

import logging
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from clinic.models import Enquiry
from tests.factories import TreatmentFactory, enquiry_post_data

pytestmark = pytest.mark.django_db


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("mail server unavailable")


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


def test_clinic_is_emailed_the_enquiry_details(client, django_capture_on_commit_callbacks):
    TreatmentFactory(slug="prp", name="PRP")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/consultation/", enquiry_post_data(treatment="prp", preferred_contact="phone"))
    enquiry = Enquiry.objects.get()
    [email] = mail.outbox
    assert email.to == ["clinic@clinic.example"]
    assert email.subject == "New consultation enquiry from Morag Campbell about PRP"
    assert "morag@example.com" in email.body
    assert "07700 900456" in email.body
    assert "Prefers: Phone call" in email.body
    assert "Could I come in for a consultation one evening?" in email.body
    assert f"http://testserver/admin/clinic/enquiry/{enquiry.pk}/change/" in email.body


def test_notify_setting_overrides_the_clinic_address(client, settings, django_capture_on_commit_callbacks):
    settings.CLINIC_NOTIFY_EMAILS = ["front-desk@clinic.example", "doctor@clinic.example"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/consultation/", enquiry_post_data())
    assert mail.outbox[0].to == ["front-desk@clinic.example", "doctor@clinic.example"]


def test_email_is_sent_only_after_the_enquiry_is_committed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/consultation/", enquiry_post_data())
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_hostile_text_cannot_add_email_headers(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/consultation/", enquiry_post_data(name="Eve\r\nBcc: victim@example.com"))
    [email] = mail.outbox
    assert "\n" not in email.subject
    assert email.bcc == []


def test_failing_mail_server_loses_no_enquiry_and_logs_it(
    client, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    with caplog.at_level(logging.ERROR, logger="clinic.enquiries"), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/consultation/", enquiry_post_data())
    assert response.status_code == 302
    assert Enquiry.objects.count() == 1
    assert "Could not email the clinic about enquiry" in caplog.text
