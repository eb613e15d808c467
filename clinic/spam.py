"""Spam defence for public forms, without outside services.

Any public form (the consultation enquiry now, article comments later) mixes in
``SpamDefenceMixin`` and gets the same checks:

- a honeypot field people never see and bots tend to fill;
- a signed token holding the time the form was shown, so a form sent back faster than a
  person could type is caught, and a forged or missing token too;
- a link limit and the staff-edited ``BlockedWord`` list, over the fields named in
  ``spam_text_fields``;
- duplicate detection, through the form's ``is_duplicate()`` hook;
- a per-client rate limit kept in the cache under a keyed hash of the client's address,
  so no address is ever stored.

Duplicates, rate limits and expired forms are shown to the sender as form errors. The
other checks set ``form.spam_reason`` instead of failing, so the caller stores the
submission flagged as spam for staff to review: nothing is silently dropped, and a bot
learns nothing from the response.
"""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.crypto import salted_hmac

TOKEN_SALT = "clinic.spam.form-token"  # noqa: S105 (a namespace for signing, not a secret)
LINK_PATTERN = re.compile(r"(https?://|www\.|<a\s|\[url)", re.IGNORECASE)

RATE_LIMITED = "rate_limited"
DUPLICATE = "duplicate"
EXPIRED = "expired"


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

    Behind proxies, the address is read from X-Forwarded-For with the same number of
    trusted hops as the log-in throttle (the ``PROXY_COUNT`` environment variable).
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        address = forwarded[-proxies]
    return salted_hmac("clinic.spam.client", address).hexdigest()


def make_form_token(form_name, now=None):
    """A signed token recording which form was shown and when."""
    return signing.dumps({"form": form_name, "shown_at": now if now is not None else time.time()}, salt=TOKEN_SALT)


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
        self.spam_reason = reason or self._content_problem(cleaned_data)
        if self._over_rate_limit():
            raise forms.ValidationError(self.rate_limit_message, code=RATE_LIMITED)
        return cleaned_data

    def _token_problem(self):
        if self.cleaned_data.get(self.honeypot_name):
            return "honeypot filled in"
        try:
            token = signing.loads(self._submitted_token, salt=TOKEN_SALT)
        except signing.BadSignature:
            return "missing or forged form token"
        if not isinstance(token, dict) or token.get("form") != self.spam_form_name:
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

    def _over_rate_limit(self):
        """Count this submission against the client's allowance; True once it is used up."""
        if not self.client:
            return False
        key = f"spam-rate:{self.spam_form_name}:{self.client}"
        window = setting("SPAM_RATE_WINDOW_SECONDS")
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
        return count > setting("SPAM_RATE_LIMIT")

    @property
    def is_rate_limited(self):
        return self.has_error(NON_FIELD_ERRORS, RATE_LIMITED)
