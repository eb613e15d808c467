"""Version numbers for cached renderings: every change to what a rendering shows bumps its version.

A page keeps work that depends only on content (rendered comment threads, the article body,
the site's header and footer data) in Django's cache under a key that includes a version,
e.g. ``version("comments")``. Writes bump the version, so the next request misses the
cache and renders afresh; nothing is ever deleted by hand and nothing goes stale.

The version is bumped at once (so the writing request, and tests inside a transaction, see
the change) and again after commit (so a request that read the old rows while the write
was still open cannot keep its rendering under the new version). A version evicted from
the cache comes back as a new number, never as an old one.
"""

import time

from django.apps import apps as django_apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


def _key(name):
    return f"version:{name}"


def version(name):
    """The current version of ``name`` (an opaque number) for use in cache keys."""
    current = cache.get(_key(name))
    if current is None:
        cache.add(_key(name), time.time_ns(), None)
        current = cache.get(_key(name))
    return current


def versions(*names):
    """The current versions of ``names``, read in one cache round trip (a missing one is started)."""
    found = cache.get_many([_key(name) for name in names])
    return tuple(found.get(_key(name)) or version(name) for name in names)


def bump(name):
    """Mark every rendering cached under ``name``'s version as out of date, now and after commit."""
    cache.set(_key(name), time.time_ns(), None)
    transaction.on_commit(lambda: cache.set(_key(name), time.time_ns(), None))


def bump_on_change(name, *models):
    """Bump ``name`` whenever a row of ``models`` is saved or deleted (or a many-to-many ``through`` changes).

    A model may be named by its label ("clinic.Practitioner"), so an app can follow another
    app's models without importing them.

    Bulk ``QuerySet.update()`` sends no signal: a queryset method that updates shown rows
    calls ``bump`` itself.
    """

    def changed(sender, **kwargs):
        bump(name)

    for model in models:
        if isinstance(model, str):
            model = django_apps.get_model(model)
        uid = f"cache-version:{name}:{model._meta.label}"
        if model._meta.auto_created:
            m2m_changed.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        else:
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
