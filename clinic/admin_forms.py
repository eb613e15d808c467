"""Admin form pieces shared by the apps' editing screens.

Uploads kept across a redisplayed form: a browser never re-sends a chosen file, so when
the admin shows a form again (a required field left empty, an error in an inline, an
advertising-rules block) the upload would be lost and the next save would go through
without it. ``KeptUploadWidget`` puts the upload in temporary storage the moment such a
form is drawn, shows it as "Kept: name" with "Replace" and "Remove", and hands it back to
the form on the next POST through a signed token, so a valid save stores it as usual.
"""

import copy
import posixpath
import re
import secrets

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.forms.formsets import all_valid
from django.http import HttpResponseNotAllowed, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import get_valid_filename
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from clinic.public_names import practitioner_for
from clinic.revisions import changes, restore

KEPT_UPLOAD_FOLDER = "tmp/kept-uploads"
KEPT_UPLOAD_SALT = "clinic.kept-upload"
# A kept upload is for the form being corrected now, not for a later day.
KEPT_UPLOAD_MAX_AGE = 60 * 60 * 24


def keep_upload(upload):
    """Store ``upload`` under MEDIA_ROOT/tmp and return a signed token naming it."""
    name = get_valid_filename(posixpath.basename(upload.name)) or "upload"
    path = posixpath.join(KEPT_UPLOAD_FOLDER, secrets.token_hex(16), name)
    upload.seek(0)
    stored = default_storage.save(path, upload)
    upload.seek(0)
    return signing.dumps(
        {"path": stored, "name": name, "type": getattr(upload, "content_type", "")}, salt=KEPT_UPLOAD_SALT
    )


def kept_upload(token):
    """The upload a token from ``keep_upload`` names, or None if the token is forged, stale or its file gone."""
    try:
        kept = signing.loads(token, salt=KEPT_UPLOAD_SALT, max_age=KEPT_UPLOAD_MAX_AGE)
    except signing.BadSignature:
        return None
    path = kept.get("path", "")
    if not path.startswith(KEPT_UPLOAD_FOLDER + "/") or not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as file:
        content = file.read()
    upload = SimpleUploadedFile(kept["name"], content, content_type=kept.get("type") or None)
    upload.kept_token = token
    return upload


class KeptUploadWidget(AdminFileWidget):
    """The admin's file input, keeping a chosen file when the form comes back with an error."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.upload = None

    def kept_name(self, name):
        return f"{name}__kept"

    def remove_name(self, name):
        return f"{name}__kept_remove"

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value is None and not data.get(self.remove_name(name)):
            token = data.get(self.kept_name(name))
            value = kept_upload(token) if token else None
        # Widgets are copied for each form, so this is the upload of this form only.
        if value:
            self.upload = value
        return value

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.upload:
            return html
        # Drawn with an upload in hand: the form is being shown again, so the file is kept.
        token = getattr(self.upload, "kept_token", None) or keep_upload(self.upload)
        self.upload.kept_token = token
        return format_html(
            '<p class="kept-upload"><strong>Kept: {}</strong> — saved with the rest when you save. '
            '<input type="hidden" name="{}" value="{}">'
            '<label><input type="checkbox" name="{}"> Remove</label></p>'
            '<p class="kept-upload-replace">Replace with another file:</p>{}',
            posixpath.basename(self.upload.name),
            self.kept_name(name),
            token,
            self.remove_name(name),
            html,
        )


class KeptUploadsAdmin(admin.ModelAdmin):
    """ModelAdmin mixin: every file and image field keeps its upload across a redisplayed form."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField):
            kwargs["widget"] = KeptUploadWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The file is stored in its own place now; its temporary copy has done its job.
        for field in form.fields.values():
            token = getattr(getattr(field.widget, "upload", None), "kept_token", None)
            if token:
                default_storage.delete(signing.loads(token, salt=KEPT_UPLOAD_SALT)["path"])


class HistoryAdmin(VersionAdmin):
    """Every save is a version; History lists them with who, when and what changed, and restores one.

    History → Restore: two clicks from the change form. Restoring keeps whether and since
    when the item is public (see ``clinic.revisions.restore``).
    """

    object_history_template = "admin/clinic/object_history.html"

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/history/<int:version_id>/changes/",
                self.admin_site.admin_view(self.version_changes_view),
                name=self._url_name("version_changes")[6:],
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=self._url_name("restore")[6:],
            ),
        ]
        return own + super().get_urls()

    def _url_name(self, action):
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{action}"

    def _versions(self, object_id):
        return Version.objects.get_for_object_reference(self.model, unquote(object_id)).select_related(
            "revision__user"
        )

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = list(self._versions(object_id))
        for version in versions:
            version.changes_url = reverse(self._url_name("version_changes"), args=[quote(obj.pk), version.pk])
            version.restore_url = reverse(self._url_name("restore"), args=[quote(obj.pk), version.pk])
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "versions": versions,
            "can_restore": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def version_changes_view(self, request, object_id, version_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(self._versions(object_id), pk=version_id)
        context = {
            **self.admin_site.each_context(request),
            "title": f"What changed: {obj}",
            "object": obj,
            "opts": self.opts,
            "version": version,
            "changes": changes(version),
            "history_url": reverse(self._url_name("history"), args=[quote(obj.pk)]),
            "restore_url": reverse(self._url_name("restore"), args=[quote(obj.pk), version.pk]),
            "can_restore": self.has_change_permission(request, obj),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/clinic/version_changes.html", context)

    def restore_view(self, request, object_id, version_id):
        obj = self.get_object(request, unquote(object_id))
        if request.method != "POST":
            return redirect(reverse(self._url_name("history"), args=[object_id]))
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(self._versions(object_id), pk=version_id)
        try:
            restored = restore(version, user=request.user)
        except RevertError as error:
            self.message_user(request, f"This version cannot be restored: {error}", messages.ERROR)
            return redirect(request.path.rsplit("/", 3)[0] + "/")
        when = timezone.localtime(version.revision.date_created)
        self.message_user(
            request,
            f"Restored the version of {when:%d %b %Y, %H:%M}. Whether it is on the site has not changed; "
            "the version it replaced is kept in the history.",
            messages.SUCCESS,
        )
        return redirect(reverse(self._url_name("change"), args=[quote(restored.pk)]))


PREVIEW_BANNER = (
    '<div class="preview-banner wrap" role="status"><p><strong>Preview</strong> of the form as it stands: '
    "nothing is saved. Close this tab to go back to the form.</p></div>"
)


class PreviewAdmin(admin.ModelAdmin):
    """A "Preview" button on the add and change forms: the public page drawn from the unsaved form.

    The form (and its inlines) is saved inside a transaction, the public view renders the
    page for the staff member, and the transaction is rolled back: the real template and
    the real view with nothing stored. A high-severity advertising-rules block does not stop
    a preview, which publishes nothing.
    """

    has_preview = True
    change_form_template = "admin/clinic/editorial_change_form.html"

    def get_urls(self):
        if not self.has_preview:
            return super().get_urls()
        own = [
            path("preview/", self.admin_site.admin_view(self.preview_view), name=self._url_name("preview")[6:]),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=self._url_name("object_preview")[6:],
            ),
        ]
        return own + super().get_urls()

    def _url_name(self, action):
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{action}"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.has_preview:
            context["preview_url"] = (
                reverse(self._url_name("object_preview"), args=[quote(obj.pk)])
                if obj is not None and obj.pk
                else reverse(self._url_name("preview"))
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def preview_view(self, request, object_id=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        allowed = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if (object_id and obj is None) or not allowed:
            raise PermissionDenied
        data = request.POST.copy()
        data["publish_anyway"] = "on"
        form = self.get_form(request, obj, change=obj is not None)(data, request.FILES, instance=obj)
        with transaction.atomic():
            valid = form.is_valid()
            if valid:
                new_object = form.save(commit=False)
                new_object.save()
                form.save_m2m()
                formsets, _ = self._create_formsets(request, new_object, change=obj is not None)
                valid = all_valid(formsets)
                if valid:
                    for formset in formsets:
                        formset.save()
                    response = self._render_public_page(request, new_object)
            transaction.set_rollback(True)
        if not valid:
            return TemplateResponse(
                request,
                "admin/clinic/preview_errors.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Nothing to preview yet",
                    "form": form,
                    "opts": self.opts,
                },
                status=400,
            )
        return response

    def _render_public_page(self, request, obj):
        url = obj.get_absolute_url()
        match = resolve(url)
        page_request = copy.copy(request)
        page_request.method = "GET"
        page_request.path = page_request.path_info = url
        page_request.POST = QueryDict()
        response = match.func(page_request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
        html = response.content.decode()
        if 'name="robots"' not in html:
            html = html.replace("<head>", '<head>\n<meta name="robots" content="noindex">', 1)
        html = re.sub(r"(<main\b[^>]*>)", lambda m: m.group(1) + PREVIEW_BANNER, html, count=1)
        response.content = html.encode()
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response


class QuickPublishAdmin(admin.ModelAdmin):
    """Fewer clicks: "Save and publish" beside Save, and the editor's own practitioner as author.

    The publishing field is the one the advertising-rules check already knows
    (``compliance_publish``), so the check still stands between the button and the site.
    """

    def _publish_field(self):
        return getattr(self, "compliance_publish", None)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        practitioner = practitioner_for(request.user)
        if practitioner and any(field.name == "author" for field in self.opts.fields):
            initial.setdefault("author", practitioner.pk)
        return initial

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        publish = self._publish_field()
        if request.method == "POST" and "_publish" in request.POST and publish:
            field, value = publish
            data = request.POST.copy()
            data[field] = "on" if value is True else value
            request.POST = data
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        publish = self._publish_field()
        if publish and context.get("has_change_permission", True):
            field, value = publish
            context["show_save_and_publish"] = obj is None or getattr(obj, field) != value
        return super().render_change_form(request, context, add, change, form_url, obj)


PUBLISH_FIELDS = ("status", "is_published", "published_at", "updated_at", "content_updated_at")
COMPLIANCE_SECTION = "Advertising rules"


class FormOrderAdmin(admin.ModelAdmin):
    """The form in the order an editor works: what patients read first, then one publishing box.

    The publishing box gathers status, publication time and the advertising-rules state
    (findings and "Publish anyway"), and comes straight after the main fields, so nothing
    stands above the title. A jump list at the top of the form reaches every section and
    inline (a treatment's FAQs) without scrolling; ``collapsed_fieldsets`` start folded.
    """

    collapsed_fieldsets = ()

    class Media:
        css = {"all": ["css/admin_editing.css"]}

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": list(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
        compliance = [fs for fs in fieldsets if fs[0] == COMPLIANCE_SECTION]
        fieldsets = [fs for fs in fieldsets if fs[0] != COMPLIANCE_SECTION]
        compliance_fields = {field for _name, options in compliance for field in options["fields"]}
        for _name, options in fieldsets:
            options["fields"] = [field for field in options["fields"] if field not in compliance_fields]
        publishing_fields = []
        for _name, options in fieldsets:
            moved = [field for field in options["fields"] if field in PUBLISH_FIELDS]
            if moved and _name != "Publishing":
                options["fields"] = [field for field in options["fields"] if field not in moved]
                publishing_fields += moved
        publishing = next((fs for fs in fieldsets if fs[0] == "Publishing"), None)
        if publishing is None and (publishing_fields or compliance):
            publishing = ("Publishing", {"fields": []})
        if publishing is not None:
            fieldsets = [fs for fs in fieldsets if fs is not publishing and fs[1]["fields"]]
            fields = [*publishing[1]["fields"], *publishing_fields]
            for _name, options in compliance:
                fields += options["fields"]
            description = compliance[0][1].get("description") if compliance else publishing[1].get("description")
            publishing = ("Publishing", {**publishing[1], "fields": fields, "description": description})
            fieldsets.insert(1, publishing)
        for name, options in fieldsets:
            if name in self.collapsed_fieldsets:
                options["classes"] = [*options.get("classes", []), "collapse"]
        return fieldsets


# Fields that say whether, where or how an item is listed, not what patients read there.
NOT_EDITORIAL = {
    "status", "published_at", "is_published", "is_featured", "order", "is_commenting_open", "show_in_footer",
    "publish_anyway", "next_review_due_on", "price_confirmed_on", "is_active", "user",
}  # fmt: skip


class EditorialDateAdmin(admin.ModelAdmin):
    """``content_updated_at`` ("last updated") moves only when a save changes what patients read.

    Publishing, re-ordering, ticking "featured" or saving an unchanged form leaves it alone;
    a changed title, body, fact, price or FAQ moves it. Imports and demo loading do not come
    through here, so they never move it either.
    """

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if not hasattr(obj, "content_updated_at"):
            return
        edited = [name for name in form.changed_data if name not in NOT_EDITORIAL]
        if not change or edited or any(formset.has_changed() for formset in formsets):
            obj.content_updated_at = timezone.now()
            obj.save(update_fields=["content_updated_at"])


class EditorialAdmin(
    KeptUploadsAdmin, HistoryAdmin, PreviewAdmin, QuickPublishAdmin, FormOrderAdmin, EditorialDateAdmin
):
    """The editing tools every content admin shares: kept uploads, history with restore, preview,
    "Save and publish"."""
