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


@register.simple_tag
def admin_inbox(user):
    """Work waiting for ``user`` on the admin index, as (label, count, changelist URL) triples.

    Only lists what the user may view, and only non-zero counts: comments awaiting
    moderation and new enquiries.
    """
    from django.urls import reverse

    from blog.models import Comment
    from clinic.models import Enquiry

    items = []
    if user.has_perm("blog.view_comment"):
        count = Comment.objects.pending().count()
        if count:
            label = "comment awaiting moderation" if count == 1 else "comments awaiting moderation"
            items.append((label, count, reverse("admin:blog_comment_changelist") + "?status=pending"))
    if user.has_perm("clinic.view_enquiry"):
        count = Enquiry.objects.awaiting_reply().count()
        if count:
            label = "new enquiry" if count == 1 else "new enquiries"
            url = reverse("admin:clinic_enquiry_changelist") + "?status__exact=new&is_spam__exact=0"
            items.append((label, count, url))
    return items
