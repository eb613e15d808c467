"""Request guards and response headers the rest of the stack does not provide.

- ``RequestSanityMiddleware`` refuses, before any view or query runs, what no page of the
  site can answer: control characters in the address (PostgreSQL cannot store or compare a
  NUL, so a NUL reaching a query would be a 500) and bodies larger than any form accepts.
- ``ErrorPageMiddleware`` gives Django's empty 405 answers the site's own page.
- ``ContentSecurityPolicyMiddleware`` relaxes the strict policy only for admin pages that
  embed the rich-text editor.
"""

import re
from urllib.parse import unquote

from ckeditor.widgets import CKEditorWidget
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import render

# C0 controls and DEL; tab, line feed and carriage return are ordinary in form text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Multipart framing around the largest accepted upload.
UPLOAD_OVERHEAD_BYTES = 64 * 1024

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


def has_control_characters(text):
    return bool(CONTROL_CHARACTERS.search(text))


def max_request_body_bytes():
    """The largest body any view accepts: an image upload, or a form's fields."""
    return max(settings.IMAGE_UPLOAD_MAX_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE) + UPLOAD_OVERHEAD_BYTES


class RequestSanityMiddleware:
    """Answers 400 for control characters in the path or query, 413 for oversized bodies.

    The body's size is judged from Content-Length before a byte of it is read, so an
    oversized upload is never written to memory or disk.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = unquote(request.META.get("QUERY_STRING", ""), errors="replace")
        # Cookies too: a NUL in the session cookie would reach the session table's query.
        texts = (request.path, query, *request.COOKIES.values())
        if any(has_control_characters(text) for text in texts):
            return render(
                request,
                "400.html",
                {"problem": "The address contains characters that no page here uses. Check the link and try again."},
                status=400,
            )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return render(request, "400.html", {"problem": "The request's length was not a number."}, status=400)
        if length > max_request_body_bytes():
            limit_mb = settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024)
            return render(request, "413.html", {"limit_mb": limit_mb}, status=413)
        return self.get_response(request)


class ErrorPageMiddleware:
    """Renders the site's 405 page for the empty "method not allowed" answers of views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            page = render(request, "405.html", {"allowed": response.get("Allow", "")}, status=405)
            if "Allow" in response:
                page["Allow"] = response["Allow"]
            return page
        return response


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy; Django's SecurityMiddleware covers the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _admin_forms(context):
    admin_form = context.get("adminform")
    if admin_form is not None:
        yield admin_form.form
    for inline in context.get("inline_admin_formsets") or ():
        yield inline.formset.empty_form


def embeds_rich_text_editor(response):
    """True when ``response`` is an admin form page showing a CKEditor widget."""
    context = getattr(response, "context_data", None)
    if not context:
        return False
    return any(
        isinstance(field.widget, CKEditorWidget) for form in _admin_forms(context) for field in form.fields.values()
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site-wide strict policy everywhere, admin included; loosened only where CKEditor runs."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and embeds_rich_text_editor(response):
            update = dict(parts.update or {})
            for directive, sources in settings.ADMIN_CSP_EXTRA.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
