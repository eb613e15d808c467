"""Counters every web worker and app server shares, so a limit holds however the site is deployed.

Two stores, chosen by ``RATE_LIMIT_STORE``:

- ``"cache"`` — the Redis cache (``REDIS_URL``): ``INCR`` and ``SET NX`` are atomic.
- ``"database"`` — the ``limits.Counter`` table, one atomic
  ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` per hit (PostgreSQL, and SQLite for the
  local demo). Used whenever no Redis is configured: a process's own memory would give
  each worker its own allowance and forget it whenever the worker is recycled.

Windows are fixed: ``window_seconds`` long, starting at multiples of it since 1970.
"""

import random
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from clinic.limits.models import Counter

# One hit in this many also deletes rows whose window is over, so the table stays small.
PRUNE_ONE_IN = 200


def count_hit(scope, subject, *, window_seconds):
    """Record one hit for ``subject`` in ``scope`` and return the hits in the current window, this one included."""
    period = int(time.time() // window_seconds)
    expires = (period + 1) * window_seconds
    if settings.RATE_LIMIT_STORE == "cache":
        key = f"limits:{scope}:{subject}:{period}"
        cache.add(key, 0, timeout=max(1, int(expires - time.time()) + 1))
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr: this is the window's first hit
            cache.set(key, 1, timeout=window_seconds)
            return 1
    return _upsert(scope, subject, period, expires)


def use_once(scope, subject, *, ttl_seconds):
    """True the first time ``subject`` is used in ``scope`` within ``ttl_seconds``; False on every later use."""
    if settings.RATE_LIMIT_STORE == "cache":
        return cache.add(f"limits:{scope}:{subject}", 1, timeout=ttl_seconds)
    return _upsert(scope, subject, 0, time.time() + ttl_seconds) == 1


def prune_expired():
    """Delete database counters whose window is over; returns how many went."""
    deleted, _ = Counter.objects.filter(expires_at__lt=datetime.now(UTC)).delete()
    return deleted


def _upsert(scope, subject, period, expires):
    if random.randrange(PRUNE_ONE_IN) == 0:  # noqa: S311 (not security: spreads clean-up over requests)
        prune_expired()
    # One statement, so two workers hitting the same window never both read the old count.
    sql = (
        "INSERT INTO limits_counter (scope, subject, period, hits, expires_at) VALUES (%s, %s, %s, 1, %s) "
        "ON CONFLICT (scope, subject, period) DO UPDATE SET hits = limits_counter.hits + 1 RETURNING hits"
    )
    with connection.cursor() as cursor:
        expires_at = connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(expires, UTC))
        cursor.execute(sql, [scope, subject, period, expires_at])
        return cursor.fetchone()[0]
