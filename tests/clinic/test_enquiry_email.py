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


def emails_to(address):
    return [email for email in deliver_outbox() if email.to == [address]]


def test_clinic_is_emailed_the_enquiry_details(client, settings):
    settings.SITE_URL = "https://www.clinic.example"
    TreatmentFactory(slug="prp", name="PRP")
    client.post("/consultation/", enquiry_post_data(treatment="prp", preferred_contact="phone"))
    enquiry = Enquiry.objects.get()
    [email] = emails_to("clinic@clinic.example")
    assert email.reply_to == ["morag@example.com"]
    assert email.subject == "New consultation enquiry from Morag Campbell about PRP"
    assert "morag@example.com" in email.body
    assert "07700 900456" in email.body
    assert "Prefers: Phone call" in email.body
    assert "Could I come in for a consultation one evening?" in email.body
    assert f"https://www.clinic.example/admin/clinic/enquiry/{enquiry.pk}/change/" in email.body
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert f'<a href="https://www.clinic.example/admin/clinic/enquiry/{enquiry.pk}/change/"' in html


def test_patient_gets_one_acknowledgement_saying_what_happens_next_and_where_to_go_if_urgent(
    client, settings, clinic_profile
):
    settings.SITE_URL = "https://www.clinic.example"
    settings.DEFAULT_FROM_EMAIL = "hello@clinic.example"
    client.post("/consultation/", enquiry_post_data(preferred_contact="phone"))
    sent = deliver_outbox()
    assert len(sent) == 2  # one to the clinic, one to the patient: exactly one email per recipient
    [ack] = [email for email in sent if email.to == ["morag@example.com"]]
    assert ack.from_email == f"{clinic_profile.name} <hello@clinic.example>"
    assert ack.subject == f"We have your consultation enquiry – {clinic_profile.name}"
    assert "What happens next" in ack.body
    assert "contact you by phone within two working days" in ack.body
    assert "call 999" in ack.body
    assert "NHS 24 on 111" in ack.body
    assert "https://www.clinic.example/privacy/" in ack.body
    assert "NHS 24 on 111" in ack.alternatives[0][0]
    # Every email of the event says who it is from by the clinic's name.
    assert all(email.from_email.startswith(clinic_profile.name) for email in sent)


def test_spam_enquiry_sends_no_acknowledgement(client):
    client.post("/consultation/", enquiry_post_data(leave_blank="http://spam.example"))
    assert Enquiry.objects.get().is_spam
    assert deliver_outbox() == []


def test_sender_that_names_itself_is_kept(client, settings):
    settings.DEFAULT_FROM_EMAIL = "Front desk <desk@clinic.example>"
    client.post("/consultation/", enquiry_post_data())
    assert {email.from_email for email in deliver_outbox()} == {"Front desk <desk@clinic.example>"}


def test_notify_setting_overrides_the_clinic_address(client, settings):
    settings.CLINIC_NOTIFY_EMAILS = ["front-desk@clinic.example", "doctor@clinic.example"]
    client.post("/consultation/", enquiry_post_data())
    assert ["front-desk@clinic.example", "doctor@clinic.example"] in [email.to for email in deliver_outbox()]


def test_email_is_queued_not_sent_during_the_request(client):
    client.post("/consultation/", enquiry_post_data())
    assert mail.outbox == []
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxEmail.Status.PENDING}


def test_hostile_text_cannot_add_email_headers(client):
    client.post("/consultation/", enquiry_post_data(name="Eve\r\nBcc: victim@example.com"))
    for email in deliver_outbox():
        assert "\n" not in email.subject
        assert email.bcc == []


def test_failing_mail_server_loses_no_enquiry_and_keeps_the_email(client, settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    response = client.post("/consultation/", enquiry_post_data())
    assert response.status_code == 302
    assert Enquiry.objects.count() == 1
    assert deliver_outbox() == []
    queued = OutboxEmail.objects.get(kind="enquiry")
    assert queued.status == OutboxEmail.Status.PENDING
    assert queued.attempts == 1
    assert "mail server unavailable" in queued.last_error
