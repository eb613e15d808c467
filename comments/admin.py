import json

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import ngettext

from clinic.personal_data import erase_personal_data, export_personal_data
from comments.models import Comment
from comments.services import approve_comments, reply_as_clinic, set_comment_status


class CommentStatusFilter(admin.SimpleListFilter):
    """Status, opening on the moderation queue: comments awaiting moderation."""

    title = "status"
    parameter_name = "status"
    default = Comment.Status.PENDING
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, "All")]

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(status=self.value())


class CommentAdminForm(forms.ModelForm):
    clinic_reply = forms.CharField(
        label="Reply as the clinic",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Published at once under this comment, marked “Reply from the clinic”, and approves this "
        "comment too. Do not give individual medical advice; invite the patient to book a consultation.",
    )

    class Meta:
        model = Comment
        fields = ["author_name", "body", "status"]
        help_texts = {
            "body": "You may edit the comment before approving it, e.g. to take out personal medical details, "
            "names of other people or contact details.",
        }


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentAdminForm
    list_display = ["author_name", "excerpt", "target", "status", "is_staff_reply", "created_at"]
    list_display_links = ["author_name", "excerpt"]
    list_filter = [CommentStatusFilter, "is_staff_reply", "content_type"]
    search_fields = ["author_name", "author_email", "body"]
    date_hierarchy = "created_at"
    actions = ["approve", "mark_spam", "remove", "export_personal_data", "erase_personal_data"]
    readonly_fields = [
        "article_link", "in_reply_to", "author_email", "is_staff_reply", "staff_user", "wants_updates",
        "spam_reason", "created_at", "consent_given_at", "replies_so_far",
    ]  # fmt: skip

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["article_link", "in_reply_to", "author_name", "author_email", "body", "status"]}),
            (
                "Record",
                {
                    "fields": [
                        "created_at",
                        "consent_given_at",
                        "wants_updates",
                        "spam_reason",
                        "is_staff_reply",
                        "staff_user",
                    ]
                },
            ),  # fmt: skip
        ]
        if obj and request.user.has_perm("comments.add_comment"):
            fieldsets.insert(1, ("Answer", {"fields": ["replies_so_far", "clinic_reply"]}))
        return fieldsets

    def has_add_permission(self, request):
        # Comments come from the article pages; the clinic answers from a comment's page.
        return False

    @admin.display(description="comment")
    def excerpt(self, obj):
        return Truncator(obj.body).chars(80)

    def get_queryset(self, request):
        # The pages the listed comments are on, in one query per kind of page.
        return super().get_queryset(request).prefetch_related("target")

    def lookup_allowed(self, lookup, value, request=None):
        # The page's "approved comments" link filters by the page it is on.
        return lookup == "object_id" or super().lookup_allowed(lookup, value, request)

    @admin.display(description="on")
    def article_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.target)

    @admin.display(description="in reply to")
    def in_reply_to(self, obj):
        if not obj.parent_id:
            return "—"
        url = reverse("admin:comments_comment_change", args=[obj.parent_id])
        excerpt = Truncator(obj.parent.body).chars(120)
        return format_html('<a href="{}">{}: {}</a>', url, obj.parent.author_name, excerpt)

    @admin.display(description="replies so far")
    def replies_so_far(self, obj):
        replies = obj.replies.all()
        if not replies:
            return "None yet."
        return format_html_join(
            "", "<p><strong>{}</strong> ({}): {}</p>",
            ((reply.author_name, reply.get_status_display(), Truncator(reply.body).chars(200)) for reply in replies),
        )  # fmt: skip

    def save_model(self, request, obj, form, change):
        # Approving goes through the service so the commenter's email (if asked for) is sent.
        approving = change and "status" in form.changed_data and obj.status == Comment.Status.APPROVED
        if approving:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if approving:
            approve_comments(Comment.objects.filter(pk=obj.pk))
        reply = form.cleaned_data.get("clinic_reply", "").strip()
        if reply and request.user.has_perm("comments.add_comment"):
            reply_as_clinic(comment=obj, body=reply, user=request.user)
            self.message_user(request, "Your reply is published on the article.", messages.SUCCESS)

    def _report(self, request, count, outcome):
        noun = ngettext("comment", "comments", count)
        level = messages.SUCCESS if count else messages.WARNING
        self.message_user(request, f"{count} {noun} {outcome}.", level)

    @admin.action(description="Approve: show on the site", permissions=["change"])
    def approve(self, request, queryset):
        self._report(request, approve_comments(queryset), "approved")

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._report(request, set_comment_status(queryset, Comment.Status.SPAM), "marked as spam")

    @admin.action(description="Remove from the site", permissions=["change"])
    def remove(self, request, queryset):
        self._report(request, set_comment_status(queryset, Comment.Status.REMOVED), "removed")

    def _emails(self, queryset):
        return sorted({email.lower() for email in queryset.values_list("author_email", flat=True) if email})

    @admin.action(description="Export all data held about these commenters (JSON)", permissions=["view"])
    def export_personal_data(self, request, queryset):
        data = [export_personal_data(email) for email in self._emails(queryset)]
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
        )
        filename = f"personal-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(
        description="Erase all data held about these commenters (comments and enquiries)", permissions=["erase"]
    )
    def erase_personal_data(self, request, queryset):
        emails = self._emails(queryset)
        for email in emails:
            erase_personal_data(email)
        self.message_user(
            request,
            ngettext(
                "Erased the comments and enquiries of %d email address.",
                "Erased the comments and enquiries of %d email addresses.",
                len(emails),
            )
            % len(emails),
            messages.SUCCESS,
        )

    def has_erase_permission(self, request):
        # Erasing reaches enquiries too, so it needs the right to change both.
        return request.user.has_perms(["comments.change_comment", "clinic.change_enquiry"])
