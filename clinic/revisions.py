"""Saved versions of what staff edit (django-reversion): readable differences and restoring.

The admin records a version on every save (``EditorialAdmin`` is a reversion
``VersionAdmin``, which also follows the inlines, e.g. a treatment's FAQs). Here: what
changed between two versions, field by field, in words an editor reads, and restoring an
old version without changing whether the item is on the site.
"""

import difflib
import html
import re
from datetime import datetime

from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.text import capfirst
from reversion import create_revision, set_comment, set_user
from reversion.models import Version

# Whether, and from when, an item is on the site. Restoring an old version never changes
# these: bringing back last month's wording must not publish, unpublish or re-date anything.
PUBLICATION_FIELDS = ("status", "published_at", "is_published", "is_active")

BLOCK_END_RE = re.compile(r"</(p|h[1-6]|li|blockquote|tr)>|<br\s*/?>", re.IGNORECASE)


def as_text(value):
    """A stored value as the plain text an editor would read (rich text loses its tags)."""
    if value is None or value == "":
        return ""
    text = str(value)
    if "<" in text:
        text = html.unescape(strip_tags(BLOCK_END_RE.sub("\n", text)))
    return text.strip()


def word_diff(old, new):
    """``old`` → ``new`` as safe HTML, removed words in <del> and added words in <ins>."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", "".join(old_words[a1:a2])))
            continue
        removed, added = "".join(old_words[a1:a2]), "".join(new_words[b1:b2])
        if removed:
            parts.append(format_html("<del>{}</del>", removed))
        if added:
            parts.append(format_html("<ins>{}</ins>", added))
    return format_html_join("", "{}", ((part,) for part in parts))


def _display(model, name, value):
    """A field's stored value as text: names for related rows, labels for choices."""
    try:
        field = model._meta.get_field(name)
    except Exception:
        return as_text(value)
    if isinstance(field, models.ManyToManyField):
        names = sorted(str(item) for item in field.related_model._default_manager.filter(pk__in=value or []))
        return ", ".join(names)
    if isinstance(field, models.ForeignKey):
        item = field.related_model._default_manager.filter(pk=value).first() if value else None
        return str(item) if item else ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return formats.localize(timezone.localtime(value))
    return as_text(value)


def _label(model, name):
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except Exception:
        return capfirst(name.replace("_", " "))


def field_changes(model, old, new, prefix=""):
    """Rows (label, old text, new text, diff HTML) for the fields that differ between two field dicts."""
    rows = []
    for name in new.keys() | old.keys():
        if name in ("id", "updated_at", "created_at", "content_updated_at") or name.endswith(
            ("_width", "_height", "_id_ptr")
        ):
            continue
        before, after = _display(model, name, old.get(name)), _display(model, name, new.get(name))
        if before != after:
            rows.append(
                {
                    "label": prefix + _label(model, name),
                    "before": before,
                    "after": after,
                    "diff": word_diff(before, after),
                }
            )
    return sorted(rows, key=lambda row: row["label"])


def previous_version(version):
    """The version of the same object saved just before ``version``, or None."""
    return (
        Version.objects.get_for_object_reference(version._model, version.object_id)
        .filter(pk__lt=version.pk)
        .order_by("-pk")
        .first()
    )


def _followed(version):
    """The other objects saved in ``version``'s revision (e.g. FAQs), keyed by (model, id)."""
    if version is None:
        return {}
    others = version.revision.version_set.exclude(pk=version.pk).select_related("content_type")
    return {(other.content_type_id, other.object_id): other for other in others}


def changes(version):
    """What ``version`` changed compared with the version before it, including followed items.

    Returns rows (label, before, after, diff) an editor can read.
    """
    previous = previous_version(version)
    rows = field_changes(version._model, previous.field_dict if previous else {}, version.field_dict)
    before, after = _followed(previous), _followed(version)
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        item = new or old
        noun = capfirst(item._model._meta.verbose_name)
        name = (new or old).object_repr
        if old is None:
            rows.append({"label": f"{noun} added", "before": "", "after": name, "diff": word_diff("", name)})
        elif new is None:
            rows.append({"label": f"{noun} removed", "before": name, "after": "", "diff": word_diff(name, "")})
        else:
            rows += field_changes(item._model, old.field_dict, new.field_dict, prefix=f"{noun} “{name}”: ")
    return rows


def restore(version, *, user):
    """Bring the content of ``version`` back (with its followed items), as a new version.

    The item keeps its current publication fields (``PUBLICATION_FIELDS``): a draft stays a
    draft and a published page stays published with its date. Returns the restored object.
    """
    model = version._model
    current = model._default_manager.get(pk=version.object_id)
    keep = {name: getattr(current, name) for name in PUBLICATION_FIELDS if hasattr(current, name)}
    with transaction.atomic(), create_revision():
        version.revision.revert(delete=True)
        restored = model._default_manager.get(pk=version.object_id)
        for name, value in keep.items():
            setattr(restored, name, value)
        if hasattr(restored, "content_updated_at"):
            restored.content_updated_at = timezone.now()  # the restored wording is what readers now see
        restored.save()
        set_user(user)
        when = timezone.localtime(version.revision.date_created)
        set_comment(f"Restored the version of {when:%d %b %Y, %H:%M}.")
    return restored
