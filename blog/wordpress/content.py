"""Turning WordPress post content into the clean HTML the site stores.

Block-editor content arrives as HTML wrapped in ``<!-- wp:name {attributes} -->``
comments; classic content arrives as text with blank lines and shortcodes. Both end as
plain semantic HTML: no block comments, no empty paragraphs, no paragraph directly inside
a list, no third-party embeds (an embed becomes a link carrying its title).
"""

import html
import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from anyascii import anyascii
from django.utils.html import escape, strip_tags
from django.utils.text import slugify

BLOCK_COMMENT_RE = re.compile(r"<!--\s*/?wp:[^>]*?-->", re.DOTALL)
EMBED_BLOCK_RE = re.compile(
    r"<!--\s*wp:(?:core-embed/[\w-]+|embed)\s*(\{.*?\})?\s*-->(.*?)<!--\s*/wp:(?:core-embed/[\w-]+|embed)\s*-->",
    re.DOTALL,
)
# WordPress turns a URL alone on its line into an embed; here it becomes a link.
BARE_URL_LINE_RE = re.compile(r"^[ \t]*(https?://[^\s<>\"']+)[ \t]*$", re.MULTILINE)
TITLE_ATTRIBUTE_RE = re.compile(r"""\btitle\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
PROVIDERS = {
    "youtube.com": "video on YouTube",
    "youtu.be": "video on YouTube",
    "vimeo.com": "video on Vimeo",
    "twitter.com": "post on X (Twitter)",
    "x.com": "post on X (Twitter)",
    "instagram.com": "post on Instagram",
    "facebook.com": "post on Facebook",
    "soundcloud.com": "audio on SoundCloud",
    "spotify.com": "audio on Spotify",
    "flickr.com": "photo on Flickr",
    "wordpress.tv": "video on WordPress.tv",
}
LIST_TAGS = {"ul", "ol"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Dropped when they hold no text and no image: empty paragraphs, headings and links.
DROPPED_WHEN_EMPTY = {"p", "a"} | HEADING_TAGS
NAMED_IMAGE_RE = re.compile(r"<img\b[^>]*\balt\s*=\s*(['\"])\s*[^'\"\s]", re.IGNORECASE)
HEADING_RE = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
# The page's title is the <h1>; the site's allow-list keeps <h2> to <h4>.
TOP_HEADING, LOWEST_HEADING = 2, 4
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "embed", "param", "track"}


def has_blocks(content):
    """True for content written in the block editor (WordPress skips its automatic paragraphs then)."""
    return "<!-- wp:" in content


def title_text(raw):
    """A WordPress title as plain text: markup dropped, entities decoded exactly once."""
    return " ".join(html.unescape(strip_tags(raw or "")).split())


def ascii_slug(value):
    """A slug the site's addresses accept: non-Latin letters transliterated (Greek ``καλημέρα`` → ``kalimera``)."""
    return slugify(anyascii(value or ""))


def oembed_titles(meta):
    """The titles WordPress cached for the post's embeds (``_oembed_…`` post meta), by cached HTML."""
    titles = []
    for key, value in meta.items():
        if not key.startswith("_oembed_") or key.startswith("_oembed_time_") or not value.strip().startswith("<"):
            continue
        match = TITLE_ATTRIBUTE_RE.search(value)
        title = match.group(2) if match else strip_tags(value).split("—")[0]
        title = " ".join(html.unescape(title).split())
        if title:
            titles.append((value, title))
    return titles


def _token(url):
    """What identifies the embedded thing inside cached embed HTML (a video id, a status id)."""
    parts = urlsplit(url)
    if "v" in parse_qs(parts.query):
        return parse_qs(parts.query)["v"][0]
    segments = [segment for segment in parts.path.split("/") if segment]
    return segments[-1] if segments else ""


def embed_link(url, cached_titles=(), caption=""):
    """``<p><a href=url>title</a></p>`` for an embed: its cached title, caption or provider."""
    url = html.unescape(url.strip())
    token = _token(url)
    title = next((title for cached, title in cached_titles if token and token in cached), "")
    if not title:
        host = (urlsplit(url).hostname or "").removeprefix("www.").removeprefix("m.")
        provider = next(
            (name for domain, name in PROVIDERS.items() if host == domain or host.endswith("." + domain)), ""
        )
        title = caption or (f"See this {provider}" if provider else url)
    return f'\n\n<p><a href="{escape(url)}">{escape(title)}</a></p>\n\n'


def convert_embed_blocks(content, cached_titles):
    """Block-editor embeds (``wp:embed`` and the older ``wp:core-embed/…``) → links."""

    def replace(match):
        try:
            attributes = json.loads(match.group(1) or "{}")
        except ValueError:
            attributes = {}
        inner = match.group(2)
        url = attributes.get("url") or (re.findall(r"https?://[^\s<>\"']+", strip_tags(inner)) or [""])[0]
        caption_match = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", inner, re.DOTALL)
        caption = title_text(caption_match.group(1)) if caption_match else ""
        return embed_link(url, cached_titles, caption) if url else ""

    return EMBED_BLOCK_RE.sub(replace, content)


def convert_bare_urls(content, cached_titles):
    """A URL alone on its line (WordPress's auto-embed) → a link with the embed's title."""
    return BARE_URL_LINE_RE.sub(lambda match: embed_link(match.group(1), cached_titles), content)


def strip_block_comments(content):
    return BLOCK_COMMENT_RE.sub("", content)


class _Tidy(HTMLParser):
    """Drops empty paragraphs, headings and links, unwraps links without an address and
    turns a paragraph sitting directly in a list into an item."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.stack = []  # (tag, index in out of its start tag, renamed-to)

    def handle_starttag(self, tag, attrs):
        text = self.get_starttag_text()
        renamed = None
        if tag == "p" and self.stack and self.stack[-1][0] in LIST_TAGS:
            renamed, text = "li", "<li>"
        if tag == "a" and not dict(attrs).get("href", "").strip():
            renamed, text = "", ""  # a link to nowhere (an unfinished button): keep its text only
        if tag == "li" and self.stack and self.stack[-1][0] == "p":
            # A list item can't live in a paragraph: close the paragraph first.
            self.handle_endtag("p")
        if tag in VOID_TAGS:
            self.out.append(text)
            return
        self.stack.append((tag, len(self.out), renamed))
        self.out.append(text)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if not any(open_tag == tag for open_tag, _i, _r in self.stack):
            return  # a stray end tag
        while self.stack:
            open_tag, start, renamed = self.stack.pop()
            inner = "".join(self.out[start + 1 :])
            if open_tag in DROPPED_WHEN_EMPTY and not _has_text(inner):
                if "<img" not in inner.lower():
                    del self.out[start:]
                    if open_tag == tag:
                        return
                    continue
                if open_tag == "a" and not NAMED_IMAGE_RE.search(inner):
                    # A link around an image without alt text has no name: keep the image only.
                    self.out[start], renamed = "", ""
            if renamed != "":
                self.out.append(f"</{renamed or open_tag}>")
            if open_tag == tag:
                return

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        pass

    def close(self):
        super().close()
        while self.stack:
            self.handle_endtag(self.stack[-1][0])
        return "".join(self.out)


def _has_text(inner):
    # Text before the first tag or entity reaches strip_tags's result as it is: when there is
    # some, the (slow, parser-based) strip_tags can be spared. Most paragraphs start so.
    head = re.split(r"[<&]", inner, maxsplit=1)[0]
    if head.replace("\xa0", "").strip():
        return True
    return bool(strip_tags(inner).replace("&nbsp;", "").replace("\xa0", "").strip())


def order_headings(content):
    """Renumber headings so the first level under the page title is <h2> and no level is skipped.

    A heading becomes one level below the nearest earlier heading of a higher original level
    (WordPress posts often start at <h3>, or jump from <h2> to <h5>); levels past <h4> stay <h4>.
    """
    opened = []  # (original level, new level) of the headings above the current one
    current = TOP_HEADING

    def renumber(match):
        nonlocal current
        closing, level = match.group(1), int(match.group(2))
        if closing:
            return f"</h{current}"
        while opened and opened[-1][0] >= level:
            opened.pop()
        current = min(opened[-1][1] + 1 if opened else TOP_HEADING, LOWEST_HEADING)
        opened.append((level, current))
        return f"<h{current}"

    return HEADING_RE.sub(renumber, content)


def tidy(content):
    """Remove empty paragraphs, headings and links and paragraphs directly inside lists; order headings."""
    parser = _Tidy()
    parser.feed(content)
    return order_headings(re.sub(r"\n{3,}", "\n\n", parser.close()).strip())
