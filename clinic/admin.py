import csv

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from clinic.compliance import active_terms, check, record_findings
from clinic.models import (
    BlockedWord,
    ClinicProfile,
    ComplianceFinding,
    ComplianceTerm,
    Enquiry,
    OpeningHours,
    Page,
    Practitioner,
    Redirect,
)

admin.site.site_header = "Clinic administration"
admin.site.site_title = "Clinic admin"
admin.site.index_title = "Site content"


def image_preview(field_file, width=160):
    """An <img> tag for an admin preview, or a dash when there is no image."""
    if not field_file:
        return "—"
    # A width attribute, not a style: admin lists keep a CSP without 'unsafe-inline'.
    return format_html('<img src="{}" alt="" width="{}">', field_file.url, width)


class ComplianceCheckedAdmin:
    """Mixin for a ModelAdmin whose object is public text: checks it on every save.

    Set ``compliance_fields`` (model field names; the location shown is the field's label),
    optionally ``compliance_inlines`` as ``[(related name, [fields], label)]`` for inline rows
    (e.g. FAQs), and ``compliance_publish`` as ``(field, value meaning public)``. Saving
    something public with unacknowledged high-severity findings needs "Publish anyway"
    ticked; otherwise the form comes back with everything typed still in it.
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        if not self.compliance_publish:
            return super().get_form(request, obj, change=change, form=base, **kwargs)
        admin_ = self
        field, public_value = self.compliance_publish

        class ComplianceForm(base):
            publish_anyway = forms.BooleanField(
                required=False,
                label="Publish anyway",
                help_text="Tick to publish even though high-severity advertising-rules findings are "
                "unacknowledged. Acknowledging them (with a reason) is better.",
            )

            def clean(self):
                cleaned = super().clean()
                if cleaned.get(field) != public_value or cleaned.get("publish_anyway"):
                    return cleaned
                texts = admin_.compliance_texts(obj, data=cleaned)
                texts.update(admin_._posted_inline_texts(request.POST))
                blocking = admin_.unacknowledged_high(obj, texts)
                if blocking:
                    listed = "; ".join(f"“{f.words}” in {f.location}" for f in blocking)
                    message = (
                        f"Not published: this has high-severity advertising-rules findings nobody has "
                        f"acknowledged ({listed}). Change the wording, acknowledge the findings, or tick "
                        f"“Publish anyway”. Nothing you typed has been lost."
                    )
                    self.add_error("publish_anyway", message)
                return cleaned

        return super().get_form(request, obj, change=change, form=ComplianceForm, **kwargs)

    def unacknowledged_high(self, obj, texts):
        """High-severity findings in ``texts`` not already acknowledged for ``obj``."""
        found = [f for f in check(texts, active_terms()) if f.term.severity == ComplianceTerm.Severity.HIGH]
        acknowledged = set()
        if obj is not None and obj.pk:
            acknowledged = set(
                ComplianceFinding.objects.for_object(obj)
                .filter(acknowledged_at__isnull=False)
                .values_list("location", "term_id")
            )
        return [f for f in found if (f.location, f.term.pk) not in acknowledged]

    def get_fieldsets(self, request, obj=None):
        fields = ["compliance_findings"]
        if self.compliance_publish:
            fields.append("publish_anyway")
        section = (
            "Advertising rules",
            {
                "fields": fields,
                "description": "Wording the advertising rules for clinics restrict, found when this was last "
                "saved. Change it, or acknowledge a finding with your reason.",
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines are saved, so FAQ answers are checked as stored.
        obj = form.instance
        findings = record_findings(obj, self.compliance_texts(obj))
        open_findings = [f for f in findings if not f.is_acknowledged]
        if open_findings:
            listed = "; ".join(
                f"“{f.words}” in {f.location} ({f.term.get_kind_display().lower()})" for f in open_findings
            )
            self.message_user(
                request,
                f"Advertising rules: please check {listed}. The findings are listed at the top of the form.",
                messages.WARNING,
            )

    def exclude_flagged(self, request, queryset, noun):
        """``queryset`` without objects holding unacknowledged high-severity findings, saying which were skipped."""
        flagged_ids = ComplianceFinding.objects.for_model(queryset.model).open().high().values("object_id")
        flagged = list(queryset.filter(pk__in=flagged_ids))
        if flagged:
            self.message_user(
                request,
                f"Not published, unacknowledged high-severity advertising-rules findings: "
                f"{', '.join(str(item) for item in flagged)}. Open each {noun} to review them.",
                messages.WARNING,
            )
        return queryset.exclude(pk__in=flagged_ids)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(ClinicProfile)
class ClinicProfileAdmin(admin.ModelAdmin):
    inlines = [OpeningHoursInline]
    fieldsets = [
        (None, {"fields": ["name", "tagline", "booking_note"]}),
        ("Contact", {"fields": ["street_address", "locality", "postcode", "country", "phone", "email"]}),
        ("Map position (optional)", {"fields": ["latitude", "longitude"], "classes": ["collapse"]}),
        ("Regulation", {"fields": ["his_registration_number", "his_register_url", "complaints_procedure"]}),
        ("Social", {"fields": ["instagram_url", "facebook_url"]}),
    ]

    def has_add_permission(self, request):
        return not ClinicProfile.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row only: the list would be a pointless extra click.
        profile = ClinicProfile.objects.first()
        if profile:
            return redirect(reverse("admin:clinic_clinicprofile_change", args=[profile.pk]))
        return redirect(reverse("admin:clinic_clinicprofile_add"))


@admin.register(Practitioner)
class PractitionerAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "regulator", "registration_number", "is_prescriber", "is_active", "order"]
    list_editable = ["order"]
    list_filter = ["regulator", "is_prescriber", "is_active"]
    search_fields = ["name", "registration_number", "credentials"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["photo_preview"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "credentials", "bio", "photo", "photo_preview"]}),
        (
            "Registration",
            {"fields": ["regulator", "registration_number", "register_url", "is_prescriber", "memberships"]},
        ),
        ("Listing", {"fields": ["is_active", "order"]}),
    ]

    @admin.display(description="current photo")
    def photo_preview(self, obj):
        return image_preview(obj.photo)


@admin.register(Page)
class PageAdmin(ComplianceCheckedAdmin, admin.ModelAdmin):
    compliance_fields = ["title", "slug", "body", "seo_description"]
    compliance_publish = ("is_published", True)
    list_display = ["title", "slug", "is_published", "show_in_footer", "updated_at"]
    list_filter = ["is_published", "show_in_footer"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path", "is_permanent", "created_at"]
    list_filter = ["is_permanent"]
    search_fields = ["old_path", "new_path"]
    date_hierarchy = "created_at"


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ["phrase", "created_at"]
    search_fields = ["phrase"]


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    list_display = ["name", "treatment", "preferred_contact", "status", "is_spam", "created_at"]
    list_filter = ["status", "is_spam", "preferred_contact", "treatment"]
    list_select_related = ["treatment"]
    search_fields = ["name", "email", "phone", "message"]
    date_hierarchy = "created_at"
    actions = ["mark_contacted", "mark_closed", "mark_not_spam", "mark_spam", "export_csv"]
    readonly_fields = [
        "name", "email", "phone", "treatment", "preferred_contact", "message",
        "consent_given_at", "spam_reason", "created_at", "updated_at",
    ]  # fmt: skip
    fieldsets = [
        ("From the patient", {"fields": ["name", "email", "phone", "preferred_contact", "treatment", "message"]}),
        ("Handling", {"fields": ["status", "staff_notes", "is_spam", "spam_reason"]}),
        ("Record", {"fields": ["consent_given_at", "created_at", "updated_at"]}),
    ]

    def has_add_permission(self, request):
        # Enquiries come from patients through the website, never typed in by staff.
        return False

    def _set(self, request, queryset, outcome, **values):
        count = queryset.update(**values)
        noun = "enquiry" if count == 1 else "enquiries"
        self.message_user(request, f"{count} {noun} {outcome}.", messages.SUCCESS)

    @admin.action(description="Mark as contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        self._set(request, queryset, "marked as contacted", status=Enquiry.Status.CONTACTED)

    @admin.action(description="Mark as closed", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._set(request, queryset, "closed", status=Enquiry.Status.CLOSED)

    @admin.action(description="Not spam: move to the inbox", permissions=["change"])
    def mark_not_spam(self, request, queryset):
        self._set(request, queryset, "marked as genuine", is_spam=False)

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set(request, queryset, "marked as spam", is_spam=True, spam_reason="marked by staff")

    @admin.action(description="Export selected to CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="enquiries-{timezone.localdate():%Y-%m-%d}.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for enquiry in queryset.select_related("treatment").order_by("created_at"):
            writer.writerow(
                [
                    csv_safe(value)
                    for value in (
                        timezone.localtime(enquiry.created_at).strftime("%Y-%m-%d %H:%M"),
                        enquiry.name,
                        enquiry.email,
                        enquiry.phone,
                        enquiry.treatment.name if enquiry.treatment else "",
                        enquiry.get_preferred_contact_display(),
                        enquiry.message,
                        enquiry.get_status_display(),
                        "yes" if enquiry.is_spam else "no",
                        timezone.localtime(enquiry.consent_given_at).strftime("%Y-%m-%d %H:%M"),
                    )
                ]
            )
        return response


CSV_COLUMNS = [
    "Received", "Name", "Email", "Phone", "Treatment", "Preferred contact", "Message", "Status", "Spam",
    "Consent given",
]  # fmt: skip


def csv_safe(value):
    """Patient-typed text that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# --- Advertising rules ----------------------------------------------------------


@admin.register(ComplianceTerm)
class ComplianceTermAdmin(admin.ModelAdmin):
    list_display = ["phrase", "kind", "severity", "is_active"]
    list_filter = ["kind", "severity", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["phrase", "explanation"]


@admin.register(ComplianceFinding)
class ComplianceFindingAdmin(admin.ModelAdmin):
    """Findings are made by the check; staff only acknowledge them, with a reason."""

    list_display = ["words", "location", "content_object", "term", "acknowledged_at", "acknowledged_by"]
    list_filter = ["term__kind", "term__severity", ("acknowledged_at", admin.EmptyFieldListFilter)]
    list_select_related = ["term", "acknowledged_by", "content_type"]
    fields = [
        "checked_item", "location", "words", "term", "rule", "found_at",
        "acknowledgement_reason", "acknowledged_by", "acknowledged_at",
    ]  # fmt: skip
    readonly_fields = [
        "checked_item", "location", "words", "term", "rule", "found_at", "acknowledged_by", "acknowledged_at",
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
        return f"{obj.term.get_kind_display()} ({obj.term.get_severity_display().lower()}): {obj.term.explanation}"

    def save_model(self, request, obj, form, change):
        if obj.acknowledgement_reason.strip() and not obj.is_acknowledged:
            obj.acknowledged_by = request.user
            obj.acknowledged_at = timezone.now()
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if "_continue" not in request.POST:
            return redirect("compliance_dashboard")
        return super().response_change(request, obj)
