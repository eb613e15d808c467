"""The clinic is emailed about each genuine enquiry, through the outbox, in the enquiry's transaction."""

from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from clinic.models import Enquiry, OutboxEmail
from tests.factories import TreatmentFactory, enquiry_post_data
from tests.mail import deliver_outbox

pytestmark = pytest.mark.django_db


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("mail server unavailable")


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


def test_clinic_is_emailed_the_enquiry_details(client):
    TreatmentFactory(slug="prp", name="PRP")
    client.post("/consultation/", enquiry_post_data(treatment="prp", preferred_contact="phone"))
    enquiry = Enquiry.objects.get()
    [email] = deliver_outbox()
    assert email.to == ["clinic@clinic.example"]
    assert email.reply_to == ["morag@example.com"]
    assert email.subject == "New consultation enquiry from Morag Campbell about PRP"
    assert "morag@example.com" in email.body
    assert "07700 900456" in email.body
    assert "Prefers: Phone call" in email.body
    assert "Could I come in for a consultation one evening?" in email.body
    assert f"http://testserver/admin/clinic/enquiry/{enquiry.pk}/change/" in email.body


def test_notify_setting_overrides_the_clinic_address(client, settings):
    settings.CLINIC_NOTIFY_EMAILS = ["front-desk@clinic.example", "doctor@clinic.example"]
    client.post("/consultation/", enquiry_post_data())
    assert deliver_outbox()[0].to == ["front-desk@clinic.example", "doctor@clinic.example"]


def test_email_is_queued_not_sent_during_the_request(client):
    client.post("/consultation/", enquiry_post_data())
    assert mail.outbox == []
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.PENDING


def test_hostile_text_cannot_add_email_headers(client):
    client.post("/consultation/", enquiry_post_data(name="Eve\r\nBcc: victim@example.com"))
    [email] = deliver_outbox()
    assert "\n" not in email.subject
    assert email.bcc == []


def test_failing_mail_server_loses_no_enquiry_and_keeps_the_email(client, settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    response = client.post("/consultation/", enquiry_post_data())
    assert response.status_code == 302
    assert Enquiry.objects.count() == 1
    assert deliver_outbox() == []
    queued = OutboxEmail.objects.get()
    assert queued.status == OutboxEmail.Status.PENDING
    assert queued.attempts == 1
    assert "mail server unavailable" in queued.last_error
