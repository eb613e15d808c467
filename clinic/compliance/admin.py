"""Admin integration: the mixin that checks what staff save, and the term, change-log and finding admins."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from clinic.compliance.checker import check
from clinic.compliance.models import ComplianceFinding, ComplianceTerm, ComplianceTermChange
from clinic.compliance.services import active_terms, record_findings, registered_texts


class ComplianceCheckedAdmin:
    """Mixin for a ModelAdmin whose object is public text: checks it on every save.

    Set ``compliance_fields`` (model field names; the location shown is the field's label),
    optionally ``compliance_inlines`` as ``[(related name, [fields], label)]`` for inline rows
    (e.g. FAQs), and ``compliance_publish`` as ``(field, value meaning public)``. What is
    stored is checked with the texts the model's app registered in
    ``clinic.registries.compliance_texts`` (falling back to these fields).

    On the form staff tick several findings and give one reason to acknowledge them, and
    stay on the form. Saving something public with a high-severity finding nobody has
    acknowledged asks again; every message says whether the page is live.
    """

    compliance_fields = []
    compliance_inlines = []
    compliance_publish = None

    def compliance_texts(self, obj, data=None):
        """``{location: text}`` for ``obj``; from submitted ``data`` (a cleaned_data dict) when given."""
        texts = {}
        for name in self.compliance_fields:
            label = capfirst(self.model._meta.get_field(name).verbose_name)
            value = data.get(name) if data is not None else getattr(obj, name)
            texts[label] = str(value or "")
        for related_name, fields, label in self.compliance_inlines:
            rows = [] if obj is None or not obj.pk else getattr(obj, related_name).all()
            for row in rows:
                texts.update(self._inline_texts(label, fields, {name: getattr(row, name) for name in fields}))
        return texts

    def _inline_texts(self, label, fields, values):
        first = str(values.get(fields[0], ""))[:60]
        return {f"{label} “{first}”: {name.replace('_', ' ')}": str(values.get(name) or "") for name in fields}

    def _posted_inline_texts(self, post):
        # Inline rows are validated after the main form, so read them as sent; rows
        # marked for deletion are left out, as they will be gone once saved.
        texts = {}
        for related_name, fields, label in self.compliance_inlines:
            try:
                total = int(post.get(f"{related_name}-TOTAL_FORMS", 0))
            except ValueError:
                continue
            for index in range(min(total, 1000)):
                prefix = f"{related_name}-{index}-"
                if post.get(prefix + "DELETE"):
                    continue
                values = {name: post.get(prefix + name, "") for name in fields}
                if any(values.values()):
                    texts.update(self._inline_texts(label, fields, values))
        return texts

    def is_live(self, obj):
        """Whether the stored ``obj`` is public now (as far as its publish field says)."""
        if obj is None or not obj.pk or not self.compliance_publish:
            return False
        field, public_value = self.compliance_publish
        return getattr(obj, field) == public_value

    def live_phrase(self, obj):
        noun = self.model._meta.verbose_name
        if not self.compliance_publish:
            return f"This {noun} is shown on the site."
        return f"This {noun} is live on the site." if self.is_live(obj) else f"This {noun} is not published."

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        admin_ = self
        publish = self.compliance_publish
        open_findings = ComplianceFinding.objects.none()
        if obj is not None and obj.pk:
            open_findings = ComplianceFinding.objects.for_object(obj).open().select_related("term")
        can_acknowledge = request.user.has_perm("clinic.acknowledge_compliancefinding")

        class ComplianceForm(base):
            if can_acknowledge:
                acknowledge_findings = forms.ModelMultipleChoiceField(
                    queryset=open_findings,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    label="Acknowledge findings",
                    help_text="Tick the findings that are acceptable here; one reason covers them all. An "
                    "acknowledgement lasts while its sentence stays the same.",
                )
                acknowledgement_reason = forms.CharField(
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    label="Reason",
                    help_text="Why the ticked wording is acceptable, e.g. “explains the law, promotes nothing”. "
                    "Also needed with “Publish anyway”.",
                )
            if publish:
                publish_anyway = forms.BooleanField(
                    required=False,
                    label="Publish anyway",
                    help_text="Tick to publish even though high-severity findings are unacknowledged; they are "
                    "then acknowledged with your reason and name. Changing the wording is better.",
                )

            def clean(self):
                cleaned = super().clean()
                reason = (cleaned.get("acknowledgement_reason") or "").strip()
                if cleaned.get("acknowledge_findings") and not reason:
                    self.add_error("acknowledgement_reason", "Give a reason for acknowledging the ticked findings.")
                if not publish:
                    return cleaned
                field, public_value = publish
                if cleaned.get(field, getattr(obj, field, None)) != public_value:
                    return cleaned
                texts = admin_.compliance_texts(obj, data=cleaned)
                texts.update(admin_._posted_inline_texts(request.POST))
                ticked = {(f.term_id, f.sentence_key) for f in cleaned.get("acknowledge_findings") or []}
                blocking = [
                    f for f in admin_.unacknowledged_high(obj, texts) if (f.term.pk, f.sentence_key) not in ticked
                ]
                if not blocking:
                    return cleaned
                if cleaned.get("publish_anyway"):
                    if not reason:
                        self.add_error("acknowledgement_reason", "Give a reason for publishing anyway.")
                    self.publish_anyway_findings = blocking
                    return cleaned
                listed = "; ".join(f"“{f.words}” in {f.location} ({f.cap_rule})" for f in blocking)
                noun = admin_.model._meta.verbose_name
                if admin_.is_live(obj):
                    message = (
                        f"Not saved: your changes bring high-severity advertising-rules findings nobody has "
                        f"acknowledged ({listed}). The {noun} is still live with its previous wording. Change "
                        f"the wording, or tick “Publish anyway” and give a reason. Nothing you typed has been lost."
                    )
                else:
                    message = (
                        f"Not published: this has high-severity advertising-rules findings nobody has "
                        f"acknowledged ({listed}). The {noun} stays unpublished. Change the wording, or tick "
                        f"“Publish anyway” and give a reason. Nothing you typed has been lost."
                    )
                self.add_error("publish_anyway", message)
                return cleaned

        return super().get_form(request, obj, change=change, form=ComplianceForm, **kwargs)

    def unacknowledged_high(self, obj, texts):
        """High-severity findings in ``texts`` whose sentence was not already acknowledged for ``obj``."""
        found = [f for f in check(texts, active_terms()) if f.term.severity == ComplianceTerm.Severity.HIGH]
        acknowledged = set()
        if obj is not None and obj.pk:
            acknowledged = set(
                ComplianceFinding.objects.for_object(obj)
                .filter(acknowledged_at__isnull=False)
                .values_list("term_id", "sentence_key")
            )
        return [f for f in found if (f.term.pk, f.sentence_key) not in acknowledged]

    def get_fieldsets(self, request, obj=None):
        fields = ["compliance_findings"]
        if obj is not None and obj.pk and request.user.has_perm("clinic.acknowledge_compliancefinding"):
            fields += ["acknowledge_findings", "acknowledgement_reason"]
        if self.compliance_publish:
            fields.append("publish_anyway")
        section = (
            "Advertising rules",
            {
                "fields": fields,
                "description": "Wording the advertising rules for clinics restrict, found when this was last "
                "saved, each with the CAP rule and a lawful way to say it.",
            },
        )
        return [section, *super().get_fieldsets(request, obj)]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "compliance_findings"]

    @admin.display(description="findings")
    def compliance_findings(self, obj):
        if obj is None or not obj.pk:
            return "Checked when you save."
        findings = list(ComplianceFinding.objects.for_object(obj).select_related("term", "acknowledged_by"))
        if not findings:
            return "None."
        return render_to_string("admin/clinic/_compliance_findings.html", {"findings": findings})

    def texts_to_record(self, obj):
        texts = registered_texts(obj)
        return texts if texts is not None else self.compliance_texts(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines are saved, so FAQ answers are checked as stored.
        obj = form.instance
        reason = (form.cleaned_data.get("acknowledgement_reason") or "").strip()
        ticked = {(f.term_id, f.sentence_key) for f in form.cleaned_data.get("acknowledge_findings") or []}
        ticked |= {(f.term.pk, f.sentence_key) for f in getattr(form, "publish_anyway_findings", [])}
        findings = record_findings(
            obj, self.texts_to_record(obj), acknowledge=ticked, reason=reason, user=request.user
        )
        self._acknowledged_now = len(ticked) if reason else 0
        open_findings = [f for f in findings if not f.is_acknowledged]
        live = self.live_phrase(obj)
        if ticked and reason:
            self.message_user(request, f"Acknowledged with your reason. {live}", messages.SUCCESS)
        if open_findings:
            listed = "; ".join(
                f"“{f.words}” in {f.location} ({f.term.get_kind_display().lower()})" for f in open_findings
            )
            self.message_user(
                request,
                f"Advertising rules: please check {listed}. {live} The findings are listed at the top of the form.",
                messages.WARNING,
            )

    def response_change(self, request, obj):
        if getattr(self, "_acknowledged_now", 0):
            # Acknowledging is part of editing: stay on the form.
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def exclude_flagged(self, request, queryset, noun):
        """``queryset`` without objects holding unacknowledged high-severity findings, saying which were skipped."""
        flagged_ids = ComplianceFinding.objects.for_model(queryset.model).open().high().values("object_id")
        flagged = list(queryset.filter(pk__in=flagged_ids))
        if flagged:
            self.message_user(
                request,
                f"Not published, unacknowledged high-severity advertising-rules findings: "
                f"{', '.join(str(item) for item in flagged)}. They stay unpublished; open each {noun} to review them.",
                messages.WARNING,
            )
        return queryset.exclude(pk__in=flagged_ids)


TRACKED_FIELDS = ["phrase", "is_pattern", "kind", "severity", "explanation", "source", "is_active"]


@admin.register(ComplianceTerm)
class ComplianceTermAdmin(admin.ModelAdmin):
    """Staff add terms; only compliance leads change, disable or delete one. Every change is logged."""

    list_display = ["__str__", "kind", "severity", "source", "is_active"]
    list_filter = ["kind", "severity", "is_active", "is_pattern"]
    search_fields = ["phrase", "explanation", "source"]
    fields = ["phrase", "is_pattern", "kind", "severity", "explanation", "source", "is_active"]

    @staticmethod
    def is_lead(request):
        return request.user.has_perm("clinic.manage_complianceterm")

    def has_change_permission(self, request, obj=None):
        if obj is not None and not self.is_lead(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.is_lead(request) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if self.is_lead(request) else ["is_active"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            action, details = ComplianceTermChange.Action.ADDED, ""
        elif form.changed_data == ["is_active"]:
            action = ComplianceTermChange.Action.ENABLED if obj.is_active else ComplianceTermChange.Action.DISABLED
            details = ""
        else:
            action = ComplianceTermChange.Action.CHANGED
            details = "; ".join(
                f"{name}: “{form.initial.get(name)}” → “{form.cleaned_data.get(name)}”"
                for name in form.changed_data
                if name in TRACKED_FIELDS
            )
        ComplianceTermChange.objects.create(
            term=obj, phrase=obj.phrase, action=action, details=details, changed_by=request.user
        )

    def delete_model(self, request, obj):
        self._log_deleted(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._log_deleted(request, list(queryset))
        super().delete_queryset(request, queryset)

    def _log_deleted(self, request, terms):
        ComplianceTermChange.objects.bulk_create(
            ComplianceTermChange(
                phrase=term.phrase,
                action=ComplianceTermChange.Action.DELETED,
                details=f"{term.get_kind_display()}, {term.get_severity_display().lower()}; source: {term.source}",
                changed_by=request.user,
            )
            for term in terms
        )


@admin.register(ComplianceTermChange)
class ComplianceTermChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "changed_by", "action", "phrase", "details"]
    list_filter = ["action"]
    list_select_related = ["changed_by"]
    search_fields = ["phrase", "details"]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ComplianceFinding)
class ComplianceFindingAdmin(admin.ModelAdmin):
    """Findings are made by the check; staff only acknowledge them, with a reason."""

    list_display = ["words", "location", "content_object", "term", "acknowledged_at", "acknowledged_by"]
    list_filter = ["term__kind", "term__severity", ("acknowledged_at", admin.EmptyFieldListFilter)]
    list_select_related = ["term", "acknowledged_by", "content_type"]
    fields = [
        "checked_item", "location", "words", "sentence", "term", "rule", "found_at",
        "acknowledgement_reason", "acknowledged_by", "acknowledged_at",
    ]  # fmt: skip
    readonly_fields = [
        "checked_item", "location", "words", "sentence", "term", "rule", "found_at", "acknowledged_by",
        "acknowledged_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("clinic.acknowledge_compliancefinding")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_acknowledged:
            return self.fields
        return self.readonly_fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "acknowledgement_reason" in form.base_fields:
            form.base_fields["acknowledgement_reason"].required = True
        return form

    @admin.display(description="found in")
    def checked_item(self, obj):
        item = obj.content_object
        if item is None:
            return "—"
        url = reverse(f"admin:{obj.content_type.app_label}_{obj.content_type.model}_change", args=[item.pk])
        return format_html('<a href="{}">{}</a>', url, item)

    @admin.display(description="rule")
    def rule(self, obj):
        rule = obj.rule
        return (
            f"{obj.term.get_kind_display()} ({obj.term.get_severity_display().lower()}, {rule['cap_rule']}): "
            f"{rule['explanation']} Try instead: {rule['suggestion']} Source: {obj.term.source or '—'}"
        )

    def save_model(self, request, obj, form, change):
        if obj.acknowledgement_reason.strip() and not obj.is_acknowledged:
            obj.acknowledged_by = request.user
            obj.acknowledged_at = timezone.now()
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if "_continue" not in request.POST:
            return HttpResponseRedirect(reverse("compliance_dashboard"))
        return super().response_change(request, obj)
