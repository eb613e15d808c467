"""Whole pages for anonymous visitors, kept under the versions of everything they show.

``cache_public_page("articles", "comments", ...)`` wraps a view whose page, for a visitor
without a session, depends only on content the named versions follow (clinic/cache_versions.py).
The first such request renders the page and keeps its HTML under a key made of the address and
those versions; the next ones get the same bytes without rendering or querying. Any write that
changes what the page shows bumps one of the versions, so the next request renders afresh.

What depends on the clock rather than on a write (a scheduled article going live beside this
one, comments closing with age) is renewed by ``timeout``.

Only the plain page is kept: a request carrying the session or messages cookie, a query string
(a reply link, a campaign tag) or a method other than GET and HEAD goes straight to the view,
and only a 200 the view did not mark itself (previews are ``never_cache``), that sets no cookie
and shows no message, is kept. The page then passes through the same middleware as any other:
security headers, the shared-cache headers and ETag, compression.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from clinic import cache_versions
from clinic.http_cache import carries_personal_cookie, showed_messages


def _is_plain_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not carries_personal_cookie(request)
    )


def _is_keepable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        # A CSRF token was put in the page: it would set a cookie on the way out.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not showed_messages(request)
    )


def page_key(request, versions):
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    digest = hashlib.sha256(f"{address}|{'|'.join(map(str, versions))}".encode()).hexdigest()[:40]
    return f"page:{digest}"


def cache_public_page(*version_names, timeout):
    """Decorate a view: its plain anonymous page is kept until a named version changes or ``timeout`` passes."""

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not _is_plain_request(request):
                return view(request, *args, **kwargs)
            key = page_key(request, cache_versions.versions(*version_names))
            kept = cache.get(key)
            if kept is not None:
                content, content_type = kept
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if _is_keepable(request, response):
                cache.set(key, (response.content, response["Content-Type"]), timeout)
            return response

        return cached_view

    return decorator
