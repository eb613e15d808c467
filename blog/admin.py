from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from blog.models import Article, Category, Reference, Tag
from clinic.admin import ComplianceCheckedAdmin, image_preview
from clinic.admin_forms import EditorialAdmin
from clinic.redirects import KeepOldAddressAdmin


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 1
    fields = ["citation", "url", "order"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(EditorialAdmin, KeepOldAddressAdmin, ComplianceCheckedAdmin, admin.ModelAdmin):
    compliance_fields = ["title", "slug", "excerpt", "body", "cover_alt", "seo_title", "seo_description"]
    compliance_publish = ("status", Article.Status.PUBLISHED)
    list_display = ["title", "state", "author", "published_at", "updated_at", "comments"]
    list_select_related = ["author"]
    list_filter = ["status", "categories", "tags", "author"]
    search_fields = ["title", "excerpt", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["categories", "tags", "related_treatments"]
    readonly_fields = ["cover_preview", "updated_at"]
    inlines = [ReferenceInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "excerpt", "body"]}),
        ("Cover image", {"fields": ["cover", "cover_preview", "cover_alt"]}),
        ("Authorship and review", {"fields": ["author", "medical_reviewer", "reviewed_on", "next_review_due_on"]}),
        ("Publishing", {"fields": ["status", "published_at", "updated_at", "is_featured", "is_commenting_open"]}),
        ("Topics", {"fields": ["categories", "tags", "related_treatments"]}),
        (
            "Search engines",
            {
                "fields": ["seo_title", "seo_description"],
                "classes": ["collapse"],
                "description": "Optional: the title and excerpt are used when these are empty.",
            },
        ),
    ]

    def get_queryset(self, request):
        # Counted in the list's own query, not one query per row.
        return super().get_queryset(request).with_comment_counts()

    @admin.display(description="approved comments", ordering="comment_count")
    def comments(self, obj):
        content_type = ContentType.objects.get_for_model(Article)
        url = reverse("admin:comments_comment_changelist") + (
            f"?content_type__id__exact={content_type.pk}&object_id={obj.pk}&status=all"
        )
        return format_html('<a href="{}">{}</a>', url, obj.comment_count)

    @admin.display(description="status", ordering="status")
    def state(self, obj):
        return obj.publication_state.capitalize()

    @admin.display(description="current cover")
    def cover_preview(self, obj):
        return image_preview(obj.cover, width=320)

    @admin.action(description="Publish selected articles (now, or at their scheduled time)", permissions=["change"])
    def publish(self, request, queryset):
        count = self.exclude_flagged(request, queryset, "article").publish()
        if count:
            self.message_user(
                request,
                ngettext("Published %d article.", "Published %d articles.", count) % count,
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "The selected articles were already published.", messages.WARNING)

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.unpublish()
        if count:
            self.message_user(
                request,
                ngettext(
                    "Returned %d article to draft; it is no longer on the site.",
                    "Returned %d articles to draft; they are no longer on the site.",
                    count,
                )
                % count,
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "The selected articles were already drafts.", messages.WARNING)
