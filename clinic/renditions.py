"""Renditions of uploaded images: made when an image is saved, read by pages from the database.

Saving a model with an image field (any ``CleanImageField``) writes the WebP copies and
records them as ``Rendition`` rows in the same step. Pages then look the copies up (one
cache read per image; the database on a cold cache) and never open a file, ask the storage
whether a copy exists, or make one: a copy that is missing is served as the original file.
``manage.py make_renditions`` makes them for images saved before this existed.
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save

from clinic.images import RENDITION_WIDTHS, make_rendition_files
from clinic.models import CleanImageField, Rendition

# Rendition rows only change when images are saved: kept until then.
CACHE_TIMEOUT = None


def _cache_key(original_name):
    return "renditions:" + hashlib.sha256(original_name.encode()).hexdigest()


def make_renditions(field_file, widths=RENDITION_WIDTHS):
    """Write and record the copies of ``field_file`` at ``widths``; returns how many copies were recorded.

    Safe to run again: copies already stored are kept, rows already recorded are updated.
    """
    (original_width, original_height), copies = make_rendition_files(field_file, widths)
    with transaction.atomic():
        for requested, copy in copies.items():
            Rendition.objects.update_or_create(
                original=field_file.name,
                requested_width=requested,
                defaults={"original_width": original_width, "original_height": original_height, **copy},
            )
    key = _cache_key(field_file.name)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
    return len(copies)


def image_fields():
    """(model, field name) of every concrete model's ``CleanImageField``."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, CleanImageField)
    ]


def _recorded(original_name):
    key = _cache_key(original_name)
    recorded = cache.get(key)
    if recorded is None:
        rows = Rendition.objects.filter(original=original_name).values_list(
            "requested_width", "url", "width", "height", "original_width", "original_height"
        )
        recorded = {
            "copies": {requested: (url, width, height) for requested, url, width, height, _ow, _oh in rows},
            "original": (rows[0][4], rows[0][5]) if rows else None,
        }
        cache.set(key, recorded, CACHE_TIMEOUT)
    return recorded


def renditions(field_file, widths=RENDITION_WIDTHS):
    """(url, width, height) of the recorded copies of ``field_file`` for ``widths``, smallest first, no repeats.

    Widths with no recorded copy are skipped; with none at all, the original file itself is
    returned with the size stored on its model (``None`` when unknown). No storage call is
    made beyond the original's URL in that fallback.
    """
    recorded = _recorded(field_file.name)
    seen = {}
    for requested in sorted(widths):
        copy = recorded["copies"].get(requested)
        if copy:
            seen.setdefault(copy[1], copy)
    if seen:
        return list(seen.values())
    width, height = recorded["original"] or _stored_size(field_file)
    return [(field_file.url, width, height)]


def rendition_url(field_file, width):
    """URL of the copy of ``field_file`` made for ``width`` (or the nearest narrower one), else the original's."""
    copies = _recorded(field_file.name)["copies"]
    fitting = [requested for requested in copies if requested <= width]
    return copies[max(fitting)][0] if fitting else field_file.url


def _stored_size(field_file):
    field = getattr(field_file, "field", None)
    instance = getattr(field_file, "instance", None)
    if field is None or instance is None:
        return None, None
    width = getattr(instance, field.width_field, None) if field.width_field else None
    height = getattr(instance, field.height_field, None) if field.height_field else None
    return width, height


def connect():
    """Make renditions whenever a model with an image field is saved (called from ``ClinicConfig.ready``)."""
    names_by_model = {}
    for model, name in image_fields():
        names_by_model.setdefault(model, []).append(name)
    for model, names in names_by_model.items():

        def make_on_save(sender, instance, raw=False, names=names, **kwargs):
            if raw:  # loaddata: the files may not be in place yet; make_renditions catches up
                return
            for name in names:
                file = getattr(instance, name)
                if file and not Rendition.objects.filter(original=file.name).exists():
                    make_renditions(file)

        post_save.connect(make_on_save, sender=model, weak=False, dispatch_uid=f"renditions:{model._meta.label}")
