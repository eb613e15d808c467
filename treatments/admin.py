from django.contrib import admin, messages

from clinic.admin import ComplianceCheckedAdmin, image_preview
from clinic.admin_forms import EditorialAdmin
from clinic.redirects import KeepOldAddressAdmin
from treatments.models import FAQ, RICH_SECTIONS, Comparison, Treatment, TreatmentCategory


@admin.register(TreatmentCategory)
class TreatmentCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


class FAQInline(admin.StackedInline):
    model = FAQ
    extra = 1
    fields = ["question", "answer", "order"]


@admin.register(Treatment)
class TreatmentAdmin(EditorialAdmin, KeepOldAddressAdmin, ComplianceCheckedAdmin, admin.ModelAdmin):
    public_flag = "is_published"
    compliance_fields = [
        "name", "slug", "summary", "downtime", "results_show", "results_last", "treatment_areas",
        *RICH_SECTIONS, "hero_image_alt", "seo_title", "seo_description",
    ]  # fmt: skip
    compliance_inlines = [("faqs", ["question", "answer"], "FAQ")]
    compliance_publish = ("is_published", True)
    list_display = ["name", "category", "price_from", "is_published", "is_featured", "order"]
    list_editable = ["order"]
    list_filter = ["is_published", "is_featured", "category"]
    list_select_related = ["category"]
    search_fields = ["name", "search_synonyms", "summary", "overview"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["practitioners"]
    readonly_fields = ["hero_image_preview", "created_at", "updated_at"]
    inlines = [FAQInline]
    collapsed_fieldsets = ["Sections"]  # nine long texts: folded, so the FAQs below are in reach
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["name", "search_synonyms", "slug", "category", "summary", "practitioners"]}),
        (
            "Facts at a glance",
            {
                "description": "Shown in the panel at the top of the page and in comparison tables. "
                "Leave a fact empty to hide it.",
                "fields": [
                    "price_from",
                    "session_minutes",
                    "sessions_in_course",
                    "downtime",
                    "results_show",
                    "results_last",
                    "treatment_areas",
                ],
            },
        ),
        (
            "Sections",
            {
                "fields": [
                    "overview",
                    "how_it_works",
                    "benefits",
                    "suits",
                    "does_not_suit",
                    "risks",
                    "what_to_expect",
                    "aftercare",
                    "product_and_source",
                ]
            },
        ),
        ("Image", {"fields": ["hero_image", "hero_image_preview", "hero_image_alt"]}),
        (
            "Medical review and price check",
            {"fields": ["medical_reviewer", "reviewed_on", "next_review_due_on", "price_confirmed_on"]},
        ),
        ("Publishing", {"fields": ["is_published", "is_featured", "order", "created_at", "updated_at"]}),
        ("Search engines", {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]}),
    ]

    @admin.display(description="current image")
    def hero_image_preview(self, obj):
        return image_preview(obj.hero_image)

    @admin.action(description="Publish selected treatments", permissions=["change"])
    def publish(self, request, queryset):
        # Only treatments with a risks section may go public; the rest are named, not skipped silently.
        queryset = self.exclude_flagged(request, queryset, "treatment")
        missing = list(queryset.filter(risks="").values_list("name", flat=True))
        count = queryset.exclude(risks="").update(is_published=True)
        self.message_user(request, f"Published {count} treatment(s).", messages.SUCCESS)
        if missing:
            self.message_user(request, "Not published, risks section missing: " + ", ".join(missing), messages.WARNING)

    @admin.action(description="Unpublish selected treatments", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(is_published=False)
        self.message_user(request, f"Unpublished {count} treatment(s).", messages.SUCCESS)


@admin.register(Comparison)
class ComparisonAdmin(ComplianceCheckedAdmin, admin.ModelAdmin):
    compliance_fields = ["verdict", "seo_title", "seo_description"]
    list_display = ["__str__", "has_verdict", "updated_at"]
    list_select_related = ["treatment_a", "treatment_b"]
    search_fields = ["treatment_a__name", "treatment_b__name", "verdict"]
    autocomplete_fields = ["treatment_a", "treatment_b"]
    fields = ["treatment_a", "treatment_b", "verdict", "seo_title", "seo_description"]

    @admin.display(boolean=True, description="verdict written")
    def has_verdict(self, obj):
        return bool(obj.verdict)
