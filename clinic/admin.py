import csv

from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from clinic.admin_forms import EditorialAdmin
from clinic.compliance.admin import ComplianceCheckedAdmin  # noqa: F401  (re-exported for the apps' admins)
from clinic.models import (
    BlockedWord,
    ClinicProfile,
    Enquiry,
    OpeningHours,
    OutboxEmail,
    Page,
    Practitioner,
    Redirect,
)
from clinic.outbox import retry_now

admin.site.site_header = "Clinic administration"
admin.site.site_title = "Clinic admin"
admin.site.index_title = "Site content"


def image_preview(field_file, width=160):
    """An <img> tag for an admin preview, or a dash when there is no image."""
    if not field_file:
        return "—"
    # A width attribute, not a style: admin lists keep a CSP without 'unsafe-inline'.
    return format_html('<img src="{}" alt="" width="{}">', field_file.url, width)


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
class PractitionerAdmin(EditorialAdmin, ComplianceCheckedAdmin, admin.ModelAdmin):
    has_preview = False  # the practitioner page has no draft state to preview
    compliance_fields = ["name", "role", "credentials", "memberships", "bio"]
    list_display = ["name", "role", "registration_number", "is_prescriber", "is_active", "order"]
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
        ("Listing", {"fields": ["is_active", "order", "user"]}),
    ]

    @admin.display(description="current photo")
    def photo_preview(self, obj):
        return image_preview(obj.photo)


@admin.register(Page)
class PageAdmin(EditorialAdmin, ComplianceCheckedAdmin, admin.ModelAdmin):
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
    list_display = [
        "name",
        "email_link",
        "phone_link",
        "treatment",
        "preferred_contact",
        "status",
        "is_spam",
        "created_at",
    ]
    list_filter = ["status", "is_spam", "preferred_contact", "treatment"]
    search_fields = ["name", "email", "phone", "message"]
    date_hierarchy = "created_at"
    actions = ["mark_contacted", "mark_closed", "mark_not_spam", "mark_spam", "export_csv"]
    readonly_fields = [
        "name", "email_link", "phone_link", "treatment", "preferred_contact", "message",
        "consent_given_at", "spam_reason", "created_at", "updated_at",
    ]  # fmt: skip
    fieldsets = [
        (
            "From the patient",
            {"fields": ["name", "email_link", "phone_link", "preferred_contact", "treatment", "message"]},
        ),
        ("Handling", {"fields": ["status", "staff_notes", "is_spam", "spam_reason"]}),
        ("Record", {"fields": ["consent_given_at", "created_at", "updated_at"]}),
    ]

    def has_add_permission(self, request):
        # Enquiries come from patients through the website, never typed in by staff.
        return False

    @admin.display(description="email", ordering="email")
    def email_link(self, obj):
        return format_html('<a href="mailto:{}">{}</a>', obj.email, obj.email)

    @admin.display(description="phone", ordering="phone")
    def phone_link(self, obj):
        if not obj.phone:
            return "—"
        # tel: takes digits and a leading +, without the "(0)" UK numbers carry after +44; the
        # number is shown as the patient typed it.
        number = "".join(ch for ch in obj.phone.replace("(0)", "") if ch.isdigit() or ch == "+")
        return format_html('<a href="tel:{}">{}</a>', number, obj.phone)

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
        # The byte-order mark tells Excel the file is UTF-8, so "Siobhán" is not garbled.
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for enquiry in queryset.order_by("created_at"):
            writer.writerow(
                [
                    csv_safe(value)
                    for value in (
                        timezone.localtime(enquiry.created_at).strftime("%Y-%m-%d %H:%M"),
                        enquiry.name,
                        enquiry.email,
                        enquiry.phone,
                        enquiry.treatment,
                        enquiry.get_preferred_contact_display(),
                        enquiry.message,
                        enquiry.get_status_display(),
                        enquiry.staff_notes,
                        "yes" if enquiry.is_spam else "no",
                        timezone.localtime(enquiry.consent_given_at).strftime("%Y-%m-%d %H:%M"),
                    )
                ]
            )
        return response


CSV_COLUMNS = [
    "Received", "Name", "Email", "Phone", "Treatment", "Preferred contact", "Message", "Status", "Staff notes", "Spam",
    "Consent given",
]  # fmt: skip


def csv_safe(value):
    """Patient-typed text that a spreadsheet would run as a formula gets a leading apostrophe.

    Spreadsheets skip leading spaces and line breaks before "=", so those count too; "|" starts DDE in old Excel.
    """
    text = str(value)
    return "'" + text if text.lstrip(" \t\r\n")[:1] in ("=", "+", "-", "@", "|", "\t", "\r") else text


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """The mail log: what the site sent or still owes, read-only, with failures to retry."""

    list_display = ["subject", "recipients", "kind", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status", "kind"]
    search_fields = ["recipients", "subject"]
    date_hierarchy = "created_at"
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Erasure goes through the personal-data request, which keeps its own record.
        return request.user.is_superuser

    @admin.action(description="Retry now", permissions=["view"])
    def retry(self, request, queryset):
        count = retry_now(queryset)
        self.message_user(request, f"{count} email(s) queued to be sent again by the next worker pass.")
