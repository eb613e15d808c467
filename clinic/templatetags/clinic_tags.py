import re

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe

from clinic import seo
from clinic.images import RENDITION_WIDTHS
from clinic.purge import retention_periods as registered_retention_periods
from clinic.registries import admin_inbox as inbox_counts
from clinic.renditions import renditions

register = template.Library()


@register.simple_tag
def responsive_image(field_file, alt, sizes="100vw", widths="", eager=False, css_class=""):
    """An <img> with WebP renditions in srcset, width and height set, lazy unless ``eager``.

    Sizes and addresses come from the recorded renditions: no file is opened, no storage asked.

    ``widths`` is a space-separated list of pixel widths; the site's defaults otherwise.
    Returns an empty string when there is no image.
    """
    if not field_file:
        return ""
    wanted = [int(width) for width in widths.split()] if widths else RENDITION_WIDTHS
    versions = renditions(field_file, wanted)
    src, width, height = versions[-1]
    srcset = ", ".join(f"{url} {w}w" for url, w, _ in versions)
    # An eager image is the page's main one: fetched first, ahead of the lazy ones.
    loading = "eager" if eager else "lazy"
    # A copy not made yet is served as the original, sized from its model when known.
    dimensions = format_html(' width="{}" height="{}"', width, height) if width and height else ""
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}"{} alt="{}" loading="{}"{} decoding="async"{}>',
        src,
        srcset,
        sizes,
        dimensions,
        alt,
        loading,
        mark_safe(' fetchpriority="high"') if eager else "",
        format_html(' class="{}"', css_class) if css_class else "",
    )


TABLE_OPEN_RE = re.compile(r"<table\b", re.IGNORECASE)
TABLE_CLOSE_RE = re.compile(r"</table\s*>", re.IGNORECASE)
DISCLAIMER_RE = re.compile(
    r"\b(not|no substitute for|does not constitute|isn.t)\b[^.]{0,60}\bmedical advice\b", re.IGNORECASE
)


@register.filter
def wrap_tables(html):
    """Rich text with each table in a box that scrolls sideways on its own (a phone keeps its width).

    The box is focusable and labelled so keyboard users can scroll it too. Plain strings are
    escaped first: only already-sanitised HTML passes through as HTML.
    """
    html = conditional_escape(html)
    if "<table" not in html.lower():
        return html
    opened = TABLE_OPEN_RE.sub(
        '<div class="table-scroll" role="region" aria-label="Table, scrolls sideways" tabindex="0"><table', html
    )
    return mark_safe(TABLE_CLOSE_RE.sub("</table></div>", opened))  # noqa: S308 — input was safe or escaped


@register.filter
def ends_with_disclaimer(html):
    """True when the closing words of a rich-text body already say it is not medical advice."""
    closing = strip_tags(str(html or ""))[-600:]
    return bool(DISCLAIMER_RE.search(closing))


@register.simple_tag(takes_context=True)
def person_structured_data(context, practitioner):
    """Person JSON-LD for a practitioner's profile, with the clinic they work for."""
    absolute = _absolute(context)
    data = {"@context": "https://schema.org", **seo.person_data(practitioner, absolute)}
    clinic = context["clinic"]
    clinic = clinic() if callable(clinic) else clinic
    data["worksFor"] = {"@type": "MedicalClinic", "name": clinic.name, "url": absolute("/")}
    if practitioner.photo:
        data["image"] = seo.image_url(practitioner.photo, absolute)
    if practitioner.register_url:
        data["sameAs"] = [practitioner.register_url]
    if practitioner.memberships:
        data["memberOf"] = [
            {"@type": "Organization", "name": name.strip()} for name in practitioner.memberships.split(",")
        ]
    data["description"] = seo.plain(practitioner.bio, 300) if practitioner.bio else practitioner.role
    return seo.json_ld_script({key: value for key, value in data.items() if value})


@register.filter
def iso_datetime(value):
    """A datetime as HTML's <time datetime> expects it: ISO 8601 to the second, with offset."""
    if not value:
        return ""
    return value.isoformat(timespec="seconds")


@register.simple_tag
def admin_inbox(user):
    """Work waiting for ``user`` on the admin index, as (label, count, changelist URL) triples.

    Each app registers its counts in ``clinic.registries.admin_inbox`` (comments awaiting
    moderation, new enquiries); each shows only what the user may view, and only when non-zero.
    """
    items = (count(user) for count in inbox_counts)
    return [item for item in items if item]


def _absolute(context):
    request = context.get("request")
    return request.build_absolute_uri if request else (lambda path: path)


@register.simple_tag(takes_context=True)
def social_meta(context, title, description, image=None, kind="website"):
    """Open Graph and Twitter card tags for the page; ``image`` is an image field or None."""
    absolute = _absolute(context)
    request = context.get("request")
    clinic = context.get("clinic")
    tags = [
        ("property", "og:type", kind),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", absolute(request.path) if request else ""),
        ("property", "og:site_name", clinic().name if callable(clinic) else getattr(clinic, "name", "")),
        ("property", "og:locale", "en_GB"),
    ]
    image_url = seo.image_url(image, absolute) if image else ""
    if image_url:
        tags.append(("property", "og:image", image_url))
    tags.append(("name", "twitter:card", "summary_large_image" if image_url else "summary"))
    return format_html_join("\n", '<meta {}="{}" content="{}">', tags)


@register.simple_tag(takes_context=True)
def site_structured_data(context):
    """JSON-LD for every page: the clinic, and the breadcrumb trail when the page shows one."""
    absolute = _absolute(context)
    clinic = context["clinic"]
    clinic = clinic() if callable(clinic) else clinic
    blocks = [seo.json_ld_script(seo.clinic_data(clinic, absolute))]
    breadcrumbs = context.get("breadcrumbs")
    if breadcrumbs:
        blocks.append(seo.json_ld_script(seo.breadcrumb_data(breadcrumbs, context["request"].path, absolute)))
    return mark_safe("".join(blocks))  # noqa: S308 — each block is escaped JSON


@register.simple_tag(takes_context=True)
def article_structured_data(context, article):
    return seo.json_ld_script(seo.article_data(article, _absolute(context)))


@register.simple_tag(takes_context=True)
def treatment_structured_data(context, treatment):
    """MedicalProcedure for the treatment, and FAQPage when it has questions."""
    absolute = _absolute(context)
    blocks = [seo.json_ld_script(seo.treatment_data(treatment, absolute))]
    faqs = list(treatment.faqs.all())
    if faqs:
        blocks.append(seo.json_ld_script(seo.faq_data(faqs)))
    return mark_safe("".join(blocks))  # noqa: S308 — each block is escaped JSON


@register.filter
def admin_change_url(obj):
    """The admin edit address for any model instance."""
    from django.urls import reverse

    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


@register.simple_tag
def retention_periods():
    """(what is kept, days) for each purge step: the privacy notice's list, true by construction."""
    return registered_retention_periods()
