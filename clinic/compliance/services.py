"""Checking text against the term store, and keeping each object's findings."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from clinic.compliance.checker import check
from clinic.compliance.models import ComplianceFinding, ComplianceTerm
from clinic.registries import compliance_texts


def active_terms():
    """The terms staff have left switched on."""
    return list(ComplianceTerm.objects.filter(is_active=True))


def check_text(text, location="Text"):
    """Findings for one piece of text (plain or HTML) against the active terms; a list, empty when clean."""
    return check({location: text or ""}, active_terms())


class PublicationBlocked(Exception):
    """Raised by ``ensure_publishable``; ``findings`` are the high-severity ones, ``str()`` says what to change."""

    def __init__(self, findings):
        self.findings = findings
        listed = "; ".join(f"“{f.words}” ({f.cap_rule}: {f.explanation})" for f in findings)
        super().__init__(f"Not sent or published: this text breaks the advertising rules: {listed}")


def ensure_publishable(text, location="Text"):
    """Raise ``PublicationBlocked`` when ``text`` has high-severity findings; return all findings otherwise.

    For text that goes out with no form to acknowledge on, such as the clinic's reply to a
    comment, which is shown on the site and emailed to the patient.
    """
    findings = check_text(text, location)
    high = [f for f in findings if f.term.severity == ComplianceTerm.Severity.HIGH]
    if high:
        raise PublicationBlocked(high)
    return findings


def registered_texts(obj):
    """``{location: text}`` that patients read for ``obj``, from the app's entry in the registry (or None)."""
    for model in type(obj).__mro__:
        if model in compliance_texts:
            return {label: str(text or "") for label, text in compliance_texts[model](obj)}
    return None


def record_findings(obj, text_by_location, *, acknowledge=(), reason="", user=None):
    """Recheck ``obj`` and store its findings; returns the object's current findings.

    A finding whose sentence still reads the same keeps its row, and an acknowledgement
    follows its sentence (same term, same fingerprint) even if it moved to another place.
    Findings whose sentence changed or went are deleted. ``acknowledge`` lists
    (term id, sentence key) pairs to acknowledge now with ``reason`` by ``user``.
    """
    found = {}
    for finding in check(text_by_location, active_terms()):
        found.setdefault((finding.location, finding.term.pk, finding.sentence_key), finding)
    content_type = ContentType.objects.get_for_model(obj)
    acknowledge = set(acknowledge)
    with transaction.atomic():
        rows = list(ComplianceFinding.objects.filter(content_type=content_type, object_id=obj.pk))
        existing = {(row.location, row.term_id, row.sentence_key): row for row in rows}
        acknowledged = {(row.term_id, row.sentence_key): row for row in rows if row.is_acknowledged}
        # Rows from before findings were kept per sentence: their acknowledgement carries over.
        legacy = {(row.location, row.term_id): row for row in rows if not row.sentence_key and row.is_acknowledged}
        ComplianceFinding.objects.filter(pk__in=[row.pk for key, row in existing.items() if key not in found]).delete()
        now = timezone.now()
        for key, finding in found.items():
            row = existing.get(key)
            if row is None:
                row = ComplianceFinding(
                    content_type=content_type,
                    object_id=obj.pk,
                    location=finding.location,
                    term=finding.term,
                    sentence_key=finding.sentence_key,
                )
                earlier = acknowledged.get((finding.term.pk, finding.sentence_key)) or legacy.get(
                    (finding.location, finding.term.pk)
                )
                if earlier is not None:
                    row.acknowledged_at = earlier.acknowledged_at
                    row.acknowledged_by_id = earlier.acknowledged_by_id
                    row.acknowledgement_reason = earlier.acknowledgement_reason
            row.words = finding.words
            row.sentence = finding.sentence
            if (finding.term.pk, finding.sentence_key) in acknowledge and not row.is_acknowledged and reason:
                row.acknowledged_at, row.acknowledged_by, row.acknowledgement_reason = now, user, reason
            row.save()
    return list(
        ComplianceFinding.objects.filter(content_type=content_type, object_id=obj.pk).select_related(
            "term", "acknowledged_by"
        )
    )
