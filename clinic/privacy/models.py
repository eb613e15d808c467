from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac


def email_key(email):
    """A keyed hash of ``email`` (case and spaces ignored): links requests about one person, storing no address."""
    return salted_hmac("clinic.privacy.email", email.strip().lower()).hexdigest()


class PrivacyRequest(models.Model):
    """One privacy request handled in the admin: who, when, what — never the person's details.

    The address is kept only as a keyed hash (``email_key``), so the log outlives an
    erasure without keeping what was erased, and the requests about one address can still
    be found by someone who types that address.
    """

    class Action(models.TextChoices):
        FIND = "find", "Looked up"
        EXPORT = "export", "Exported"
        ERASE = "erase", "Erased"
        ERASE_REFUSED = "erase_refused", "Erase stopped: the data changed"

    action = models.CharField(max_length=20, choices=Action.choices)
    email_hash = models.CharField("address (keyed hash)", max_length=64, db_index=True)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="by"
    )
    staff_username = models.CharField("by (user name)", max_length=150, help_text="Kept if the account is deleted.")
    counts = models.JSONField(default=dict, help_text="How many records of each kind were found, exported or erased.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)
        permissions = [("erase_personal_data", "Can erase everything held about a person")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["find", "export", "erase", "erase_refused"]),
                name="privacy_privacyrequest_action_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.staff_username} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def total(self):
        return sum(self.counts.values())
