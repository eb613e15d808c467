"""Version numbers for cached renderings: every change to what a rendering shows bumps its version.

A page keeps work that depends only on content (rendered comment threads, the article body,
the site's header and footer data, a whole page for anonymous readers) in Django's cache under
a key that includes a version, e.g. ``version("comments")``. Writes bump the version, so the
next request misses the cache and renders afresh; nothing is ever deleted by hand and nothing
goes stale.

The versions must be seen alike by every process that renders or writes: each web worker, and
a management command such as the WordPress import. Two stores, chosen by ``CACHE_VERSION_STORE``:

- ``"cache"`` — Redis (``REDIS_URL``), the cache every process shares.
- ``"database"`` — the ``clinic.CacheVersion`` table, whenever there is no Redis: the cache is
  then each process's own memory, where a bump would reach no other worker. A request reads
  every version in one query the first time it needs one, and keeps them until it ends.

The version is bumped at once (so the writing request, and tests inside a transaction, see
the change) and again after commit (so a request that read the old rows while the write
was still open cannot keep its rendering under the new version). A version is a clock
reading in nanoseconds, so it never comes back as an old number: not after a cache eviction,
nor after a database restore.
"""

import random
import time

from asgiref.local import Local
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

TABLE = "clinic_cacheversion"
# Rows older than this, other than each name's newest, are pruned after one bump in PRUNE_ONE_IN.
PRUNE_AFTER_NS = 60 * 60 * 10**9
PRUNE_ONE_IN = 50

# The versions read while answering the current request (None outside a request).
_request = Local()
# Every name some app bumps on change (``bump_on_change``).
_followed = set()


def _in_database():
    return getattr(settings, "CACHE_VERSION_STORE", "cache") == "database"


def _key(name):
    return f"version:{name}"


def _read(names):
    """``{name: version}`` for at least ``names``, from the store."""
    if _in_database():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT name, MAX(value) FROM {TABLE} GROUP BY name")  # noqa: S608 (a constant)
            found = dict(cursor.fetchall())
        # A name never bumped is at version 0 in every process alike.
        return {name: found.get(name, 0) for name in names} | found
    found = {}
    values = cache.get_many([_key(name) for name in names])
    for name in names:
        found[name] = values.get(_key(name))
        if found[name] is None:
            cache.add(_key(name), time.time_ns(), None)
            found[name] = cache.get(_key(name))
    return found


def _write(name):
    value = time.time_ns()
    if _in_database():
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} (name, value) VALUES (%s, %s)", [name, value])  # noqa: S608
    else:
        cache.set(_key(name), value, None)
    memo = getattr(_request, "versions", None)
    if memo is not None:
        memo[name] = value


def _prune():
    # Outside any transaction (after commit), so it never holds a lock a writer waits for.
    cutoff = time.time_ns() - PRUNE_AFTER_NS
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE value < %s AND value NOT IN (SELECT MAX(value) FROM {TABLE} GROUP BY name)",  # noqa: S608
            [cutoff],
        )


def versions(*names):
    """The current versions of ``names``, read once per request (one query or one cache round trip)."""
    memo = getattr(_request, "versions", None)
    if memo is None:
        found = _read(names)
        return tuple(found[name] for name in names)
    if not getattr(_request, "read_all", False):
        missing = [name for name in names if name not in memo]
        if missing:
            memo.update(_read(missing))
            # The database's one query returns every name there is: the others are at 0.
            _request.read_all = _in_database()
    return tuple(memo.get(name, 0) for name in names)


def every_version():
    """The versions of every name any app follows, for a rendering that may show anything."""
    return versions(*sorted(_followed))


def version(name):
    """The current version of ``name`` (an opaque number) for use in cache keys."""
    return versions(name)[0]


def bump(name):
    """Mark every rendering cached under ``name``'s version as out of date, now and after commit."""
    _write(name)

    def after_commit():
        _write(name)
        if _in_database() and random.randrange(PRUNE_ONE_IN) == 0:  # noqa: S311 (spreads clean-up, not security)
            _prune()

    transaction.on_commit(after_commit)


def renew_everything(**kwargs):
    """After ``migrate`` (every deploy runs it): drop renderings made from the templates of before.

    Only a shared cache outlives the web processes; without Redis each process's memory went
    with the restart that deployed the new code.
    """
    if not _in_database():
        for name in sorted(_followed):
            bump(name)


def _start_request(**kwargs):
    _request.versions = {}
    _request.read_all = False


def _end_request(**kwargs):
    _request.versions = None
    _request.read_all = False


request_started.connect(_start_request, dispatch_uid="cache-versions:start")
request_finished.connect(_end_request, dispatch_uid="cache-versions:end")


def bump_on_change(name, *models):
    """Bump ``name`` whenever a row of ``models`` is saved or deleted (or a many-to-many ``through`` changes).

    A model may be named by its label ("clinic.Practitioner"), so an app can follow another
    app's models without importing them.

    Bulk ``QuerySet.update()`` sends no signal: a queryset method that updates shown rows
    calls ``bump`` itself.
    """

    def changed(sender, **kwargs):
        bump(name)

    _followed.add(name)
    for model in models:
        if isinstance(model, str):
            model = django_apps.get_model(model)
        uid = f"cache-version:{name}:{model._meta.label}"
        if model._meta.auto_created:
            m2m_changed.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        else:
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
