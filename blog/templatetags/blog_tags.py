from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

register = template.Library()

# Links in comments are the visitor's, not the clinic's: search engines should not follow
# them (nofollow, ugc) and the page opened gets no handle on ours (noopener).
COMMENT_LINK_REL = 'rel="nofollow ugc noopener"'


@register.filter
def comment_text(value):
    """A plain-text comment as HTML: everything escaped, URLs linked, paragraphs and line breaks kept."""
    # urlize escapes all the text around the links it makes, so the only "<a " left in
    # its output is one of its own anchors.
    linked = urlize(str(value), trim_url_limit=60, nofollow=False, autoescape=True)
    linked = linked.replace("<a href=", f"<a {COMMENT_LINK_REL} href=")
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 — escaped by urlize above
