from django import template
from django.utils.html import format_html

from clinic.images import RENDITION_WIDTHS, renditions

register = template.Library()


@register.simple_tag
def responsive_image(field_file, alt, sizes="100vw", widths="", eager=False, css_class=""):
    """An <img> with WebP renditions in srcset, width and height set, lazy unless ``eager``.

    ``widths`` is a space-separated list of pixel widths; the site's defaults otherwise.
    Returns an empty string when there is no image.
    """
    if not field_file:
        return ""
    wanted = [int(width) for width in widths.split()] if widths else RENDITION_WIDTHS
    versions = renditions(field_file, wanted)
    src, width, height = versions[-1]
    srcset = ", ".join(f"{url} {w}w" for url, w, _ in versions)
    loading = "eager" if eager else "lazy"
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}>',
        src,
        srcset,
        sizes,
        width,
        height,
        alt,
        loading,
        format_html(' class="{}"', css_class) if css_class else "",
    )


@register.filter
def iso_datetime(value):
    """A datetime as HTML's <time datetime> expects it: ISO 8601 to the second, with offset."""
    if not value:
        return ""
    return value.isoformat(timespec="seconds")
