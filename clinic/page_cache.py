"""Whole pages for anonymous visitors, kept under the versions of everything the site shows.

``cache_public_page()`` wraps a view whose page, for a visitor without a session,
depends only on content (clinic/cache_versions.py). The first such request renders the page
and keeps its HTML under a key made of the address and every version any app follows; the
next ones get the same bytes without rendering. Any write to anything shown on the site bumps
one of those versions, so the next request renders afresh: a kept page never needs to know
which rows it shows.

What depends on the clock rather than on a write (a scheduled article going live, comments
closing with age) is renewed after ``KEPT_SECONDS``: with the 30 seconds nginx may keep a
page on top, such a change still reaches readers within a minute.

Only the plain page is kept: a request carrying the session or messages cookie, a query
string other than the view's ``query_params`` (a reply link, a campaign tag, a search) or a
method other than GET and HEAD goes straight to the view, and only a 200 the view did not mark
itself (previews are ``never_cache``), that sets no cookie and shows no message, is kept.
The page then passes through the same middleware as any other: security headers, the
shared-cache headers and ETag, compression.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.decorators import method_decorator

from clinic import cache_versions
from clinic.http_cache import carries_personal_cookie, showed_messages

KEPT_SECONDS = 20


def _is_plain_request(request, query_params):
    return (
        request.method in ("GET", "HEAD")
        and all(name in query_params for name in request.GET)
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
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{address}|{'|'.join(map(str, versions))}".encode()).hexdigest()[:40]
    return f"page:{digest}"


def cache_public_page(*, query_params=()):
    """Decorate a view: its plain anonymous page is kept until anything shown changes, at most ``KEPT_SECONDS``.

    ``query_params`` names parameters that choose a page of the view (``page``): an address
    with only those is kept under its full address, with any other it is never kept.
    """

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not _is_plain_request(request, query_params):
                return view(request, *args, **kwargs)
            key = page_key(request, cache_versions.every_version())
            kept = cache.get(key)
            if kept is not None:
                content, headers = kept
                return HttpResponse(content, headers=headers)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if _is_keepable(request, response):
                # The view's own headers too (a sitemap's X-Robots-Tag, a feed's Last-Modified).
                cache.set(key, (response.content, dict(response.headers)), KEPT_SECONDS)
            return response

        return cached_view

    return decorator


def cache_public_view(*, query_params=()):
    """``cache_public_page`` for a class-based view: ``@cache_public_view()`` above the class."""
    return method_decorator(cache_public_page(query_params=query_params), name="dispatch")
