"""The email outbox: queued with the data, claimed by one worker, retried, visible in the admin."""

import socket
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from clinic import registries
from clinic.models import OutboxEmail
from clinic.outbox import queue_email, send_due
from tests.factories import ArticleFactory, comment_post_data, enquiry_post_data
from tests.mail import deliver_outbox


class SlowRecordingBackend(BaseEmailBackend):
    """A mail server that takes a moment per message and remembers every subject it was given."""

    sent = []
    lock = threading.Lock()

    def send_messages(self, email_messages):
        for message in email_messages:
            time.sleep(0.01)  # long enough for the other worker to run at the same time
            with self.lock:
                self.sent.append(message.subject)
        return len(email_messages)


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("connection refused")


def queue(n=1, **overrides):
    return [
        queue_email(**{"to": ["patient@example.com"], "subject": f"Email {i}", "body": "Hello.", **overrides})
        for i in range(n)
    ]


@pytest.mark.django_db
def test_nothing_is_queued_when_the_transaction_rolls_back():
    def failing_write():
        with transaction.atomic():
            queue()
            raise RuntimeError("the write failed")

    with pytest.raises(RuntimeError):
        failing_write()
    assert not OutboxEmail.objects.exists()


@pytest.mark.django_db
def test_worker_sends_text_html_and_reply_to_once():
    queue(html_body="<p>Hello.</p>", reply_to=["morag@example.com"], from_email="Clinic <desk@clinic.example>")
    [email] = deliver_outbox()
    assert email.to == ["patient@example.com"]
    assert email.reply_to == ["morag@example.com"]
    assert email.from_email == "Clinic <desk@clinic.example>"
    assert email.alternatives[0][0] == "<p>Hello.</p>"
    row = OutboxEmail.objects.get()
    assert (row.status, row.attempts, row.sent_at is not None) == ("sent", 1, True)
    assert deliver_outbox() == [email]


@pytest.mark.django_db
def test_failures_back_off_exponentially_then_give_up(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    settings.OUTBOX_RETRY_SECONDS = 60
    settings.OUTBOX_MAX_ATTEMPTS = 3
    [row] = queue()
    delays = []
    for _attempt in range(3):
        before = timezone.now()
        assert send_due() == (0, 1)
        row.refresh_from_db()
        delays.append(round((row.next_attempt_at - before).total_seconds() / 60))
        assert send_due() == (0, 0)  # not due again yet
        OutboxEmail.objects.update(next_attempt_at=timezone.now())
    assert delays == [1, 2, 4]
    assert row.status == OutboxEmail.Status.FAILED
    assert row.attempts == 3
    assert "ConnectionRefusedError: connection refused" in row.last_error
    assert send_due() == (0, 0)  # given up: stays failed until staff retry


@pytest.mark.django_db
def test_admin_lists_failures_and_retries_them_now(admin_client, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 1
    [row] = queue()
    send_due()
    changelist = reverse("admin:clinic_outboxemail_changelist")
    page = admin_client.get(changelist + "?status__exact=failed").content.decode()
    assert "Email 0" in page
    assert "connection refused" in page
    response = admin_client.post(changelist, {"action": "retry", "_selected_action": [row.pk]}, follow=True)
    assert "1 email(s) queued to be sent again" in response.content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert [email.subject for email in deliver_outbox()] == ["Email 0"]
    assert admin_client.get(reverse("admin:clinic_outboxemail_change", args=[row.pk])).status_code == 200
    assert admin_client.get(reverse("admin:clinic_outboxemail_add")).status_code == 403


@pytest.mark.django_db
def test_outbox_is_a_personal_data_provider():
    queue(to=["Ailsa@Example.com", "desk@clinic.example"])
    queue(to=["someone@example.com"])
    provider = registries.personal_data_providers["outbox"]
    assert provider.label
    assert [row["to"] for row in provider.export("ailsa@example.com")] == [
        ["Ailsa@Example.com", "desk@clinic.example"]
    ]
    assert provider.erase("AILSA@example.com") == 1
    assert provider.export("ailsa@example.com") == []
    assert OutboxEmail.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_one_email_twice(settings):
    settings.EMAIL_BACKEND = f"{__name__}.SlowRecordingBackend"
    SlowRecordingBackend.sent = []
    queue(60)
    results = []

    def worker():
        try:
            results.append(send_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(SlowRecordingBackend.sent) == sorted(f"Email {i}" for i in range(60))
    assert all(sent > 0 for sent, _failed in results), "both workers took part"
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"sent"}


@pytest.fixture
def silent_mail_server(settings):
    """A TCP port that accepts connections and never says a word, with SMTP pointed at it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.getsockname()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    yield accepted
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


# Committing for real, so an email sent "after commit" inside the request would be sent here.
@pytest.mark.django_db(transaction=True)
def test_patients_never_wait_for_a_mail_server_that_never_answers(client, settings, silent_mail_server):
    settings.CLINIC_NOTIFY_EMAILS = ["desk@clinic.example"]
    article = ArticleFactory()
    for url, data in [
        (article.get_absolute_url(), comment_post_data()),
        (reverse("clinic:enquiry_create"), enquiry_post_data()),
    ]:
        started = time.monotonic()
        response = client.post(url, data)
        assert time.monotonic() - started < 1
        assert response.status_code == 302
    assert silent_mail_server == []  # nobody even tried to connect
    assert sorted(OutboxEmail.objects.values_list("kind", "status")) == [
        ("comment_moderators", "pending"),
        ("enquiry", "pending"),
        ("enquiry_acknowledgement", "pending"),
    ]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(email.to[0] for email in mail.outbox) == [
        "desk@clinic.example",
        "desk@clinic.example",
        "morag@example.com",
    ]
    assert len(mail.outbox) == 3
    assert not OutboxEmail.objects.exclude(status="sent").exists()


@pytest.mark.django_db
def test_a_worker_that_died_mid_send_is_taken_over_after_the_claim_expires():
    [row] = queue()
    OutboxEmail.objects.update(status="sending", claimed_at=timezone.now() - timedelta(minutes=1))
    assert deliver_outbox() == []
    OutboxEmail.objects.update(claimed_at=timezone.now() - OutboxEmail.CLAIM_TIMEOUT - timedelta(seconds=1))
    assert [email.subject for email in deliver_outbox()] == ["Email 0"]
