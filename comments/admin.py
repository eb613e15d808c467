import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import ngettext

from clinic.compliance import PublicationBlocked
from clinic.personal_data import export_personal_data
from clinic.public_names import public_name_for
from comments import health
from comments.models import Comment
from comments.services import approve_comments, redact_and_approve, reply_as_clinic, set_comment_status


class CommentStatusFilter(admin.SimpleListFilter):
    """Status, opening on the moderation queue (comments awaiting moderation), with a count for each.

    A search with no status chosen looks through every status: a moderator looking for
    someone's email address must find it wherever the comment is.
    """

    title = "status"
    parameter_name = "status"
    default = Comment.Status.PENDING
    ALL = "all"

    def __init__(self, request, params, model, model_admin):
        self.searching = bool(request.GET.get(SEARCH_VAR, "").strip())
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        counts = dict(Comment.objects.values_list("status").annotate(Count("pk")).order_by())
        labelled = [(status, f"{label} ({counts.get(status, 0)})") for status, label in Comment.Status.choices]
        return [*labelled, (self.ALL, f"All ({sum(counts.values())})")]

    def value(self):
        return super().value() or (self.ALL if self.searching else self.default)

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


# (URL name, button label, the status at which the button is pointless).
ROW_ACTIONS = [
    ("approve", "Approve", Comment.Status.APPROVED),
    ("redact", "Redact and approve", None),
    ("spam", "Spam", Comment.Status.SPAM),
    ("trash", "Trash", Comment.Status.REMOVED),
]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentAdminForm
    change_list_template = "admin/comments/comment/change_list.html"
    list_display = ["author_name", "comment_text", "target", "status", "created_at"]
    list_display_links = ["author_name"]
    list_filter = [CommentStatusFilter, "is_staff_reply", "content_type"]
    search_fields = ["author_name", "author_email", "body"]
    date_hierarchy = "created_at"
    # Erasure is not an action here: "select all" would reach every commenter. It is done one
    # address at a time, after a confirmation, on the Privacy requests page (clinic/privacy).
    actions = ["approve", "mark_spam", "remove", "export_personal_data"]
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
    def comment_text(self, obj):
        """The whole comment (moderators judge it here), personal details highlighted and named."""
        flagged = health.kinds(obj.body)
        if not flagged:
            return format_html('<div class="comment-text">{}</div>', obj.body)
        return format_html(
            '<div class="comment-text">{}</div><p class="health-warning"><strong>May contain {}.</strong></p>',
            health.highlight(obj.body),
            " and ".join(flagged),
        )

    class Media:
        css = {"all": ["css/admin_moderation.css"]}
        js = ["js/admin_moderation.js"]

    def get_list_display(self, request):
        # The row buttons depend on who is looking (may they reply, under which name), so the
        # column is made per request rather than kept on this admin, which all requests share.
        signature = public_name_for(request.user)
        can_reply = bool(signature) and request.user.has_perm("comments.add_comment")
        can_change = request.user.has_perm("comments.change_comment")

        @admin.display(description="moderate")
        def moderate(obj):
            return self.row_buttons(obj, signature=signature, can_reply=can_reply, can_change=can_change)

        return [*super().get_list_display(request), moderate]

    def row_buttons(self, obj, *, signature, can_reply, can_change):
        """Approve / Redact and approve / Spam / Trash buttons and an inline reply, for one row.

        They submit the page's separate row-action form (``form=`` attribute), so they work
        without JavaScript inside the change list's own form, each in one click.
        """
        buttons = [
            (action, label)
            for action, label, status in ROW_ACTIONS
            if can_change
            and obj.status != status
            and (action != "redact" or (not obj.is_staff_reply and health.find(obj.body)))
        ]
        html = format_html_join(
            "",
            '<button type="submit" class="button" form="comment-row-actions" formaction="{}" '
            'aria-label="{} – comment by {}">{}</button> ',
            (
                (reverse("admin:comments_comment_moderate", args=[obj.pk, action]), label, obj.author_name, label)
                for action, label in buttons
            ),
        )
        if can_reply and not obj.is_staff_reply:
            html += format_html(
                '<details class="inline-reply"><summary>Reply</summary>'
                '<label for="reply-{pk}">Reply to {name} as the clinic, signed “{signature}”</label>'
                '<textarea id="reply-{pk}" name="reply-{pk}" rows="4" maxlength="3000" form="comment-row-actions">'
                "</textarea>"
                '<button type="submit" class="button default" form="comment-row-actions" formaction="{url}">'
                "Send reply</button></details>",
                pk=obj.pk,
                name=obj.author_name,
                signature=signature,
                url=reverse("admin:comments_comment_moderate", args=[obj.pk, "reply"]),
            )
        return html

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "reply_needs_public_name": request.user.has_perm("comments.add_comment")
            and not public_name_for(request.user),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        moderate = self.admin_site.admin_view(self.moderate_view)
        return [
            path("<int:pk>/moderate/<str:action>/", moderate, name="comments_comment_moderate"),
            *super().get_urls(),
        ]

    def moderate_view(self, request, pk, action):
        """POST only: apply one row button to one comment, then go back to the list as it was."""
        if request.method != "POST":
            return HttpResponse("Use the buttons in the moderation list.", status=405, headers={"Allow": "POST"})
        if action not in {name for name, _label, _status in ROW_ACTIONS} | {"reply"}:
            return HttpResponse("Unknown moderation action.", status=400)
        needed = "comments.add_comment" if action == "reply" else "comments.change_comment"
        if not request.user.has_perm(needed):
            raise PermissionDenied
        comment = get_object_or_404(Comment, pk=pk)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = ""
        back = back or reverse("admin:comments_comment_changelist")
        name = comment.author_name
        queryset = Comment.objects.filter(pk=comment.pk)
        if action == "approve":
            approve_comments(queryset)
            self.message_user(request, f"Approved the comment by {name}.", messages.SUCCESS)
        elif action == "spam":
            set_comment_status(queryset, Comment.Status.SPAM)
            self.message_user(request, f"Marked the comment by {name} as spam.", messages.SUCCESS)
        elif action == "trash":
            set_comment_status(queryset, Comment.Status.REMOVED)
            self.message_user(request, f"Removed the comment by {name} from the site.", messages.SUCCESS)
        elif action == "redact":
            redact_and_approve(comment=comment)
            self.message_user(
                request, f"Took the personal details out of the comment by {name} and approved it.", messages.SUCCESS
            )
        else:
            body = request.POST.get(f"reply-{comment.pk}", "").strip()
            if not body:
                self.message_user(request, f"Your reply to {name} was empty, so nothing was sent.", messages.ERROR)
            elif len(body) > 3000:
                self.message_user(
                    request, "A reply must be 3000 characters or fewer; nothing was sent.", messages.ERROR
                )
            else:
                try:
                    reply_as_clinic(comment=comment, body=body, user=request.user)
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                except PublicationBlocked as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    self.message_user(request, f"Your reply to {name} is published.", messages.SUCCESS)
        return HttpResponseRedirect(back)

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
            try:
                reply_as_clinic(comment=obj, body=reply, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            except PublicationBlocked as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
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
