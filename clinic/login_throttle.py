"""The staff log-in throttling policy, on django-axes' database records.

Three limits, each counted over the last ``AXES_COOLOFF_TIME`` in the database (so every
worker and server shares them) from the client address of ``clinic/client_address.py``:

1. one username from one address: ``AXES_FAILURE_LIMIT`` wrong passwords (default 5)
   lock that pair — the usual "you mistyped" limit;
2. one address, whatever the usernames: ``LOGIN_ADDRESS_FAILURE_LIMIT`` (default 20) lock
   the address — so nobody can try a few passwords against every username;
3. one username, whatever the addresses: ``LOGIN_ACCOUNT_FAILURE_LIMIT`` (default 100)
   lock the account, but only for addresses the user has never logged in from
   (within ``LOGIN_KNOWN_ADDRESS_DAYS``) — so an attacker spreading guesses over many
   addresses gets nowhere, yet cannot lock the real user out of the clinic's own network.

A successful log-in clears only its own (username, address) failures: the address and
account counts keep counting, so a guesser holding one valid account cannot reset their
address's count by logging in with it.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

PAIR = "pair"
ADDRESS = "address"
ACCOUNT = "account"


class LoginThrottleHandler(AxesDatabaseHandler):
    """django-axes' database handler with the three limits above (``AXES_HANDLER``)."""

    def get_failures(self, request, credentials=None):
        """Failures against the limit nearest to locking, scaled to ``AXES_FAILURE_LIMIT``.

        django-axes compares one number with one limit, so a reached address or account
        limit is reported as ``AXES_FAILURE_LIMIT``; which limit it was is left on
        ``request.login_lock_reason`` for the lock-out page.
        """
        pair, address, account = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        reason = ""
        if pair >= settings.AXES_FAILURE_LIMIT:
            reason = PAIR
        elif address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            reason = ADDRESS
        elif account >= settings.LOGIN_ACCOUNT_FAILURE_LIMIT and not self._is_known_address(request, credentials):
            reason = ACCOUNT
        request.login_lock_reason = reason
        return settings.AXES_FAILURE_LIMIT if reason else pair

    def reset_user_attempts(self, request, credentials=None):
        """After a successful log-in, forget only that username's failures from that address."""
        attempts = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials), ip_address=request.axes_ip_address
        )
        count, _ = attempts.delete()
        return count

    def _is_known_address(self, request, credentials):
        username = get_client_username(request, credentials)
        return AccessLog.objects.filter(
            username=username,
            ip_address=request.axes_ip_address,
            attempt_time__gte=timezone.now() - timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS),
        ).exists()


def lockout_response(request, original_response=None, credentials=None):
    """The "too many log-in attempts" page (``AXES_LOCKOUT_CALLABLE``), saying which limit was reached."""
    context = {
        "reason": getattr(request, "login_lock_reason", "") or PAIR,
        "minutes": int(get_cool_off(request).total_seconds() // 60),
    }
    return render(request, "clinic/login_locked.html", context, status=429)
