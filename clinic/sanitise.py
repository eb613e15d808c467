"""The site's single HTML allow-list.

Only ``sanitise_html`` output may be marked safe in a template. It keeps the formatting
the editor offers (headings, lists, links, images, tables, quotes) and drops everything
else: script, styles, event handlers, iframes, forms, unknown URL schemes.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with their content, not just unwrapped: their text is never meant for readers.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}


def sanitise_html(html):
    """Return ``html`` reduced to the site's allow-list; safe to render unescaped."""
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=ALLOWED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    ).strip()
