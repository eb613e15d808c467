"""Compressed pages: Brotli for browsers that accept it, gzip for the others.

Listed below Django's GZipMiddleware in MIDDLEWARE, so it sees the response first: a client
that accepts ``br`` gets Brotli, and GZipMiddleware then leaves the already-encoded response
alone. A private page for a client without Brotli still gets gzip from GZipMiddleware, which
pads it against BREACH; Django also masks the CSRF token afresh on every response.

A page marked ``public`` (clinic/http_cache.py) is the same bytes for every visitor until its
content changes, so it is compressed once: the compressed bytes are kept in the cache under a
digest of the page, for Brotli and gzip alike, and later requests for the same page reuse them.
"""

import gzip
import hashlib
import re

import brotli
from django.core.cache import cache
from django.utils.cache import patch_vary_headers

COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml", "application/atom+xml",
                      "application/javascript", "application/ld+json", "image/svg+xml")  # fmt: skip
MIN_LENGTH = 200
# Quality 5 compresses a page in about a millisecond and still beats gzip's size.
QUALITY = 5
# Long enough for a page to be asked for many times; a changed page has a new digest anyway.
COMPRESSED_CACHE_SECONDS = 60 * 60
GZIP_LEVEL = 6
ACCEPTS_GZIP = re.compile(r"\bgzip\b", re.IGNORECASE)
ACCEPTS_BR = re.compile(r"(?:^|,)\s*br\s*(?:;\s*q\s*=\s*(?P<q>[0-9.]+))?\s*(?:,|$)", re.IGNORECASE)


def accepts_brotli(accept_encoding):
    """True when an Accept-Encoding header lists ``br`` with a non-zero quality."""
    match = ACCEPTS_BR.search(accept_encoding or "")
    if not match:
        return False
    try:
        return float(match.group("q") or 1) > 0
    except ValueError:
        return False


def compress(content, encoding):
    if encoding == "br":
        return brotli.compress(content, quality=QUALITY)
    return gzip.compress(content, GZIP_LEVEL, mtime=0)


def compressed_once(content, encoding):
    """``content`` compressed, from the cache when the same bytes were compressed before."""
    key = f"compressed:{encoding}:{hashlib.sha256(content).hexdigest()}"
    compressed = cache.get(key)
    if compressed is None:
        compressed = compress(content, encoding)
        cache.set(key, compressed, COMPRESSED_CACHE_SECONDS)
    return compressed


def is_public(response):
    return "public" in response.get("Cache-Control", "")


class CompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or len(response.content) < MIN_LENGTH
            or not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        ):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if accepts_brotli(accepted):
            encoding = "br"
        elif is_public(response) and ACCEPTS_GZIP.search(accepted):
            # Private pages are left to GZipMiddleware, which pads each one against BREACH.
            encoding = "gzip"
        else:
            return response
        if is_public(response):
            compressed = compressed_once(response.content, encoding)
        else:
            compressed = compress(response.content, encoding)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        response.headers["Content-Encoding"] = encoding
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            # The bytes differ from the uncompressed page's, as GZipMiddleware also marks.
            response.headers["ETag"] = "W/" + etag
        return response
