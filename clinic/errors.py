"""The site's answers when a request cannot be served: CSRF failure, server error, database down.

``server_error`` is the root URLconf's ``handler500``. Django calls it inside the ``except``
block that caught the failure, so it can tell a database outage (connection refused,
dropped, timed out) from a bug: the former is a 503 with Retry-After, rendered from a
template that needs no database, showing back any text the visitor had just sent.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

# Seconds a browser or load balancer should wait before asking again.
RETRY_AFTER_SECONDS = 30
# Form fields that carry no words of the visitor's own and are never echoed back.
TECHNICAL_FIELDS = {"csrfmiddlewaretoken", "form_token", "leave_blank", "parent", "consent"}


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's own 403 page for a form sent without a valid token."""
    return render(request, "403_csrf.html", status=403)


def is_database_outage(error):
    return isinstance(error, (OperationalError, InterfaceError))


def posted_text(request):
    """(field name, value) pairs of what the visitor typed into a public form, for showing back."""
    if request.method != "POST" or request.path.startswith("/" + settings.ADMIN_URL):
        return []
    try:
        data = request.POST
    except Exception:  # noqa: BLE001 — an unreadable body just means nothing to show back
        return []
    return [
        (name.replace("_", " ").capitalize(), value)
        for name, value in data.items()
        if name not in TECHNICAL_FIELDS and "password" not in name and value.strip()
    ]


def database_unavailable(request):
    """503 with Retry-After; static page (no context processors, so no query)."""
    html = loader.get_template("503.html").render({"posted": posted_text(request)})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: a styled 503 while the database is unreachable, the static 500 otherwise."""
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render())
