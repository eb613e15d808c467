"""What the tests' cache holds: local memory, whose keys can be listed."""

from django.core.cache import cache


def cached_keys(kind):
    """The keys of entries of one ``kind``: "page" (clinic/page_cache.py), "compressed" (clinic/compression.py)."""
    return [key for key in cache._cache if f":{kind}:" in key]
