from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from clinic.models import ClinicProfile, OpeningHours, Page, Practitioner, Redirect

admin.site.site_header = "Clinic administration"
admin.site.site_title = "Clinic admin"
admin.site.index_title = "Site content"


def image_preview(field_file, width=160):
    """An <img> tag for an admin preview, or a dash when there is no image."""
    if not field_file:
        return "—"
    return format_html('<img src="{}" alt="" style="max-width:{}px;height:auto">', field_file.url, width)


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
class PageAdmin(admin.ModelAdmin):
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
