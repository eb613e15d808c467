"""Deleting personal data after the periods the privacy notice states.

Each app contributes a ``PurgeStep`` to ``clinic.registries.purge_steps`` in its
``AppConfig.ready()``. The ``purge`` command runs them all; the privacy notice lists the same
steps with the same periods (``retention_periods``), so what the notice promises is exactly
what the command deletes. Each period is a setting (see settings.py, "Retention").
"""

from dataclasses import dataclass
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from clinic.models import Enquiry, OutboxEmail
from clinic.registries import purge_steps


@dataclass(frozen=True)
class PurgeStep:
    """What is deleted (``notice``, as the privacy notice words it) and after how long.

    ``setting`` names the setting holding the period in days; ``delete(cutoff)`` deletes
    the rows older than ``cutoff`` and returns how many it deleted.
    """

    notice: str
    setting: str
    delete: object

    @property
    def days(self):
        return getattr(settings, self.setting)


def retention_periods():
    """(notice text, days) for every registered step, in the order the notice lists them."""
    return [(step.notice, step.days) for step in purge_steps]


def run_purge(*, now=None):
    """Run every step; returns (step name, rows deleted) pairs. Each step is its own transaction."""
    now = now or timezone.now()
    results = []
    for name, step in purge_steps.items():
        with transaction.atomic():
            results.append((name, step.delete(now - timedelta(days=step.days))))
    return results


def delete_old_enquiries(cutoff):
    return Enquiry.objects.filter(created_at__lt=cutoff).delete()[0]


def delete_old_login_records(cutoff):
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )


def delete_old_emails(cutoff):
    """Sent or abandoned emails older than ``cutoff``; emails still owed are kept until sent."""
    finished = [OutboxEmail.Status.SENT, OutboxEmail.Status.FAILED]
    return OutboxEmail.objects.filter(status__in=finished, created_at__lt=cutoff).delete()[0]


def register_clinic_steps():
    purge_steps.register(
        "enquiries",
        PurgeStep(
            notice="Consultation enquiries (your name, contact details and message), whether or not we replied",
            setting="RETENTION_ENQUIRY_DAYS",
            delete=delete_old_enquiries,
        ),
        order=10,
    )
    purge_steps.register(
        "email log",
        PurgeStep(
            notice="Copies of the emails the site sent you or the clinic about you (replies, "
            "confirmations, enquiry notices), kept to show what was sent",
            setting="RETENTION_EMAIL_LOG_DAYS",
            delete=delete_old_emails,
        ),
        order=80,
    )
    purge_steps.register(
        "login records",
        PurgeStep(
            notice="Records of staff log-ins and failed log-in attempts to the site's admin, "
            "with the network address they came from",
            setting="RETENTION_LOGIN_RECORD_DAYS",
            delete=delete_old_login_records,
        ),
        order=90,
    )
