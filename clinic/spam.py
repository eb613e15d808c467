"""Spam defence for public forms, without outside services.

Any public form (the consultation enquiry now, article comments later) mixes in
``SpamDefenceMixin`` and gets the same checks:

- a honeypot field people never see and bots tend to fill;
- a signed token holding the time the form was shown, so a form sent back faster than a
  person could type is caught, and a forged or missing token too; each token is accepted
  once from each client, so a captured submission cannot be replayed, while visitors shown
  the same cached page (clinic/http_cache.py) can each send it;
- a link limit and the staff-edited ``BlockedWord`` list, over the fields named in
  ``spam_text_fields``;
- duplicate detection, through the form's ``is_duplicate()`` hook;
- a per-client rate limit counted in the store every worker shares
  (``clinic/limits/counters.py``) under a keyed hash of the client's address, so no
  address is ever stored.

Duplicates, replays, rate limits and expired forms are shown to the sender as form errors. The
other checks set ``form.spam_reason`` instead of failing, so the caller stores the
submission flagged as spam for staff to review: nothing is silently dropped, and a bot
learns nothing from the response.
"""

import hashlib
import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.crypto import salted_hmac

from clinic.client_address import client_address
from clinic.limits.counters import count_hit, use_once

TOKEN_SALT = "clinic.spam.form-token"  # noqa: S105 (a namespace for signing, not a secret)
LINK_PATTERN = re.compile(r"(https?://|www\.|<a\s|\[url)", re.IGNORECASE)

RATE_LIMITED = "rate_limited"
DUPLICATE = "duplicate"
EXPIRED = "expired"
REPLAYED = "replayed"


def setting(name):
    """The spam defence settings, with defaults so a form works before the settings mention them."""
    defaults = {
        "SPAM_MIN_FILL_SECONDS": 3,
        "SPAM_MAX_FORM_AGE_SECONDS": 60 * 60 * 24,
        "SPAM_RATE_LIMIT": 5,
        "SPAM_RATE_WINDOW_SECONDS": 60 * 60,
        "SPAM_MAX_LINKS": 1,
    }
    return getattr(settings, name, defaults[name])


def client_fingerprint(request):
    """A keyed one-way hash of the client's address: enough to count requests, useless to identify anyone.

    The address is the one log-in throttling sees too (``clinic/client_address.py``).
    """
    return salted_hmac("clinic.spam.client", client_address(request)).hexdigest()


def make_form_token(form_name, now=None):
    """A signed token recording which form was shown and when; a random id makes each one unique."""
    shown_at = now if now is not None else time.time()
    return signing.dumps({"form": form_name, "shown_at": shown_at, "id": secrets.token_hex(8)}, salt=TOKEN_SALT)


def count_links(text):
    return len(LINK_PATTERN.findall(text or ""))


def find_blocked_phrase(text, phrases):
    """The first of ``phrases`` found in ``text`` as whole words (ignoring case), or None."""
    for phrase in phrases:
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text or "", re.IGNORECASE):
            return phrase
    return None


class SpamDefenceMixin:
    """Mix into a Form or ModelForm, before the form class: ``class F(SpamDefenceMixin, forms.Form)``.

    Pass ``client=client_fingerprint(request)`` when binding. After ``is_valid()``,
    ``spam_reason`` is "" for a clean submission or says which check caught it.
    Subclasses set ``spam_form_name`` (token and rate-limit scope), ``spam_text_fields``
    and may override ``is_duplicate(cleaned_data)``. The checks run only when the form is
    otherwise valid, so a subclass's own ``clean()`` does its checks before ``super().clean()``.
    """

    spam_form_name = "form"
    spam_text_fields = ()
    honeypot_name = "leave_blank"
    duplicate_message = "We already have this message from you. There is no need to send it again."
    rate_limit_message = (
        "You have sent several messages in a short time. Please wait an hour and try again, or call us."
    )
    expired_message = (
        "This form was open for a long time and has expired. Please check your details and send it again."
    )
    replayed_message = (
        "This form was already sent once. If you meant to send it again, check your details below and press send."
    )

    def __init__(self, *args, client="", **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.spam_reason = ""
        # Named so browsers' autofill leaves it alone; hidden by CSS and from assistive technology.
        self.fields[self.honeypot_name] = forms.CharField(
            label="Leave this field empty", required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
        )
        self.fields["form_token"] = forms.CharField(required=False, widget=forms.HiddenInput)
        # A fresh token on every render, including after errors: the clock restarts when shown.
        self.initial["form_token"] = make_form_token(self.spam_form_name)
        if self.is_bound:
            self.data = self.data.copy()
            self._submitted_token = self.data.get(self.add_prefix("form_token"), "")
            self.data[self.add_prefix("form_token")] = self.initial["form_token"]

    @property
    def honeypot_field(self):
        return self[self.honeypot_name]

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != self.honeypot_name]

    def is_duplicate(self, cleaned_data):
        """Whether this exact submission was already received; forms with stored data override this."""
        return False

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        if self.is_duplicate(cleaned_data):
            raise forms.ValidationError(self.duplicate_message, code=DUPLICATE)
        reason = self._token_problem()
        if reason == EXPIRED:
            raise forms.ValidationError(self.expired_message, code=EXPIRED)
        if self._token_is_genuine and not self._first_use_of_token():
            raise forms.ValidationError(self.replayed_message, code=REPLAYED)
        self.spam_reason = reason or self._content_problem(cleaned_data)
        if self._over_rate_limit():
            raise forms.ValidationError(self.rate_limit_message, code=RATE_LIMITED)
        return cleaned_data

    def _token_problem(self):
        try:
            token = signing.loads(self._submitted_token, salt=TOKEN_SALT)
        except signing.BadSignature:
            token = None
        self._token_is_genuine = isinstance(token, dict) and token.get("form") == self.spam_form_name
        if self.cleaned_data.get(self.honeypot_name):
            return "honeypot filled in"
        if token is None:
            return "missing or forged form token"
        if not self._token_is_genuine:
            return "token from another form"
        # The signature vouches for shown_at, so the form's age can be read from it.
        age = time.time() - float(token.get("shown_at", 0))
        if age > setting("SPAM_MAX_FORM_AGE_SECONDS"):
            return EXPIRED
        if age < setting("SPAM_MIN_FILL_SECONDS"):
            return "sent too quickly"
        return ""

    def _content_problem(self, cleaned_data):
        text = "\n".join(str(cleaned_data.get(name) or "") for name in self.spam_text_fields)
        if count_links(text) > setting("SPAM_MAX_LINKS"):
            return "too many links"
        from clinic.models import BlockedWord

        phrase = find_blocked_phrase(text, BlockedWord.objects.values_list("phrase", flat=True))
        if phrase:
            return f"blocked word: {phrase}"[:100]
        return ""

    def _first_use_of_token(self):
        """Record the submitted token as used by this client, shared by every worker until it would expire anyway.

        Per client because a shared cache (nginx, a CDN) shows everyone who opens the page
        within a minute the same copy, and so the same token: each of them may send it once.
        """
        token_id = hashlib.sha256(f"{self.client}:{self._submitted_token}".encode()).hexdigest()
        return use_once(
            f"form-token:{self.spam_form_name}", token_id, ttl_seconds=setting("SPAM_MAX_FORM_AGE_SECONDS")
        )

    def _over_rate_limit(self):
        """Count this submission against the client's allowance; True once it is used up."""
        if not self.client:
            return False
        hits = count_hit(
            f"form:{self.spam_form_name}", self.client, window_seconds=setting("SPAM_RATE_WINDOW_SECONDS")
        )
        return hits > setting("SPAM_RATE_LIMIT")

    @property
    def is_rate_limited(self):
        return self.has_error(NON_FIELD_ERRORS, RATE_LIMITED)
