"""The "Privacy requests" page: find one person's data by email, export it, or erase it after a confirmation."""

import hashlib
import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode

from clinic.personal_data import erase_personal_data, export_personal_data
from clinic.privacy.models import PrivacyRequest, email_key
from clinic.registries import personal_data_providers

ERASE_PERMISSION = "privacy.erase_personal_data"


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={"required": "Enter the email address the request is about.",
                        "invalid": "Enter an email address like name@example.com."},
    )  # fmt: skip


def held(email):
    """(export dict, [(provider label, records)], total records) for ``email``."""
    data = export_personal_data(email)
    sections = [(provider.label, data[name]) for name, provider in personal_data_providers.items()]
    return data, sections, sum(len(records) for _label, records in sections)


def counts_of(data):
    """{provider name: number of records} for an export."""
    return {name: len(data[name]) for name, _provider in personal_data_providers.items()}


def fingerprint(data):
    """A digest of exactly what is held: an erasure confirmed on one listing must find the same listing."""
    content = {key: value for key, value in data.items() if key != "exported_at"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(admin.ModelAdmin):
    """The log of privacy requests, with the page that answers them on top."""

    change_list_template = "admin/privacy/privacyrequest/change_list.html"
    list_display = ["created_at", "action", "staff_username", "total"]
    list_filter = ["action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        # Typing an address finds the requests about it through its keyed hash.
        if search_term.strip():
            return queryset.filter(email_hash=email_key(search_term)), False
        return queryset, False

    search_fields = ["email_hash"]
    search_help_text = "Type an email address to see the requests about it."

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "find_form": EmailForm(), "find_url": reverse("admin:privacy_find")}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("find/", wrap(self.find_view), name="privacy_find"),
            path("export/", wrap(self.export_view), name="privacy_export"),
            path("erase/", wrap(self.erase_view), name="privacy_erase"),
            *super().get_urls(),
        ]

    def _log(self, request, action, email, counts):
        PrivacyRequest.objects.create(
            action=action,
            email_hash=email_key(email),
            staff_user=request.user,
            staff_username=request.user.get_username(),
            counts=counts,
        )

    def _email(self, request, source):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = EmailForm(source)
        return form, (form.cleaned_data["email"] if form.is_valid() else None)

    def _context(self, request, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Privacy requests",
            "can_erase": request.user.has_perm(ERASE_PERMISSION),
            **context,
        }

    def find_view(self, request):
        """The readable page: everything held about one address, grouped by kind, with export and erase."""
        form, email = self._email(request, request.GET or None)
        context = {"form": form, "email": email}
        if email:
            data, sections, total = held(email)
            self._log(request, PrivacyRequest.Action.FIND, email, counts_of(data))
            query = urlencode({"email": email})
            context.update(sections=sections, total=total, query=query)
        return TemplateResponse(request, "admin/privacy/find.html", self._context(request, **context))

    def export_view(self, request):
        """Everything held about one address, as a JSON file (the copy a subject access request asks for)."""
        form, email = self._email(request, request.GET)
        if not email:
            return HttpResponseRedirect(reverse("admin:privacy_find"))
        data, _sections, _total = held(email)
        self._log(request, PrivacyRequest.Action.EXPORT, email, counts_of(data))
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="personal-data-{timezone.localdate():%Y-%m-%d}.json"'
        return response

    def erase_view(self, request):
        """GET: the confirmation page listing exactly what goes. POST: erase, if that listing is still true."""
        if not request.user.has_perm(ERASE_PERMISSION):
            raise PermissionDenied
        form, email = self._email(request, request.POST if request.method == "POST" else request.GET)
        if not email:
            return HttpResponseRedirect(reverse("admin:privacy_find"))
        data, sections, total = held(email)
        counts = counts_of(data)
        back = reverse("admin:privacy_find") + "?" + urlencode({"email": email})
        if request.method == "POST":
            if not total:
                self._log(request, PrivacyRequest.Action.ERASE, email, counts)
                messages.info(request, "Nothing is held about this address, so there was nothing to erase.")
                return HttpResponseRedirect(back)
            if request.POST.get("fingerprint") != fingerprint(data):
                self._log(request, PrivacyRequest.Action.ERASE_REFUSED, email, counts)
                messages.error(
                    request,
                    "Nothing was erased: what is held about this address changed since the list was shown (a new "
                    "comment or enquiry, say). Check the list below and confirm again.",
                )
            else:
                erased = erase_personal_data(email)
                self._log(request, PrivacyRequest.Action.ERASE, email, erased)
                messages.success(request, f"Erased {sum(erased.values())} records held about this address.")
                return HttpResponseRedirect(back)
        context = {"email": email, "sections": sections, "total": total, "fingerprint": fingerprint(data)}
        return TemplateResponse(request, "admin/privacy/erase_confirm.html", self._context(request, **context))
