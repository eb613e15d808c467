"""Which answers a shared cache (nginx, a CDN) may keep, conditional GETs, and public forms without cookies.

An anonymous visitor's page carries nothing of their own: no CSRF token, no session, no
message. ``SharedCacheMiddleware`` marks such answers ``public`` for ``SHARED_CACHE_SECONDS``
(browsers always revalidate), gives them a weak ETag and answers a matching
``If-None-Match`` with 304. Everything else -- a request carrying the session or messages
cookie, an answer setting a cookie, a POST, an error page for a form, the admin -- is
``private, no-store``, unless the view chose its own Cache-Control (previews choose never-cache).

Public forms (comments, the consultation enquiry) are posted without a CSRF token by visitors
who have no session, so their page can be shared; ``guard_public_form`` refuses a post a
browser says came from another site instead (Origin, Sec-Fetch-Site, else Referer). A visitor
who has a session still needs Django's CSRF token, which the form then carries.
"""

import hashlib
import re
import time
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_vary_headers
from django.utils.http import is_same_domain

from clinic.errors import csrf_failure

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
SHAREABLE_STATUSES = {200, 301, 404, 410}
# The spam defence's form token differs on every render (clinic/spam.py); it is left out of the
# ETag so a revalidation can still be answered 304, and the hour is put in instead, so a copy
# kept fresh by 304s never holds a token older than an hour or two.
FORM_TOKEN_VALUE = re.compile(rb'(name="(?:[\w-]+-)?form_token" value=")[^"]*"')
FORM_TOKEN_ROTATION_SECONDS = 60 * 60
SAME_SITE_FETCHES = {"same-origin", "none"}


def shared_cache_seconds():
    return getattr(settings, "SHARED_CACHE_SECONDS", 30)


def has_session(request):
    """True when the request carries the cookie of a session: its pages are the visitor's own."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def carries_personal_cookie(request):
    # Messages wait in their own cookie until the next page shows them.
    return has_session(request) or "messages" in request.COOKIES


def showed_messages(request):
    # Set once a page lists messages (Django's storage marks them used), wherever they came from.
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and storage.used)


def is_admin(request):
    return request.path.startswith("/" + settings.ADMIN_URL)


def is_shareable(request, response):
    """Whether any visitor may be shown this very answer."""
    return (
        request.method in ("GET", "HEAD")
        and response.status_code in SHAREABLE_STATUSES
        and not response.streaming
        and not response.cookies
        and not carries_personal_cookie(request)
        and not showed_messages(request)
        and not is_admin(request)
    )


def content_etag(content):
    masked, tokens = FORM_TOKEN_VALUE.subn(rb'\1"', content)
    digest = hashlib.sha256(masked)
    if tokens:
        digest.update(str(int(time.time() // FORM_TOKEN_ROTATION_SECONDS)).encode())
    # Weak: gzip and Brotli copies of a page are the same page (Vary: Accept-Encoding keeps them apart).
    return f'W/"{digest.hexdigest()[:32]}"'


class SharedCacheMiddleware:
    """Public, validated answers for anonymous pages; private for everything personal.

    Listed inside the compression middlewares (so the ETag is of the page, not of one encoding)
    and outside the session, CSRF and messages middlewares (so it sees every cookie they set).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            # The view decided (previews and health checks: never; media: a month).
            return response
        if not is_shareable(request, response):
            add_never_cache_headers(response)
            return response
        seconds = shared_cache_seconds()
        # Browsers ask again every time (a 304 when nothing changed), so a published change
        # reaches a reader once each shared cache's copy expires.
        response["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}"
        patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
        if not response.has_header("ETag"):
            response["ETag"] = content_etag(response.content)
        return get_conditional_response(request, etag=response["ETag"], response=response)


# --- Public forms without a CSRF token ------------------------------------------------------


def allowed_origins(request):
    origins = {f"{request.scheme}://{request.get_host()}"}
    if settings.SITE_URL:
        parts = urlsplit(settings.SITE_URL)
        origins.add(f"{parts.scheme}://{parts.netloc}")
    return origins


def is_allowed_origin(request, origin):
    if origin in allowed_origins(request) or origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    parts = urlsplit(origin)
    return any(
        trusted.startswith(f"{parts.scheme}://*") and is_same_domain(parts.netloc, urlsplit(trusted).netloc[1:])
        for trusted in settings.CSRF_TRUSTED_ORIGINS
    )


def cross_site_reason(request):
    """Why the browser's own headers show this post came from another site, or ""."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site and fetch_site not in SAME_SITE_FETCHES:
        return f"Sec-Fetch-Site is {fetch_site}"
    origin = request.headers.get("Origin")
    if origin is not None:
        return "" if is_allowed_origin(request, origin) else f"Origin {origin} is not this site"
    referer = request.headers.get("Referer")
    if referer:
        parts = urlsplit(referer)
        if not is_allowed_origin(request, f"{parts.scheme}://{parts.netloc}"):
            return "Referer is another site"
    # No header at all: not a browser every user of the site has had since 2020 (all send
    # Origin on a cross-site post), and anyone else could post the form themselves.
    return ""


def _checked_view(request):  # pragma: no cover - only handed to CsrfViewMiddleware, never called
    return None


def guard_public_form(view):
    """For a view receiving a public form: same-site check for everyone, CSRF token once there is a session.

    Exempts the view from Django's CSRF middleware, which would require a token (and so a
    cookie, and so a private page) from every visitor.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            reason = cross_site_reason(request)
            if reason:
                return csrf_failure(request, reason)
            if has_session(request):
                refused = CsrfViewMiddleware(_checked_view).process_view(request, _checked_view, (), {})
                if refused is not None:
                    return refused
        return view(request, *args, **kwargs)

    guarded.csrf_exempt = True
    return guarded


def public_form_csrf_input(request):
    """The CSRF field for a public form: only for a visitor with a session (whose page is private anyway)."""
    if request is None or not has_session(request):
        return ""
    return get_token(request)
