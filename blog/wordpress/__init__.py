"""Reading a WordPress export (WXR 1.1 or 1.2) and bringing its content into the site.

The export is read twice with a streaming parser that refuses DTDs and entities (so a
hostile file cannot expand itself or reach the network): a first pass gathers the small
things everything else refers to (authors, terms, attachments, page paths) and proves
the file well formed before anything is written; a second pass imports the posts and
pages a batch at a time (``ITEM_BATCH``): what earlier imports made of a batch is read in a
few queries, its new rows are written in a few statements, and then it is forgotten, so
queries grow with batches and memory does not grow with the export.
``WordPressImporter.run()`` does the writing; the management command ``import_wordpress``
wraps it in one transaction.
"""

import hashlib
import html
import json
import posixpath
import re
import tempfile
from collections import Counter, defaultdict
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import Request, urlopen
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator, get_valid_filename

from blog.models import ARTICLES_VERSION, Article, Category, Tag, WordPressItem
from blog.wordpress.content import (
    ascii_slug,
    convert_bare_urls,
    convert_embed_blocks,
    embed_link,
    has_blocks,
    oembed_titles,
    strip_block_comments,
    tidy,
    title_text,
)
from clinic import cache_versions
from clinic.images import reencode_image
from clinic.models import RESERVED_PAGE_SLUGS, Page, Practitioner, Redirect
from clinic.sanitise import sanitise_html
from comments.models import THREADS_VERSION, Comment

NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
# WXR 1.0–1.2 from WordPress itself (http) and from WordPress.com (https).
EXPORT_NAMESPACE_RE = re.compile(r"^https?://wordpress\.org/export/")
KINDS = ("authors", "categories", "tags", "posts", "pages", "comments", "images", "redirects")
UPLOADS_MARKER = "/wp-content/uploads/"
MEDIA_PREFIX = "wordpress"
# Rows written per statement when the import writes in bulk.
BATCH_SIZE = 1000
# Posts and pages read before their earlier-import records, rows and comments are looked
# up together: a few queries per batch, never per item, and only one batch held in memory.
ITEM_BATCH = 200
# Kinds of import record kept per batch rather than for the whole run: there can be as
# many of them as the export has items and comments.
BATCHED_KINDS = ("post", "page", "comment")


class ExportError(Exception):
    """The file is not a readable WordPress export; the message says where and why."""


# An export uses a few dozen tag names, met hundreds of thousands of times.
@lru_cache(maxsize=1024)
def _name(tag):
    """``{namespace}local`` → ``prefix:local``, treating every WXR version's namespace alike."""
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    if EXPORT_NAMESPACE_RE.match(namespace):
        return f"{'excerpt' if namespace.rstrip('/').endswith('/excerpt') else 'wp'}:{local}"
    return f"{NAMESPACES.get(namespace, namespace)}:{local}"


def _fields(element):
    """Children of ``element`` as a dict of name → text (the last one wins)."""
    return {_name(child.tag): (child.text or "") for child in element}


def _read(path, on_item, on_channel_element):
    """Stream ``path``, calling ``on_item`` for each <item> and ``on_channel_element`` for the rest."""
    version = None
    channel = None
    try:
        for event, element in iterparse(str(path), events=("start", "end"), forbid_dtd=True):
            if event == "start":
                if element.tag == "channel":
                    channel = element
                continue
            name = _name(element.tag)
            if name == "wp:wxr_version":
                version = (element.text or "").strip()
            if name == "item":
                on_item(element)
            elif name in ("wp:author", "wp:category", "wp:tag", "wp:term"):
                on_channel_element(name, element)
            else:
                continue
            # Forget what was read, the element itself too: memory stays flat however long the file.
            # The parser reads ahead, so the element is seldom the channel's last child: it is
            # found from the front, past the channel's few own fields.
            element.clear()
            if channel is not None:
                # Not a direct child of <channel> in a malformed but readable export.
                with suppress(ValueError):
                    channel.remove(element)
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":")[0]
        raise ExportError(f"{path} is not well-formed XML: {reason} at line {line}, column {column + 1}.") from None
    except DefusedXmlException as error:
        raise ExportError(
            f"{path} declares a DTD or entities, which a WordPress export never needs; refusing to read it ({error})."
        ) from None
    except OSError as error:
        raise ExportError(f"Cannot read {path}: {error.strerror}.") from None
    if version is None:
        raise ExportError(f"{path} is not a WordPress export: it has no <wp:wxr_version>.")
    return version


def _int(value, default=0):
    try:
        return int((value or "").strip())
    except ValueError:
        return default


def _parse_item(element):
    item = _fields(element)
    item["terms"] = []
    item["meta"] = {}
    item["comments"] = []
    item["old_slugs"] = []
    for child in element:
        name = _name(child.tag)
        if name == "category":
            item["terms"].append((child.get("domain"), child.get("nicename") or "", child.text or ""))
        elif name == "wp:postmeta":
            meta = _fields(child)
            item["meta"][meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
            if meta.get("wp:meta_key") == "_wp_old_slug":
                item["old_slugs"].append(meta.get("wp:meta_value", ""))
        elif name == "wp:comment":
            item["comments"].append(_fields(child))
    return item


# --- Dates --------------------------------------------------------------------------


def wordpress_time(gmt, local):
    """The time of a post or comment: its GMT field if set, else its local field in TIME_ZONE."""
    gmt, local = (gmt or "").strip(), (local or "").strip()
    for value, aware in ((gmt, True), (local, False)):
        if not value or value.startswith("0000"):
            continue
        try:
            naive = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return naive.replace(tzinfo=UTC) if aware else timezone.make_aware(naive)
    return None


# --- Content --------------------------------------------------------------------------

SHORTCODE_RE = re.compile(r"\[(/?)([A-Za-z][\w-]*)([^\]]*?)(/?)\]")
ATTRIBUTE_RE = re.compile(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    "blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|"
    "footer|nav|figure|figcaption|details|menu|summary"
)
BLOCK_START_RE = re.compile(rf"^\s*</?(?:{BLOCK_TAGS})[\s/>]", re.IGNORECASE)
BLOCK_END_RE = re.compile(rf"</?(?:{BLOCK_TAGS})[^>]*>\s*$", re.IGNORECASE)
PRE_RE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)
IMG_TAG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE | re.DOTALL)
A_HREF_RE = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
MAX_DOWNLOAD = 20 * 1024 * 1024
SIZED_RE = re.compile(r"-\d+x\d+(?=\.\w+$)")


def _attributes(text):
    return {match[0].lower(): next(v for v in match[1:] if v is not None) for match in ATTRIBUTE_RE.findall(text)}


def autop(text):
    """WordPress's automatic paragraphs: blank lines make paragraphs, single newlines <br>.

    Text already inside block elements (lists, tables, figures, headings) is left as it is,
    and <pre> keeps its own line breaks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []

    def keep(match):
        kept.append(match.group(0))
        return f"\n\n<!--kept-{len(kept) - 1}-->\n\n"

    text = PRE_RE.sub(keep, text)
    # Block tags start their own paragraph, as in WordPress.
    text = re.sub(rf"(<(?:{BLOCK_TAGS})[\s/>])", r"\n\n\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"(</(?:{BLOCK_TAGS})>)", r"\1\n\n", text, flags=re.IGNORECASE)
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        if block.startswith("<!--kept-"):
            blocks.append(kept[int(block[9:].split("-")[0])])
        elif BLOCK_START_RE.match(block) or BLOCK_END_RE.search(block):
            blocks.append(block)
        else:
            blocks.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", block) + "</p>")
    return "\n".join(blocks)


@dataclass
class Report:
    """Counts per kind and outcome, and every problem met, in the order met."""

    counts: dict = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def count(self, kind, outcome, number=1):
        self.counts[kind][outcome] += number

    def problem(self, kind, item, reason, *, skipped=True):
        if skipped:
            self.count(kind, "skipped")
        self.problems.append((kind, item, reason))

    def lines(self):
        outcomes = ("created", "updated", "unchanged", "skipped")
        yield f"{'':<12}" + "".join(f"{outcome:>11}" for outcome in outcomes)
        for kind in KINDS:
            yield f"{kind:<12}" + "".join(f"{self.counts[kind][outcome]:>11}" for outcome in outcomes)
        if self.problems:
            yield ""
            yield f"{len(self.problems)} item(s) need attention:"
            for kind, item, reason in self.problems:
                yield f"- {kind} {item}: {reason}"
        for note in self.notes:
            yield ""
            yield note


def new_comment(*, article, **values):
    """An unsaved Comment on ``article``; the one place the import builds comments."""
    return Comment(target=article, **values)


def fingerprint(*values):
    """A short digest of the values an imported row holds, to notice later edits by staff."""
    # A status is an enum member in memory but a plain string when read back: digest the value.
    values = tuple(value.value if isinstance(value, Enum) else value for value in values)
    return hashlib.md5(repr(values).encode(), usedforsecurity=False).hexdigest()


def article_fingerprint(article):
    return fingerprint(
        article.title, article.slug, article.excerpt, article.body, article.status,
        article.published_at.isoformat() if article.published_at else None, article.author_id,
        article.cover.name or "", article.cover_alt, article.is_featured, article.is_commenting_open,
        article.seo_title, article.seo_description,
    )  # fmt: skip


def page_fingerprint(page):
    return fingerprint(page.title, page.slug, page.body, page.is_published)


def comment_fingerprint(comment):
    return fingerprint(comment.author_name, comment.author_email, comment.body, comment.status)


def _old_address(url):
    """The path (and query) of an address on the old site, decoded as Django sees request.path."""
    parts = urlsplit((url or "").strip())
    if not parts.path and not parts.query:
        return None
    path = re.sub(r"/{2,}", "/", unquote(parts.path or "/"))
    if not path.startswith("/"):
        return None
    return f"{path}?{parts.query}" if parts.query else path


YOAST_VARIABLE_RE = re.compile(r"%%\w+%%")


def _yoast(value, title):
    """A Yoast SEO template with its title filled in and site-wide variables dropped."""
    value = (value or "").replace("%%title%%", title)
    value = YOAST_VARIABLE_RE.sub("", value)
    return " ".join(value.split()).strip(" -|–")


class _TakenSlugs:
    """The slugs of ``model`` in use among those asked about: a batch's own read at once, others when asked."""

    def __init__(self, model, slugs):
        self.model = model
        self.checked = set(slugs)
        self.taken = set(model.objects.filter(slug__in=self.checked).values_list("slug", flat=True))

    def __contains__(self, slug):
        if slug not in self.checked:
            self.checked.add(slug)
            if self.model.objects.filter(slug=slug).exists():
                self.taken.add(slug)
        return slug in self.taken

    def add(self, slug):
        self.checked.add(slug)
        self.taken.add(slug)


class WordPressImporter:
    """Import one export file. Call ``run()`` inside a transaction; it returns a Report.

    ``media_dir`` is a copy of the old site's wp-content/uploads folder. Images found there
    are re-encoded into the site's media storage. With ``fetch_remote`` the images that
    are not there are downloaded over HTTP(S); an image that cannot be had is removed from
    the text (its description stays) and listed in the report, so no page ever loads an
    image from another host.

    A second run never overwrites what staff changed since the first, never re-creates
    what they deleted (an erased commenter stays erased) and lists both in the report.
    """

    def __init__(self, path, *, media_dir=None, fetch_remote=False):
        self.path = Path(path)
        self.media_dir = Path(media_dir) if media_dir else None
        self.fetch_remote = fetch_remote
        self.report = Report()
        self.written_files = []
        self.authors = {}  # login → {"id", "name"}
        self.author_ids = set()  # WordPress user ids of the export's authors: staff
        self.author_emails = set()
        self.categories = {}  # nicename → {"id", "name", "parent", "description"}
        self.tags = {}  # nicename → {"id", "name", "description"}
        self.attachments = {}  # WordPress id → {"url", "alt", "title", "parent", "link"}
        self.page_paths = {}  # WordPress page id → (slug, parent id)
        # kind → WordPress id → object id / fingerprint: authors and terms for the whole run,
        # posts, pages and comments for the current batch only (see ``_load_batch``).
        self.objects = defaultdict(dict)
        self.fingerprints = defaultdict(dict)
        self.targets = {}  # WordPress post/page id → its public address here, for attachments
        self.stored_images = {}  # image address → stored name, or None when missing
        self.shortcodes = Counter()

    # --- Pass one -----------------------------------------------------------------

    @staticmethod
    def _merge(term, **values):
        """Fill ``term`` from one more description of it, never blanking what is known."""
        for key, value in values.items():
            value = value.strip() if isinstance(value, str) else value
            if value:
                term[key] = value

    def _gather_channel(self, name, element):
        data = _fields(element)
        taxonomy = data.get("wp:term_taxonomy")
        if name == "wp:author":
            login = data.get("wp:author_login", "").strip()
            author_id = _int(data.get("wp:author_id"))
            self.authors[login] = {"id": author_id, "name": (data.get("wp:author_display_name") or login).strip()}
            if author_id:
                self.author_ids.add(author_id)
            if email := (data.get("wp:author_email") or "").strip().casefold():
                self.author_emails.add(email)
        elif name == "wp:category" or (name == "wp:term" and taxonomy == "category"):
            slug = unquote(data.get("wp:category_nicename") or data.get("wp:term_slug") or "").strip()
            term = self.categories.setdefault(slug, {"id": 0, "name": slug, "parent": "", "description": ""})
            self._merge(
                term,
                id=_int(data.get("wp:term_id")),
                name=title_text(data.get("wp:cat_name") or data.get("wp:term_name")),
                parent=unquote(data.get("wp:category_parent") or data.get("wp:term_parent") or ""),
                description=data.get("wp:category_description") or data.get("wp:term_description") or "",
            )
        elif name == "wp:tag" or (name == "wp:term" and taxonomy == "post_tag"):
            slug = unquote(data.get("wp:tag_slug") or data.get("wp:term_slug") or "").strip()
            term = self.tags.setdefault(slug, {"id": 0, "name": slug, "parent": "", "description": ""})
            self._merge(
                term,
                id=_int(data.get("wp:term_id")),
                name=title_text(data.get("wp:tag_name") or data.get("wp:term_name")),
            )

    def _gather_item(self, element):
        data = _fields(element)
        kind = data.get("wp:post_type")
        wp_id = _int(data.get("wp:post_id"))
        if kind == "attachment":
            alt = ""
            for child in element:
                if _name(child.tag) == "wp:postmeta":
                    meta = _fields(child)
                    if meta.get("wp:meta_key") == "_wp_attachment_image_alt":
                        alt = meta.get("wp:meta_value", "")
            self.attachments[wp_id] = {
                "url": (data.get("wp:attachment_url") or data.get("guid") or "").strip(),
                "alt": alt.strip(),
                "title": title_text(data.get("title")),
                "parent": _int(data.get("wp:post_parent")),
                "link": (data.get("link") or "").strip(),
            }
        elif kind == "page":
            self.page_paths[wp_id] = (self._slug(data), _int(data.get("wp:post_parent")))

    # --- Running ------------------------------------------------------------------

    def run(self):
        """Read the export and import it. Raises ExportError (before writing) if it is unreadable."""
        version = _read(self.path, self._gather_item, self._gather_channel)
        self.report.notes.append(f"Read WXR {version} export {self.path.name}.")
        for kind, wp_id, object_id, digest in WordPressItem.objects.exclude(kind__in=BATCHED_KINDS).values_list(
            "kind", "wordpress_id", "object_id", "fingerprint"
        ):
            self.objects[kind][wp_id] = object_id
            self.fingerprints[kind][wp_id] = digest
        # Only the addresses of posts and pages that have images are needed after their batch.
        self.attachment_parents = {attachment["parent"] for attachment in self.attachments.values()}
        self.pending_redirects = []
        self.pending_items = {}
        self.pending_links = []
        self.pending_comments = []
        self.pending_articles = []
        self.item_batch = []
        self.page_slugs_taken = set(Page.objects.values_list("slug", flat=True))
        self._import_authors()
        self._import_terms()
        # Kept on disk until every page is known: one line per post address, however many.
        with tempfile.TemporaryFile("w+", encoding="utf-8") as self.deferred_post_redirects:
            _read(self.path, self._import_item, lambda name, element: None)
            self._import_batch()
            self.deferred_post_redirects.seek(0)
            for line in self.deferred_post_redirects:
                slug, target = json.loads(line)
                # WordPress served posts and pages from the same /<slug>/ space; a page wins.
                if slug not in self.page_slugs_taken and slug not in RESERVED_PAGE_SLUGS:
                    self._redirect(f"/{slug}/", target)
        self._import_attachments()
        self._import_feed_redirects()
        self._write_items()
        self._write_redirects()
        if self.shortcodes:
            listed = ", ".join(f"[{name}] ×{count}" for name, count in sorted(self.shortcodes.items()))
            self.report.notes.append(f"Shortcodes converted or removed: {listed}.")
        if any(kind == "images" and "removed from" in reason for kind, _item, reason in self.report.problems):
            self.report.notes.append(
                "Images that could not be copied were taken out of the text (their description "
                "stays): the site only shows images from itself. Copy the files into the media "
                "folder (or use --fetch-remote) and run the import again."
            )
        # Articles, their topics and comments were written in bulk, which sends no signals: the
        # pages showing them (kept whole for anonymous readers) are renewed here.
        cache_versions.bump(ARTICLES_VERSION)
        cache_versions.bump(THREADS_VERSION)
        return self.report

    def discard_written_files(self):
        """Delete the image files this run stored (the database side was rolled back)."""
        for name in self.written_files:
            default_storage.delete(name)
        self.written_files = []

    def _remember(self, kind, wp_id, object_id, digest=""):
        if self.objects[kind].get(wp_id) != object_id or self.fingerprints[kind].get(wp_id) != digest:
            self.pending_items[(kind, wp_id)] = WordPressItem(
                kind=kind, wordpress_id=wp_id, object_id=object_id, fingerprint=digest
            )
            self.objects[kind][wp_id] = object_id
            self.fingerprints[kind][wp_id] = digest
            if len(self.pending_items) >= BATCH_SIZE:
                self._write_items()

    def _load_batch(self, batch):
        """Read what earlier imports made of this batch's items and comments, in a few queries."""
        wanted = {kind: set() for kind in BATCHED_KINDS}
        for kind, item in batch:
            wanted[kind].add(_int(item.get("wp:post_id")))
            if kind == "post":
                for data in item["comments"]:
                    wanted["comment"].add(_int(data.get("wp:comment_id")))
                    wanted["comment"].add(_int(data.get("wp:comment_parent")))
        for kind in BATCHED_KINDS:
            self.objects[kind], self.fingerprints[kind] = {}, {}
        records = WordPressItem.objects.filter(
            Q(kind="post", wordpress_id__in=wanted["post"])
            | Q(kind="page", wordpress_id__in=wanted["page"])
            | Q(kind="comment", wordpress_id__in=wanted["comment"])
        ).values_list("kind", "wordpress_id", "object_id", "fingerprint")
        for kind, wp_id, object_id, digest in records:
            self.objects[kind][wp_id] = object_id
            self.fingerprints[kind][wp_id] = digest
        # Rows asked for and not found were deleted on this site; rows made in this batch
        # (an item repeated in the export) are not asked for and are read when met.
        self.batch_rows = {}
        for kind, model in (("post", Article), ("page", Page), ("comment", Comment)):
            pks = set(self.objects[kind].values())
            self.batch_rows[kind] = (pks, model.objects.in_bulk(pks) if pks else {})
        # The terms each known article has now, so a re-import only writes the differences.
        self.linked_categories, self.linked_tags = defaultdict(set), defaultdict(set)
        article_pks = self.batch_rows["post"][0]
        if article_pks:
            links = Article.categories.through.objects.filter(article_id__in=article_pks)
            for article_pk, category_pk in links.values_list("article_id", "category_id"):
                self.linked_categories[article_pk].add(category_pk)
            links = Article.tags.through.objects.filter(article_id__in=article_pks)
            for article_pk, tag_pk in links.values_list("article_id", "tag_id"):
                self.linked_tags[article_pk].add(tag_pk)
        self.article_slugs = _TakenSlugs(
            Article, {self._slug(item)[:200] or "article" for kind, item in batch if kind == "post"}
        )
        # Primary keys for the articles this batch creates, taken from the sequence at once so
        # comments and term links can point at an article before it is written.
        self.free_article_pks = self._reserve_pks(
            Article,
            sum(
                1
                for kind, item in batch
                if kind == "post" and _int(item.get("wp:post_id")) not in self.objects["post"]
            ),
        )

    def _free_article_pk(self):
        if not self.free_article_pks:
            self.free_article_pks = self._reserve_pks(Article, 1)
        return self.free_article_pks.pop(0)

    @staticmethod
    def _reserve_pks(model, count):
        """``count`` new primary keys for ``model`` from its own sequence, in one query."""
        if not count:
            return []
        table, column = model._meta.db_table, model._meta.pk.column
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [pk for (pk,) in cursor.fetchall()]

    def _rows(self, kind, pks):
        """The rows of ``kind`` with these primary keys that still exist, mostly from the batch's read."""
        asked, rows = self.batch_rows[kind]
        found = {pk: rows[pk] for pk in pks if pk in rows}
        missing = [pk for pk in pks if pk not in asked]
        if missing:
            model = {"post": Article, "page": Page, "comment": Comment}[kind]
            found.update(model.objects.in_bulk(missing))
        return found

    def _write_links(self):
        """Store the categories and tags of the new articles, one statement per kind."""
        for through in (Article.categories.through, Article.tags.through):
            through.objects.bulk_create([link for link in self.pending_links if isinstance(link, through)])
        self.pending_links = []

    def _write_items(self):
        """Store the remembered items in one statement per batch (new rows and changed ones)."""
        WordPressItem.objects.bulk_create(
            self.pending_items.values(),
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["kind", "wordpress_id"],
            update_fields=["object_id", "fingerprint"],
        )
        self.pending_items = {}

    def _known(self, kind, wp_id, model, current_fingerprint, kind_label, label):
        """(object, may_update) for an item imported before; reports deleted and edited ones.

        Returns (None, False) when staff deleted the object: it is never made again.
        """
        known = self.objects[kind].get(wp_id)
        if known is None:
            return None, True
        obj = self._rows(kind, [known]).get(known)
        if obj is None:
            self.report.problem(kind_label, label, "was deleted on this site after an earlier import; not re-created")
            return None, False
        stored = self.fingerprints[kind].get(wp_id)
        if stored != current_fingerprint(obj):
            self.report.problem(
                kind_label, label, "was changed on this site after an earlier import; left as staff left it"
            )
            return obj, False
        return obj, True

    def _redirect(self, old_path, new_path):
        """Point ``old_path`` at ``new_path``, collapsing chains as ``add_redirect`` does.

        Redirects are applied and written in order, a batch at a time (``_write_redirects``).
        """
        if not old_path or old_path == new_path or len(old_path) > 500:
            return
        self.pending_redirects.append((old_path, new_path))
        if len(self.pending_redirects) >= BATCH_SIZE:
            self._write_redirects()

    def _apply_redirect(self, old_path, new_path):
        if self.redirects.get(old_path) == new_path:
            self.report.count("redirects", "unchanged")
            return
        self.report.count("redirects", "updated" if old_path in self.redirects else "created")
        # A redirect away from the new address goes (the page is back there) ...
        gone = self.redirects.pop(new_path, None)
        if gone is not None:
            self.redirect_sources[gone].discard(new_path)
        # ... and those that led to the old address now lead straight to the new one.
        for source in self.redirect_sources.pop(old_path, set()):
            self.redirects[source] = new_path
            self.redirect_sources[new_path].add(source)
        previous = self.redirects.get(old_path)
        if previous is not None:
            self.redirect_sources[previous].discard(old_path)
        self.redirects[old_path] = new_path
        self.redirect_sources[new_path].add(old_path)

    def _write_redirects(self):
        """Apply the pending redirects in order and write what changed: a few statements per batch.

        Only the stored rows these redirects can touch are read: those leaving from one of
        their old or new paths, and those leading to one of their old paths (the chains to
        collapse). What one redirect of the batch changes, the next one sees.
        """
        pending, self.pending_redirects = self.pending_redirects, []
        if not pending:
            return
        olds = {old for old, _new in pending}
        paths = olds | {new for _old, new in pending}
        self.stored_redirects = dict(
            Redirect.objects.filter(Q(old_path__in=paths) | Q(new_path__in=olds)).values_list("old_path", "new_path")
        )
        self.redirects = dict(self.stored_redirects)
        self.redirect_sources = defaultdict(set)  # new path → old paths leading to it
        for old, new in self.redirects.items():
            self.redirect_sources[new].add(old)
        for old, new in pending:
            self._apply_redirect(old, new)
        removed = [old for old in self.stored_redirects if old not in self.redirects]
        changed = [
            Redirect(old_path=old, new_path=new, is_permanent=True)
            for old, new in self.redirects.items()
            if self.stored_redirects.get(old) != new
        ]
        for start in range(0, len(removed), BATCH_SIZE):
            Redirect.objects.filter(old_path__in=removed[start : start + BATCH_SIZE]).delete()
        Redirect.objects.bulk_create(
            changed,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["old_path"],
            update_fields=["new_path", "is_permanent"],
        )
        self.redirects = self.stored_redirects = self.redirect_sources = None

    # --- Authors and terms --------------------------------------------------------

    def _import_authors(self):
        """Match WordPress authors to practitioners by name; the rest write as the clinic.

        No placeholder practitioner is made: an article whose writer is not one of the
        clinic's practitioners shows as by the clinic until staff choose its author.
        """
        by_name = {name.casefold(): pk for pk, name in Practitioner.objects.values_list("pk", "name")}
        existing = set(Practitioner.objects.values_list("pk", flat=True))
        for login, author in self.authors.items():
            known = self.objects["author"].get(author["id"])
            pk = known if known in existing else by_name.get(author["name"].casefold())
            author["pk"] = pk
            if pk:
                self.report.count("authors", "unchanged")
                self._remember("author", author["id"], pk)
            else:
                self.report.problem(
                    "authors",
                    f"“{author['name']}” ({login})",
                    "no practitioner has this name: their articles show as by the clinic until you choose an author",
                )

    def _import_terms(self):
        for model, kind, terms in ((Category, "categories", self.categories), (Tag, "tags", self.tags)):
            record = "category" if model is Category else "tag"
            # Parents first, so a child's name can tell it apart from a namesake elsewhere.
            for slug in sorted(terms, key=lambda slug: len(self._term_path(terms, slug))):
                terms[slug]["pk"] = self._import_term(model, kind, record, slug, terms[slug], terms)
        for slug, term in self.categories.items():
            parent = term["parent"]
            parent_pk = self.categories.get(parent, {}).get("pk") if parent else None
            if term.get("pk") and parent_pk and parent_pk != term["pk"]:
                Category.objects.filter(pk=term["pk"]).exclude(parent_id=parent_pk).update(parent_id=parent_pk)
            if parent and term.get("pk"):
                # The old nested address (/category/parent/child/) still leads to the category.
                path = self._term_path(self.categories, slug)
                self._redirect(f"/category/{'/'.join(path)}/", reverse("blog:category_detail", args=[term["slug"]]))

    @staticmethod
    def _term_path(terms, slug):
        path, seen = [slug], {slug}
        parent = terms.get(slug, {}).get("parent")
        while parent and parent in terms and parent not in seen:
            path.insert(0, parent)
            seen.add(parent)
            parent = terms[parent].get("parent")
        return path

    def _import_term(self, model, kind, record, slug, term, terms):
        clean_slug = ascii_slug(slug)[:80] or ascii_slug(term["name"])[:80]
        if not clean_slug:
            self.report.problem(kind, f"“{term['name']}”", "has no usable slug")
            return None
        max_length = model._meta.get_field("name").max_length
        name = term["name"][:max_length]
        parent = terms.get(term.get("parent") or "")
        known = self.objects[record].get(term["id"])
        obj = model.objects.filter(pk=known).first() if known else None
        if obj is None:
            obj = model.objects.filter(slug=clean_slug).first()
            if obj is None and not parent:
                obj = model.objects.filter(name=name).first()
            if obj is None:
                if model.objects.filter(name=name).exists() and parent:
                    # Two categories of one name under different parents stay two.
                    name = f"{name} ({parent['name']})"[:max_length]
                    self.report.problem(
                        kind,
                        f"“{term['name']}”",
                        f"another category has this name; imported as “{name}”",
                        skipped=False,
                    )
                values = {"name": name, "slug": self._free_slug(clean_slug, set(), limit=80)}
                if model is Category:
                    values["description"] = html.unescape(strip_tags(term.get("description", "")))
                obj = model.objects.create(**values)
                self.report.count(kind, "created")
            else:
                self.report.count(kind, "unchanged")
        else:
            self.report.count(kind, "unchanged")
        term["slug"] = obj.slug
        if term["id"]:
            self._remember(record, term["id"], obj.pk)
        prefix = "category" if model is Category else "tag"
        self._redirect(f"/{prefix}/{slug}/", obj.get_absolute_url())
        if term["id"]:
            self._redirect(f"/?{'cat' if model is Category else 'tag_id'}={term['id']}", obj.get_absolute_url())
        return obj.pk

    def _term_pk(self, model, kind, record, domain_terms, slug, name):
        slug = unquote(slug)
        if slug not in domain_terms:
            domain_terms[slug] = {"id": 0, "name": title_text(name) or slug, "parent": "", "description": ""}
            domain_terms[slug]["pk"] = self._import_term(model, kind, record, slug, domain_terms[slug], domain_terms)
        return domain_terms[slug].get("pk")

    def _import_feed_redirects(self):
        self._redirect("/feed/", reverse("blog:feed_rss"))

    # --- Items --------------------------------------------------------------------

    @staticmethod
    def _slug(data):
        return ascii_slug(unquote(data.get("wp:post_name") or "")) or ascii_slug(title_text(data.get("title")))

    @staticmethod
    def _free_slug(base, taken, limit=200):
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base[: limit - len(str(number)) - 1]}-{number}"
        return slug

    def _import_item(self, element):
        kind = _fields(element).get("wp:post_type")
        if kind not in ("post", "page"):
            return
        self.item_batch.append((kind, _parse_item(element)))
        if len(self.item_batch) >= ITEM_BATCH:
            self._import_batch()

    def _import_batch(self):
        """Import the posts and pages read since the last batch, then write their rows together."""
        batch, self.item_batch = self.item_batch, []
        if not batch:
            return
        skipped = ("trash", "auto-draft", "inherit")
        self._load_batch([(kind, item) for kind, item in batch if item.get("wp:status", "") not in skipped])
        for kind, item in batch:
            label = f"“{title_text(item.get('title')) or '(untitled)'}” (WordPress ID {item.get('wp:post_id', '?')})"
            status = item.get("wp:status", "")
            if status in skipped:
                self.report.problem(f"{kind}s", label, f"WordPress status “{status}” is not imported")
                continue
            if kind == "post":
                self._import_post(item, label, status)
            else:
                self._import_page(item, label, status)
        self._write_articles()
        self._write_comments()
        self._write_links()
        self._write_items()

    def _write_articles(self):
        """Store the batch's new articles in one statement; their records take the stored values."""
        batch, self.pending_articles = self.pending_articles, []
        for _wp_id, article in batch:
            # What Article.save() would do: imported articles always have a slug.
            article._start_last_updated()
        # bulk_create runs each field's pre_save (the body's sanitiser, the timestamps) as save() does.
        Article.objects.bulk_create([article for _wp_id, article in batch], batch_size=BATCH_SIZE)
        for wp_id, article in batch:
            article._state.adding = False
            self._remember("post", wp_id, article.pk, article_fingerprint(article))

    def _body(self, item, label, kind):
        content = item.get("content:encoded", "")
        titles = oembed_titles(item["meta"])
        if has_blocks(content):
            content = convert_embed_blocks(content, titles)
            content = strip_block_comments(content)
            content = self._shortcodes(content, item, label, kind, titles)
        else:
            content = self._shortcodes(content, item, label, kind, titles)
            content = autop(convert_bare_urls(content, titles))
        # Tidied again after the allow-list: unwrapping blocks can leave empty elements behind.
        return tidy(sanitise_html(tidy(self._rewrite_images(content, label, kind))))

    def _shortcodes(self, content, item, label, kind, titles):
        def image(attachment_id, caption=""):
            attachment = self.attachments.get(attachment_id)
            if attachment is None:
                return ""
            alt = attachment["alt"] or attachment["title"]
            tag = f'<img src="{escape(attachment["url"])}" alt="{escape(alt)}">'
            return f"<figure>{tag}<figcaption>{caption}</figcaption></figure>" if caption else tag

        def caption(match):
            self.shortcodes["caption"] += 1
            attrs, inner = _attributes(match.group(1)), match.group(2)
            images = re.findall(r"<img\b[^>]*>", inner, flags=re.IGNORECASE)
            text = re.sub(r"<a\b[^>]*>\s*</a>", "", re.sub(r"<img\b[^>]*>", "", inner)).strip()
            text = text or attrs.get("caption", "")
            return f"\n\n<figure>{''.join(images)}<figcaption>{text}</figcaption></figure>\n\n"

        def gallery(match):
            self.shortcodes["gallery"] += 1
            attrs = _attributes(match.group(1))
            if "ids" in attrs:
                ids = [_int(part) for part in attrs["ids"].split(",")]
            else:
                post_id = _int(item.get("wp:post_id"))
                ids = sorted(pk for pk, a in self.attachments.items() if a["parent"] == post_id)
            missing = [str(pk) for pk in ids if pk not in self.attachments]
            if missing:
                self.report.problem(
                    kind,
                    label,
                    f"gallery images {', '.join(missing)} are not in the export and were left out",
                    skipped=False,
                )
            images = [f"<li>{image(pk)}</li>" for pk in ids if pk in self.attachments]
            return f"\n\n<ul>{''.join(images)}</ul>\n\n" if images else ""

        def embed(match):
            self.shortcodes["embed"] += 1
            url = match.group(2).strip()
            return embed_link(url, titles) if url else ""

        def media(match):
            name = match.group(1).lower()
            self.shortcodes[name] += 1
            attrs = _attributes(match.group(2))
            url = (match.group(3) or "").strip() or attrs.get("src", "")
            url = url or next(
                (attrs[key] for key in ("mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv") if key in attrs), ""
            )
            if not url:
                return ""
            file_name = posixpath.basename(unquote(urlsplit(url).path)) or url
            verb = "Listen to" if name == "audio" else "Watch"
            return f'\n\n<p><a href="{escape(url)}">{verb} {escape(file_name)}</a></p>\n\n'

        content = re.sub(r"\[caption\b([^\]]*)\](.*?)\[/caption\]", caption, content, flags=re.DOTALL)
        content = re.sub(r"\[gallery\b([^\]]*)\]", gallery, content)
        content = re.sub(r"\[embed\b([^\]]*)\](.*?)\[/embed\]", embed, content, flags=re.DOTALL)
        content = re.sub(
            r"\[(audio|video)\b([^\]]*)\](?:(.*?)\[/\1\])?", media, content, flags=re.DOTALL | re.IGNORECASE
        )

        def other(match):
            # Unknown shortcodes belong to plugins this site doesn't have: the tags go, and
            # whatever they wrapped stays, as it was written for readers.
            if not match.group(1):
                self.shortcodes[match.group(2).lower()] += 1
            return ""

        return SHORTCODE_RE.sub(other, content)

    def _rewrite_images(self, content, label, kind):
        def rewrite(match):
            attrs = _attributes(match.group(0)[4:])
            src = html.unescape(attrs.get("src", ""))
            stored = self._store_image(src, label)
            alt = html.unescape(attrs.get("alt", "")).strip() or self._attachment_alt(attrs, src)
            if stored:
                return f'<img src="{escape(default_storage.url(stored))}" alt="{escape(alt)}">'
            return escape(alt)

        def relink(match):
            href = html.unescape(match.group(3))
            stored = self.stored_images.get(href)
            return (
                f"{match.group(1)}{match.group(2)}{escape(default_storage.url(stored))}{match.group(2)}"
                if stored
                else match.group(0)
            )

        content = IMG_TAG_RE.sub(rewrite, content)
        content = A_HREF_RE.sub(relink, content)
        # A link that held only a removed image would be an empty link.
        return re.sub(r"<a\b[^>]*>\s*</a>", "", content)

    def _attachment_alt(self, attrs, src):
        """The media library's alt text for an image the editor left without one."""
        match = re.search(r"\bwp-image-(\d+)", attrs.get("class", ""))
        attachment = self.attachments.get(int(match.group(1))) if match else None
        if attachment is None:
            attachment = next((a for a in self.attachments.values() if a["url"] and a["url"] == src), None)
        return attachment["alt"] if attachment else ""

    def _uploads_path(self, url):
        path = unquote(urlsplit(url).path)
        if UPLOADS_MARKER not in path:
            return None
        relative = posixpath.normpath(path.split(UPLOADS_MARKER, 1)[1])
        return None if relative.startswith(("..", "/")) else relative

    @staticmethod
    def _stored_name(relative, extension):
        """Where an image is kept: its own full name, so distinct files never share one."""
        folder, file_name = posixpath.split(relative)
        stem = get_valid_filename(posixpath.splitext(file_name)[0]) or "image"
        if len(stem) > 60:
            stem = f"{stem[:50]}-{hashlib.sha256(relative.encode()).hexdigest()[:9]}"
        return posixpath.join(
            MEDIA_PREFIX,
            get_valid_filename(folder.replace("/", "_")) if "." in folder else folder,
            f"{stem}.{extension}",
        )

    def _store_image(self, url, label):
        """Copy an image into storage (media folder first, then the network if allowed); its name or None."""
        if not url or url.startswith("data:"):
            return None
        if url in self.stored_images:
            return self.stored_images[url]
        relative = self._uploads_path(url)
        handle = None
        if relative and self.media_dir:
            for candidate in (relative, SIZED_RE.sub("", relative)):
                path = (self.media_dir / candidate).resolve()
                if path.is_file() and path.is_relative_to(self.media_dir.resolve()):
                    handle = File(path.open("rb"), name=path.name)
                    break
        if handle is None and self.fetch_remote and urlsplit(url).scheme in ("http", "https"):
            handle = self._download(url, label)
        stored = None
        if relative is None:
            parts = urlsplit(url)
            relative = f"remote/{parts.hostname or 'site'}{parts.path}"
        if handle is None:
            self.report.problem(
                "images",
                url,
                f"not in the media folder (used by {label}); removed from the text, its description kept",
            )
        else:
            try:
                with handle:
                    clean = reencode_image(handle)
            except ValidationError as error:
                self.report.problem("images", url, f"not imported: {' '.join(error.messages)}")
            else:
                name = self._stored_name(relative, clean.name.rsplit(".", 1)[-1])
                if default_storage.exists(name):
                    self.report.count("images", "unchanged")
                    stored = name
                else:
                    stored = default_storage.save(name, clean)
                    self.written_files.append(stored)
                    self.report.count("images", "created")
                old = _old_address(url)
                if old and old.startswith("/") and UPLOADS_MARKER in old:
                    # The old file's address leads to the imported image.
                    self._redirect(old, default_storage.url(stored))
        self.stored_images[url] = stored
        return stored

    def _download(self, url, label):
        try:
            # Only http(s) reaches here (checked by the caller).
            request = Request(url, headers={"User-Agent": "clinic-wordpress-import"})  # noqa: S310
            with urlopen(request, timeout=15) as response:  # noqa: S310
                data = response.read(MAX_DOWNLOAD + 1)
        except (OSError, ValueError) as error:
            self.report.problem("images", url, f"could not be downloaded ({error})", skipped=False)
            return None
        if len(data) > MAX_DOWNLOAD:
            self.report.problem("images", url, "is larger than 20 MB; not downloaded", skipped=False)
            return None
        return File(BytesIO(data), name=posixpath.basename(urlsplit(url).path) or "image")

    def _import_attachments(self):
        """Attachment pages and ?attachment_id= lead to the post the image belongs to, or the image."""
        for wp_id, attachment in self.attachments.items():
            target = self.targets.get(attachment["parent"])
            if target is None and self.media_dir and self._uploads_path(attachment["url"]):
                stored = self._store_image(attachment["url"], f"attachment {wp_id}")
                target = default_storage.url(stored) if stored else None
            if target is None:
                continue
            self._redirect(f"/?attachment_id={wp_id}", target)
            link = _old_address(attachment["link"])
            if link and link != "/":
                self._redirect(link, target)

    def _excerpt(self, item, body):
        text = html.unescape(strip_tags(item.get("excerpt:encoded") or "")).strip()
        text = text or html.unescape(strip_tags(body)).strip()
        return Truncator(" ".join(text.split())).chars(300)

    def _import_post(self, item, label, status):
        wp_id = _int(item.get("wp:post_id"))
        if any(pending_wp_id == wp_id for pending_wp_id, _article in self.pending_articles):
            # The export repeats a post of this batch: it meets the article the first made.
            self._write_articles()
        article, may_update = self._known("post", wp_id, Article, article_fingerprint, "posts", label)
        if article is None and not may_update:
            return
        body = self._body(item, label, "posts")
        published_at = wordpress_time(item.get("wp:post_date_gmt"), item.get("wp:post_date"))
        if (item.get("wp:post_password") or "").strip() and status in ("publish", "future"):
            self.report.problem(
                "posts", label, "was password-protected in WordPress; imported as a draft", skipped=False
            )
            status = "draft"
        if status in ("publish", "future"):
            new_status = Article.Status.PUBLISHED
            if published_at is None:
                published_at = timezone.now()
        else:
            new_status = Article.Status.DRAFT
            if status == "private":
                self.report.problem("posts", label, "was private in WordPress; imported as a draft", skipped=False)
        creator = (item.get("dc:creator") or "").strip()
        if creator not in self.authors:
            self.report.problem(
                "posts",
                label,
                f"its author “{creator or '(none)'}” is not in the export's author list; shown as by the clinic",
                skipped=False,
            )
        title = title_text(item.get("title"))[:200] or "Untitled"
        values = {
            "title": title,
            "excerpt": self._excerpt(item, body),
            "body": body,
            "status": new_status,
            "published_at": published_at if new_status == Article.Status.PUBLISHED else None,
            "author_id": self.authors.get(creator, {}).get("pk"),
            "is_featured": item.get("wp:is_sticky", "").strip() == "1",
            "is_commenting_open": item.get("wp:comment_status", "open").strip() != "closed",
            "seo_title": _yoast(item["meta"].get("_yoast_wpseo_title"), title)[:70],
            "seo_description": Truncator(_yoast(item["meta"].get("_yoast_wpseo_metadesc"), title)).chars(160),
        }
        slug = self._slug(item)[:200] or "article"
        created = article is None
        if created:
            free = self._free_slug(slug, self.article_slugs)
            if free != slug:
                self.report.problem(
                    "posts", label, f"an article already uses /{slug}/; imported as “{free}”", skipped=False
                )
            article = Article(pk=self._free_article_pk(), slug=free, **values)
            self._apply_cover(article, item, label)
            # Written with the batch's other new articles (``_write_articles``).
            self.pending_articles.append((wp_id, article))
            self.article_slugs.add(article.slug)
            self.report.count("posts", "created")
        elif may_update:
            self._apply_cover(article, item, label)
            values["body"] = sanitise_html(body)
            changed = [name for name, value in values.items() if getattr(article, name) != value]
            for name in changed:
                setattr(article, name, values[name])
            if changed or article._cover_changed:
                article.save()
                self.report.count("posts", "updated")
            else:
                self.report.count("posts", "unchanged")
        if may_update:
            if not created:
                self._remember("post", wp_id, article.pk, article_fingerprint(article))
            category_pks, tag_pks = [], []
            for domain, nicename, name in item["terms"]:
                if domain == "category":
                    category_pks.append(
                        self._term_pk(Category, "categories", "category", self.categories, nicename, name)
                    )
                elif domain == "post_tag":
                    tag_pks.append(self._term_pk(Tag, "tags", "tag", self.tags, nicename, name))
            category_pks = list(dict.fromkeys(pk for pk in category_pks if pk))
            tag_pks = list(dict.fromkeys(pk for pk in tag_pks if pk))
            if created:
                # A new article has no terms yet: its links are written in bulk with the others.
                self.pending_links.extend(
                    [Article.categories.through(article_id=article.pk, category_id=pk) for pk in category_pks]
                    + [Article.tags.through(article_id=article.pk, tag_id=pk) for pk in tag_pks]
                )
            else:
                if set(category_pks) != self.linked_categories[article.pk]:
                    article.categories.set(category_pks)
                if set(tag_pks) != self.linked_tags[article.pk]:
                    article.tags.set(tag_pks)
        if article.status == Article.Status.PUBLISHED:
            self._post_redirects(item, wp_id, article.get_absolute_url())
        self._import_comments(article, item, label)

    def _post_redirects(self, item, wp_id, target):
        """Every address WordPress served the post at: ?p=, its <link>, dated and renamed forms."""
        if wp_id in self.attachment_parents:
            self.targets[wp_id] = target
        self._redirect(f"/?p={wp_id}", target)
        link = _old_address(item.get("link"))
        wp_slug = unquote(item.get("wp:post_name") or "").strip()
        slugs = [wp_slug] + [unquote(old).strip() for old in item["old_slugs"] if old.strip()]
        if link and link != "/":
            self._redirect(link, target)
            for old in slugs[1:]:
                if wp_slug and f"/{wp_slug}/" in link:
                    self._redirect(link.replace(f"/{wp_slug}/", f"/{old}/"), target)
        # WordPress's own local date, as its dated permalinks show it (no time-zone change).
        day = (item.get("wp:post_date") or "")[:10]
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) or day.startswith("0000"):
            published = wordpress_time(item.get("wp:post_date_gmt"), "")
            day = f"{published:%Y-%m-%d}" if published else ""
        year, month, date = day.split("-") if day else ("", "", "")
        for slug in filter(None, slugs):
            if year:
                self._redirect(f"/{year}/{month}/{date}/{slug}/", target)
                self._redirect(f"/{year}/{month}/{slug}/", target)
            # JSON keeps a slug's own tabs or newlines (WordPress slugs are percent-decoded) apart.
            self.deferred_post_redirects.write(json.dumps([slug, target]) + "\n")

    def _apply_cover(self, article, item, label):
        article._cover_changed = False
        thumbnail = _int(item["meta"].get("_thumbnail_id"))
        attachment = self.attachments.get(thumbnail)
        if not thumbnail:
            return
        if attachment is None:
            self.report.problem("images", f"featured image {thumbnail}", f"not in the export (used by {label})")
            return
        stored = self._store_image(attachment["url"], label)
        if stored and article.cover.name != stored:
            article.cover = stored
            article.cover_alt = (attachment["alt"] or attachment["title"] or article.title)[:200]
            article._cover_changed = True

    def _import_page(self, item, label, status):
        wp_id = _int(item.get("wp:post_id"))
        page, may_update = self._known("page", wp_id, Page, page_fingerprint, "pages", label)
        if page is None and not may_update:
            return
        body = self._body(item, label, "pages")
        is_published = status == "publish" and not (item.get("wp:post_password") or "").strip()
        if status == "publish" and not is_published:
            self.report.problem(
                "pages", label, "was password-protected in WordPress; imported unpublished", skipped=False
            )
        if status in ("private", "future"):
            self.report.problem("pages", label, f"was {status} in WordPress; imported unpublished", skipped=False)
        values = {
            "title": title_text(item.get("title"))[:200] or "Untitled",
            "body": body,
            "is_published": is_published,
        }
        wp_slug = self._slug(item)[:90] or "page"
        if page is None:
            free = self._free_slug(wp_slug, self.page_slugs_taken | RESERVED_PAGE_SLUGS, limit=100)
            if free != wp_slug:
                reason = (
                    "is an address the site itself uses"
                    if wp_slug in RESERVED_PAGE_SLUGS
                    else "is already used by another page"
                )
                self.report.problem("pages", label, f"/{wp_slug}/ {reason}; imported as /{free}/", skipped=False)
            # Imported pages stay out of the footer until staff choose to list them.
            page = Page(slug=free, show_in_footer=False, **values)
            page.save()
            self.report.count("pages", "created")
        elif may_update:
            values["body"] = sanitise_html(body)
            changed = [name for name, value in values.items() if getattr(page, name) != value]
            for name in changed:
                setattr(page, name, values[name])
            if changed:
                page.save()
            self.report.count("pages", "updated" if changed else "unchanged")
        if may_update:
            self._remember("page", wp_id, page.pk, page_fingerprint(page))
        self.page_slugs_taken.add(page.slug)
        comments = [c for c in item["comments"] if c.get("wp:comment_approved", "").strip() == "1"]
        if item["comments"]:
            self.report.problem(
                "comments",
                f"{len(item['comments'])} on page {label}",
                f"pages on this site take no comments ({len(comments)} of them were public); not imported",
            )
            self.report.count("comments", "skipped", len(item["comments"]) - 1)
        if page.is_published:
            target = page.get_absolute_url()
            if wp_id in self.attachment_parents:
                self.targets[wp_id] = target
            self._redirect(f"/?page_id={wp_id}", target)
            self._redirect(f"/?p={wp_id}", target)
            self._redirect(f"/{'/'.join(self._page_path(wp_id))}/", target)
            link = _old_address(item.get("link"))
            if link and link != "/":
                self._redirect(link, target)

    def _page_path(self, wp_id):
        parts, seen = [], set()
        while wp_id in self.page_paths and wp_id not in seen:
            seen.add(wp_id)
            slug, wp_id = self.page_paths[wp_id]
            parts.insert(0, slug)
        return parts

    # --- Comments -----------------------------------------------------------------

    STATUSES = {
        "1": Comment.Status.APPROVED,
        "0": Comment.Status.PENDING,
        "spam": Comment.Status.SPAM,
        "trash": Comment.Status.REMOVED,
    }

    def _import_comments(self, article, item, label):
        known = self.objects["comment"]
        digests = self.fingerprints["comment"]
        rows = []
        for data in sorted(item["comments"], key=lambda c: _int(c.get("wp:comment_id"))):
            wp_id = _int(data.get("wp:comment_id"))
            who = f"{wp_id} on {label}"
            if data.get("wp:comment_type") in ("pingback", "trackback"):
                self.report.problem("comments", who, f"{data['wp:comment_type']}s are not imported")
                continue
            status = self.STATUSES.get(data.get("wp:comment_approved", "").strip())
            if status is None:
                self.report.problem("comments", who, f"status “{data.get('wp:comment_approved')}” is not imported")
                continue
            text = html.unescape(strip_tags(re.sub(r"<br\s*/?>|</p>", "\n", data.get("wp:comment_content", ""))))
            text = re.sub(r"\n{3,}", "\n\n", text).strip()
            if not text:
                self.report.problem("comments", who, "is empty")
                continue
            if len(text) > 3000:
                text = Truncator(text).chars(3000)
                self.report.problem("comments", who, "was over 3,000 characters and was shortened", skipped=False)
            email = (data.get("wp:comment_author_email") or "").strip()
            try:
                validate_email(email)
            except ValidationError:
                email = ""
            rows.append(
                (
                    wp_id,
                    _int(data.get("wp:comment_parent")),
                    # Written by one of the site's own users (an author in the export): the clinic.
                    _int(data.get("wp:comment_user_id")) in self.author_ids
                    or (data.get("wp:comment_author_email") or "").strip().casefold() in self.author_emails,
                    {
                        "author_name": (data.get("wp:comment_author") or "").strip()[:100] or "Anonymous",
                        "author_email": email[:254],
                        "body": text,
                        "status": status,
                        "created_at": wordpress_time(data.get("wp:comment_date_gmt"), data.get("wp:comment_date"))
                        or timezone.now(),
                    },
                )
            )
        if not rows:
            return
        existing = self._rows("comment", [known[wp_id] for wp_id, *_rest in rows if wp_id in known])
        new, changed, kept = [], [], set()
        for wp_id, _parent, _staff, values in rows:
            if wp_id not in known:
                new.append((wp_id, new_comment(article=article, **values)))
                continue
            comment = existing.get(known[wp_id])
            if comment is None:
                # Deleted here (moderation, or a personal-data erasure): it stays deleted.
                self.report.problem("comments", f"{wp_id} on {label}", "was deleted on this site; not re-created")
                continue
            kept.add(wp_id)
            if digests.get(wp_id) != comment_fingerprint(comment):
                self.report.problem(
                    "comments", f"{wp_id} on {label}", "was changed on this site (e.g. moderated); left as it is"
                )
            elif any(getattr(comment, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(comment, name, value)
                changed.append((wp_id, comment))
            else:
                self.report.count("comments", "unchanged")
        # Written with the comments of the batch's other posts.
        self.pending_comments.append((label, rows, new, changed, kept, existing))

    def _write_comments(self):
        """Store the comments of the batch's posts, threaded, in a few statements."""
        batch, self.pending_comments = self.pending_comments, []
        known = self.objects["comment"]
        digests = self.fingerprints["comment"]
        new = [pair for _label, _rows, post_new, *_rest in batch for pair in post_new]
        changed = [pair for _label, _rows, _new, post_changed, *_rest in batch for pair in post_changed]
        # Keys taken first, so a new reply is written with its parent already set.
        for (wp_id, comment), pk in zip(new, self._reserve_pks(Comment, len(new)), strict=True):
            comment.pk = pk
            known[wp_id] = pk
        new_pks = {comment.pk for _wp_id, comment in new}
        # Threads: every comment of the post has a primary key now.
        reparented = []
        for label, rows, post_new, _changed, kept, existing in batch:
            for wp_id, comment in post_new:
                existing[comment.pk] = comment
                kept.add(wp_id)
            for wp_id, parent_wp_id, is_staff, _values in rows:
                if wp_id not in kept:
                    continue
                comment = existing[known[wp_id]]
                parent_pk = known.get(parent_wp_id) if parent_wp_id else None
                if parent_pk is not None and parent_pk not in existing:
                    parent_pk = None
                if parent_wp_id and parent_pk is None:
                    self.report.problem(
                        "comments", f"{wp_id} on {label}", "answers a comment that was not imported", skipped=False
                    )
                # A staff reply is marked as the clinic's; a reply needs a comment to answer.
                staff_reply = is_staff and parent_pk is not None
                if comment.parent_id != parent_pk or comment.is_staff_reply != staff_reply:
                    comment.parent_id = parent_pk
                    comment.is_staff_reply = staff_reply
                    if comment.pk not in new_pks:
                        reparented.append(comment)
        Comment.objects.bulk_create([comment for _wp_id, comment in new], batch_size=BATCH_SIZE)
        for wp_id, comment in new + changed:
            digests[wp_id] = comment_fingerprint(comment)
        if changed:
            Comment.objects.bulk_update(
                [comment for _wp_id, comment in changed],
                ["author_name", "author_email", "body", "status", "created_at"],
                batch_size=BATCH_SIZE,
            )
        WordPressItem.objects.bulk_create(
            [
                WordPressItem(kind="comment", wordpress_id=wp_id, object_id=c.pk, fingerprint=digests[wp_id])
                for wp_id, c in new + changed
            ],
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["kind", "wordpress_id"],
            update_fields=["fingerprint"],
        )
        self.report.count("comments", "created", len(new))
        self.report.count("comments", "updated", len(changed))
        if reparented:
            Comment.objects.bulk_update(reparented, ["parent", "is_staff_reply"], batch_size=BATCH_SIZE)
