"""The term store and the findings of the advertising-rules check.

Imported by ``clinic/models.py``, so the models belong to the ``clinic`` app (their tables
and migrations did not move when the code did).
"""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from clinic.compliance.checker import RULES as RULE_TEXT


class ComplianceTerm(models.Model):
    """A phrase or pattern the advertising-rules check looks for in public text (see checker.py)."""

    class Kind(models.TextChoices):
        PRESCRIPTION_MEDICINE = "prescription_medicine", "Prescription-only medicine"
        CLAIM = "claim", "Claim needing strong evidence"
        PRESSURE = "pressure", "Pressure to buy"
        UNDER_18 = "under_18", "Aimed at under-18s"

    class Severity(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"

    phrase = models.CharField(
        max_length=600,
        unique=True,
        help_text="Matched whole, ignoring capitals, spacing, dots and look-alike characters (“B0tox”, "
        "“b.o.t.o.x”). A plural with s is matched too. Use # for any number, e.g. “only # left”.",
    )
    is_pattern = models.BooleanField(
        "regular expression",
        default=False,
        help_text="Tick when the phrase is a Python regular expression over lower-case text (for advanced use).",
    )
    kind = models.CharField("rule", max_length=30, choices=Kind.choices)
    severity = models.CharField(
        max_length=10,
        choices=Severity.choices,
        default=Severity.MEDIUM,
        help_text="Publishing with an unacknowledged high-severity finding asks for confirmation.",
    )
    explanation = models.TextField(
        help_text="Why this wording is a problem, in plain English; staff see it beside each finding."
    )
    source = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where the rule comes from: a CAP Code rule, MHRA guidance or an ASA ruling (name and year).",
    )
    is_active = models.BooleanField(
        "checked", default=True, help_text="Untick to stop checking for this phrase (compliance leads only)."
    )

    class Meta:
        app_label = "clinic"
        ordering = ["kind", "phrase"]
        verbose_name = "advertising-rules term"
        permissions = [("manage_complianceterm", "Can disable or delete advertising-rules terms (compliance lead)")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["prescription_medicine", "claim", "pressure", "under_18"]),
                name="compliance_term_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(severity__in=["high", "medium"]), name="compliance_term_severity_valid"
            ),
        ]

    def __str__(self):
        return self.phrase if not self.is_pattern else f"pattern: {self.phrase[:60]}"

    def clean(self):
        if self.is_pattern:
            try:
                re.compile(self.phrase)
            except re.error as error:
                raise ValidationError({"phrase": f"This is not a valid regular expression: {error}."}) from error


class ComplianceTermChange(models.Model):
    """One change to the term store: who, when, what. Kept when the term itself is deleted."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        DISABLED = "disabled", "Disabled"
        ENABLED = "enabled", "Enabled"
        DELETED = "deleted", "Deleted"

    term = models.ForeignKey(ComplianceTerm, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes")
    phrase = models.CharField(max_length=600, help_text="The phrase at the time of the change.")
    action = models.CharField(max_length=10, choices=Action.choices)
    details = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "clinic"
        ordering = ["-changed_at", "-pk"]
        verbose_name = "advertising-rules term change"
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["added", "changed", "disabled", "enabled", "deleted"]),
                name="compliance_term_change_action_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} “{self.phrase[:60]}”"


class ComplianceFindingQuerySet(models.QuerySet):
    def open(self):
        """Findings nobody has acknowledged yet."""
        return self.filter(acknowledged_at__isnull=True)

    def high(self):
        return self.filter(term__severity=ComplianceTerm.Severity.HIGH)

    def for_object(self, obj):
        """Findings about one article, treatment, comparison, page or practitioner."""
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def for_model(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class ComplianceFinding(models.Model):
    """A term found in one sentence of one place of one checked object; recomputed each time staff save it.

    One row per (object, location, term, sentence): a recheck keeps the row, and so its
    acknowledgement, while that sentence reads the same, and deletes it once it changes.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    location = models.CharField(max_length=200, help_text="Where the wording is, e.g. “Body” or “Title”.")
    words = models.CharField("wording found", max_length=300)
    sentence = models.TextField(blank=True, help_text="The whole sentence the wording was found in.")
    sentence_key = models.CharField(
        max_length=32, blank=True, help_text="Fingerprint of the normalised sentence; changes when the sentence does."
    )
    term = models.ForeignKey(ComplianceTerm, on_delete=models.CASCADE, related_name="findings")
    found_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledgement_reason = models.TextField(
        blank=True,
        help_text="Why this wording is acceptable here, e.g. “quoted in a paragraph explaining the law”. "
        "Kept with your name and the time.",
    )

    objects = ComplianceFindingQuerySet.as_manager()

    class Meta:
        app_label = "clinic"
        ordering = ["content_type", "object_id", "location", "pk"]
        verbose_name = "advertising-rules finding"
        permissions = [("acknowledge_compliancefinding", "Can acknowledge advertising-rules findings")]
        indexes = [models.Index(fields=["content_type", "object_id"], name="compliance_finding_object")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "location", "term", "sentence_key"],
                name="compliance_finding_unique_sentence",
            ),
            # An acknowledgement always carries its reason.
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | ~Q(acknowledgement_reason=""),
                name="compliance_finding_ack_has_reason",
            ),
        ]

    def __str__(self):
        return f"“{self.words}” in {self.location}"

    @property
    def is_acknowledged(self):
        return self.acknowledged_at is not None

    @property
    def rule(self):
        """The CAP rule, plain explanation and suggested rewrite, as the checker gives them."""
        from_checker = RULE_TEXT.get(self.term.kind, {})
        return {
            "cap_rule": from_checker.get("cap_rule", ""),
            "explanation": self.term.explanation or from_checker.get("explanation", ""),
            "suggestion": from_checker.get("suggestion", ""),
        }
