"""Reading a WordPress export (WXR 1.1 or 1.2) and bringing its content into the site.

The export is read twice with a streaming parser that refuses DTDs and entities (so a
hostile file cannot expand itself or reach the network): a first pass gathers the small
things everything else refers to (authors, terms, attachments, page paths) and proves
the file well formed before anything is written; a second pass imports one item at a
time and forgets it. ``WordPressImporter.run()`` does the writing; the management command
``import_wordpress`` wraps it in one transaction.
"""

import html
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator, slugify

from blog.models import Article, Category, Tag, WordPressItem
from clinic.images import reencode_image
from clinic.models import RESERVED_PAGE_SLUGS, Page, Practitioner, Redirect
from clinic.redirects import add_redirect
from comments.models import Comment

NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
KINDS = ("authors", "categories", "tags", "posts", "pages", "comments", "images", "redirects")
UPLOADS_MARKER = "/wp-content/uploads/"
MEDIA_PREFIX = "wordpress"


class ExportError(Exception):
    """The file is not a readable WordPress export; the message says where and why."""


def _name(tag):
    """``{namespace}local`` → ``prefix:local``, treating every WXR version's namespace alike."""
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    if namespace.startswith("http://wordpress.org/export/"):
        return f"{'excerpt' if namespace.rstrip('/').endswith('/excerpt') else 'wp'}:{local}"
    return f"{NAMESPACES.get(namespace, namespace)}:{local}"


def _fields(element):
    """Children of ``element`` as a dict of name → text (the last one wins)."""
    return {_name(child.tag): (child.text or "") for child in element}


def _read(path, on_item, on_channel_element):
    """Stream ``path``, calling ``on_item`` for each <item> and ``on_channel_element`` for the rest."""
    version = None
    try:
        for _event, element in iterparse(str(path), events=("end",), forbid_dtd=True):
            name = _name(element.tag)
            if name == "wp:wxr_version":
                version = (element.text or "").strip()
            if name == "item":
                on_item(element)
                element.clear()
            elif name in ("wp:author", "wp:category", "wp:tag", "wp:term"):
                on_channel_element(name, element)
                element.clear()
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
    for child in element:
        name = _name(child.tag)
        if name == "category":
            item["terms"].append((child.get("domain"), child.get("nicename") or "", child.text or ""))
        elif name == "wp:postmeta":
            meta = _fields(child)
            item["meta"][meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif name == "wp:comment":
            item["comments"].append(_fields(child))
    return item


# --- Dates --------------------------------------------------------------------------


def wordpress_time(gmt, local):
    """The time of a post or comment: its GMT field if set, else its local field in TIME_ZONE."""
    from datetime import UTC

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
IMG_SRC_RE = re.compile(r"""(<img\b[^>]*?\bsrc\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
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


class WordPressImporter:
    """Import one export file. Call ``run()`` inside a transaction; it returns a Report.

    ``media_dir`` is a copy of the old site's wp-content/uploads folder. Images found there
    are re-encoded into the site's media storage; images not found keep their original
    address and are listed in the report. Nothing is ever fetched over the network.
    """

    def __init__(self, path, *, media_dir=None):
        self.path = Path(path)
        self.media_dir = Path(media_dir) if media_dir else None
        self.report = Report()
        self.written_files = []
        self.authors = {}  # login → {"id", "name"}
        self.categories = {}  # nicename → {"id", "name", "parent", "description"}
        self.tags = {}  # nicename → {"id", "name"}
        self.attachments = {}  # WordPress id → {"url", "alt", "title", "parent"}
        self.page_paths = {}  # WordPress page id → (slug, parent id)
        self.post_slugs = set()
        self.objects = defaultdict(dict)  # kind → WordPress id → object id
        self.stored_images = {}  # uploads-relative path → stored name, or None when missing
        self.shortcodes = Counter()

    # --- Pass one -----------------------------------------------------------------

    def _gather_channel(self, name, element):
        data = _fields(element)
        if name == "wp:author":
            login = data.get("wp:author_login", "").strip()
            self.authors[login] = {
                "id": _int(data.get("wp:author_id")),
                "name": (data.get("wp:author_display_name") or login).strip(),
            }
        elif name == "wp:category" or (name == "wp:term" and data.get("wp:term_taxonomy") == "category"):
            slug = unquote(data.get("wp:category_nicename") or data.get("wp:term_slug") or "").strip()
            self.categories[slug] = {
                "id": _int(data.get("wp:term_id")),
                "name": (data.get("wp:cat_name") or data.get("wp:term_name") or slug).strip(),
                "parent": unquote(data.get("wp:category_parent") or "").strip(),
                "description": (data.get("wp:category_description") or "").strip(),
            }
        elif name == "wp:tag" or (name == "wp:term" and data.get("wp:term_taxonomy") == "post_tag"):
            slug = unquote(data.get("wp:tag_slug") or data.get("wp:term_slug") or "").strip()
            self.tags[slug] = {
                "id": _int(data.get("wp:term_id")),
                "name": (data.get("wp:tag_name") or data.get("wp:term_name") or slug).strip(),
            }

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
                "title": (data.get("title") or "").strip(),
                "parent": _int(data.get("wp:post_parent")),
            }
        elif kind == "page":
            self.page_paths[wp_id] = (self._slug(data), _int(data.get("wp:post_parent")))
        elif kind == "post":
            self.post_slugs.add(self._slug(data))

    # --- Running ------------------------------------------------------------------

    def run(self):
        """Read the export and import it. Raises ExportError (before writing) if it is unreadable."""
        version = _read(self.path, self._gather_item, self._gather_channel)
        self.report.notes.append(f"Read WXR {version} export {self.path.name}.")
        for row in WordPressItem.objects.values_list("kind", "wordpress_id", "object_id"):
            self.objects[row[0]][row[1]] = row[2]
        self.redirects = dict(Redirect.objects.values_list("old_path", "new_path"))
        self.page_slugs_taken = set(Page.objects.values_list("slug", flat=True))
        self._import_authors()
        self._import_terms()
        self.deferred_post_redirects = []
        _read(self.path, self._import_item, lambda name, element: None)
        for slug, target in self.deferred_post_redirects:
            # WordPress served posts and pages from the same /<slug>/ space; a page wins.
            if slug not in self.page_slugs_taken and slug not in RESERVED_PAGE_SLUGS:
                self._redirect(f"/{slug}/", target)
        self._import_feed_redirects()
        if self.shortcodes:
            listed = ", ".join(f"[{name}] ×{count}" for name, count in sorted(self.shortcodes.items()))
            self.report.notes.append(f"Shortcodes converted or removed: {listed}.")
        if any(reason.startswith("not found in media dir") for _kind, _item, reason in self.report.problems):
            self.report.notes.append(
                "Images not found in the media folder still point at the old site. The site's "
                "Content-Security-Policy only allows images from itself, so they will not show: "
                "copy the files into the media folder and run the import again."
            )
        return self.report

    def discard_written_files(self):
        """Delete the image files this run stored (the database side was rolled back)."""
        for name in self.written_files:
            default_storage.delete(name)
        self.written_files = []

    def _remember(self, kind, wp_id, object_id):
        if self.objects[kind].get(wp_id) != object_id:
            WordPressItem.objects.update_or_create(kind=kind, wordpress_id=wp_id, defaults={"object_id": object_id})
            self.objects[kind][wp_id] = object_id

    def _redirect(self, old_path, new_path):
        if old_path == new_path:
            return
        if self.redirects.get(old_path) == new_path:
            self.report.count("redirects", "unchanged")
            return
        self.report.count("redirects", "updated" if old_path in self.redirects else "created")
        add_redirect(old_path=old_path, new_path=new_path)
        # add_redirect rewrites chains; keep the local copy in step for the checks above.
        self.redirects = {old: (new_path if new == old_path else new) for old, new in self.redirects.items()}
        self.redirects.pop(new_path, None)
        self.redirects[old_path] = new_path

    # --- Authors and terms --------------------------------------------------------

    def _import_authors(self):
        by_name = {name.casefold(): pk for pk, name in Practitioner.objects.values_list("pk", "name")}
        for login, author in self.authors.items():
            known = self.objects["author"].get(author["id"])
            if known and Practitioner.objects.filter(pk=known).exists():
                author["pk"] = known
                self.report.count("authors", "unchanged")
                continue
            pk = by_name.get(author["name"].casefold())
            if pk:
                self.report.count("authors", "unchanged")
            else:
                # A placeholder, hidden from the site: staff complete (or merge) it in the admin.
                practitioner = Practitioner.objects.create(
                    name=author["name"][:120],
                    slug=self._free_slug(
                        slugify(author["name"])[:120] or "author",
                        set(Practitioner.objects.values_list("slug", flat=True)),
                    ),
                    role="Imported WordPress author",
                    regulator=Practitioner.Regulator.GMC,
                    registration_number=f"wordpress-{author['id']}"[:20],
                    is_active=False,
                )
                pk = practitioner.pk
                self.report.count("authors", "created")
                self.report.problem(
                    "authors",
                    f"“{author['name']}” ({login})",
                    "no practitioner has this name, so a hidden placeholder was created; "
                    "fill in their registration or move their articles to a practitioner",
                    skipped=False,
                )
            author["pk"] = pk
            self._remember("author", author["id"], pk)

    def _import_terms(self):
        for model, kind, terms in ((Category, "categories", self.categories), (Tag, "tags", self.tags)):
            record = "category" if model is Category else "tag"
            for slug, term in terms.items():
                term["pk"] = self._import_term(model, kind, record, slug, term)
        for slug, term in self.categories.items():
            parent = term["parent"]
            parent_pk = self.categories.get(parent, {}).get("pk") if parent else None
            if term.get("pk") and parent_pk and parent_pk != term["pk"]:
                Category.objects.filter(pk=term["pk"]).exclude(parent_id=parent_pk).update(parent_id=parent_pk)
            if parent and term.get("pk"):
                # The old nested address (/category/parent/child/) still leads to the category.
                path = [slug]
                seen = {slug}
                while parent and parent in self.categories and parent not in seen:
                    path.insert(0, parent)
                    seen.add(parent)
                    parent = self.categories[parent]["parent"]
                self._redirect(f"/category/{'/'.join(path)}/", reverse("blog:category_detail", args=[term["slug"]]))

    def _import_term(self, model, kind, record, slug, term):
        clean_slug = slugify(slug)[:80] or slugify(term["name"])[:80]
        if not clean_slug:
            self.report.problem(kind, f"“{term['name']}”", "has no usable slug")
            return None
        known = self.objects[record].get(term["id"])
        obj = model.objects.filter(pk=known).first() if known else None
        if obj is None:
            obj = model.objects.filter(slug=clean_slug).first() or model.objects.filter(name=term["name"]).first()
            if obj is None:
                values = {"name": term["name"][: model._meta.get_field("name").max_length], "slug": clean_slug}
                if model is Category:
                    values["description"] = strip_tags(term.get("description", ""))
                obj = model.objects.create(**values)
                self.report.count(kind, "created")
            else:
                self.report.count(kind, "unchanged")
        elif obj.name != term["name"] and not model.objects.filter(name=term["name"]).exclude(pk=obj.pk).exists():
            obj.name = term["name"]
            obj.save(update_fields=["name"])
            self.report.count(kind, "updated")
        else:
            self.report.count(kind, "unchanged")
        term["slug"] = obj.slug
        if term["id"]:
            self._remember(record, term["id"], obj.pk)
        old = f"/{'category' if model is Category else 'tag'}/{slug}/"
        self._redirect(old, obj.get_absolute_url())
        return obj.pk

    def _term_pk(self, model, kind, record, domain_terms, slug, name):
        slug = unquote(slug)
        if slug not in domain_terms:
            domain_terms[slug] = {"id": 0, "name": name or slug, "parent": "", "description": ""}
            domain_terms[slug]["pk"] = self._import_term(model, kind, record, slug, domain_terms[slug])
        return domain_terms[slug].get("pk")

    def _import_feed_redirects(self):
        self._redirect("/feed/", reverse("blog:feed_rss"))

    # --- Items --------------------------------------------------------------------

    @staticmethod
    def _slug(data):
        return slugify(unquote(data.get("wp:post_name") or "")) or slugify(data.get("title") or "")

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
        item = _parse_item(element)
        label = f"“{item.get('title', '').strip() or '(untitled)'}” (WordPress ID {item.get('wp:post_id', '?')})"
        status = item.get("wp:status", "")
        if status in ("trash", "auto-draft", "inherit"):
            self.report.problem(f"{kind}s", label, f"WordPress status “{status}” is not imported")
            return
        if kind == "post":
            self._import_post(item, label, status)
        else:
            self._import_page(item, label, status)

    def _body(self, item, label, kind):
        content = item.get("content:encoded", "")
        content = self._shortcodes(content, item, label, kind)
        content = re.sub(r"<(/?)h1\b", r"<\1h2", content, flags=re.IGNORECASE)
        content = re.sub(r"<(/?)h[56]\b", r"<\1h4", content, flags=re.IGNORECASE)
        return self._rewrite_images(autop(content), label, kind)

    def _shortcodes(self, content, item, label, kind):
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
            return f"<figure>{''.join(images)}<figcaption>{text}</figcaption></figure>"

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
            return f'\n\n<p><a href="{escape(url)}">{escape(url)}</a></p>\n\n' if url else ""

        content = re.sub(r"\[caption\b([^\]]*)\](.*?)\[/caption\]", caption, content, flags=re.DOTALL)
        content = re.sub(r"\[gallery\b([^\]]*)\]", gallery, content)
        content = re.sub(r"\[embed\b([^\]]*)\](.*?)\[/embed\]", embed, content, flags=re.DOTALL)

        def other(match):
            # Unknown shortcodes belong to plugins this site doesn't have: the tags go, and
            # whatever they wrapped stays, as it was written for readers.
            if not match.group(1):
                self.shortcodes[match.group(2).lower()] += 1
            return ""

        return SHORTCODE_RE.sub(other, content)

    def _rewrite_images(self, content, label, kind):
        def rewrite(match):
            src = html.unescape(match.group(3))
            url = self._image_url(src, label, kind)
            return f"{match.group(1)}{match.group(2)}{escape(url)}{match.group(2)}"

        return IMG_SRC_RE.sub(rewrite, content)

    def _image_url(self, src, label, kind):
        stored = self._store_image(src, label)
        return default_storage.url(stored) if stored else src

    def _uploads_path(self, url):
        path = unquote(urlsplit(url).path)
        if UPLOADS_MARKER not in path:
            return None
        relative = posixpath.normpath(path.split(UPLOADS_MARKER, 1)[1])
        return None if relative.startswith(("..", "/")) else relative

    def _store_image(self, url, label):
        """Copy an uploads image from the media folder into storage; return its name, or None."""
        relative = self._uploads_path(url)
        if relative is None:
            return None
        if relative in self.stored_images:
            return self.stored_images[relative]
        source = None
        if self.media_dir:
            for candidate in (relative, SIZED_RE.sub("", relative)):
                path = (self.media_dir / candidate).resolve()
                if path.is_file() and path.is_relative_to(self.media_dir.resolve()):
                    source = path
                    break
        stored = None
        if source is None:
            self.report.problem("images", url, f"not found in media dir (used by {label}); left pointing at it")
        else:
            try:
                with source.open("rb") as handle:
                    clean = reencode_image(File(handle, name=source.name))
            except ValidationError as error:
                self.report.problem("images", url, f"not imported: {' '.join(error.messages)}")
            else:
                name = f"{MEDIA_PREFIX}/{posixpath.dirname(relative)}/{clean.name}".replace("//", "/")
                if default_storage.exists(name):
                    self.report.count("images", "unchanged")
                    stored = name
                else:
                    stored = default_storage.save(name, clean)
                    self.written_files.append(stored)
                    self.report.count("images", "created")
        self.stored_images[relative] = stored
        return stored

    def _excerpt(self, item, body):
        text = html.unescape(strip_tags(item.get("excerpt:encoded") or "")).strip()
        text = text or html.unescape(strip_tags(body)).strip()
        return Truncator(" ".join(text.split())).chars(300)

    def _import_post(self, item, label, status):
        wp_id = _int(item.get("wp:post_id"))
        body = self._body(item, label, "posts")
        published_at = wordpress_time(item.get("wp:post_date_gmt"), item.get("wp:post_date"))
        if status in ("publish", "future"):
            new_status = Article.Status.PUBLISHED
            if published_at is None:
                published_at = timezone.now()
        else:
            new_status = Article.Status.DRAFT
            if status == "private":
                self.report.problem("posts", label, "was private in WordPress; imported as a draft", skipped=False)
        author = self.authors.get((item.get("dc:creator") or "").strip(), {}).get("pk")
        if author is None:
            self.report.problem("posts", label, f"author “{item.get('dc:creator')}” is not in the export")
            return
        values = {
            "title": (item.get("title") or "").strip()[:200] or "Untitled",
            "excerpt": self._excerpt(item, body),
            "body": body,
            "status": new_status,
            "published_at": published_at if new_status == Article.Status.PUBLISHED else None,
            "author_id": author,
        }
        known = self.objects["post"].get(wp_id)
        article = Article.objects.filter(pk=known).first() if known else None
        slug = self._slug(item)[:200] or "article"
        if article is None:
            taken = set(Article.objects.filter(slug__startswith=slug[:50]).values_list("slug", flat=True))
            free = self._free_slug(slug, taken)
            if free != slug:
                self.report.problem(
                    "posts", label, f"an article already uses /{slug}/; imported as “{free}”", skipped=False
                )
            article = Article(slug=free, **values)
            created = True
        else:
            created = False
        self._apply_cover(article, item, label)
        if not created:
            values["body"] = self._sanitised(body)
            changed = [name for name, value in values.items() if getattr(article, name) != value]
            for name in changed:
                setattr(article, name, values[name])
        if created or changed or article._cover_changed:
            article.save()
            self.report.count("posts", "created" if created else "updated")
        else:
            self.report.count("posts", "unchanged")
        self._remember("post", wp_id, article.pk)
        category_pks, tag_pks = [], []
        for domain, nicename, name in item["terms"]:
            if domain == "category":
                category_pks.append(self._term_pk(Category, "categories", "category", self.categories, nicename, name))
            elif domain == "post_tag":
                tag_pks.append(self._term_pk(Tag, "tags", "tag", self.tags, nicename, name))
        article.categories.set([pk for pk in category_pks if pk])
        article.tags.set([pk for pk in tag_pks if pk])
        if new_status == Article.Status.PUBLISHED:
            target = article.get_absolute_url()
            self._redirect(f"/?p={wp_id}", target)
            wp_slug = slugify(unquote(item.get("wp:post_name") or ""))
            if wp_slug and published_at:
                local = timezone.localtime(published_at)
                self._redirect(f"/{local:%Y/%m/%d}/{wp_slug}/", target)
                self._redirect(f"/{local:%Y/%m}/{wp_slug}/", target)
                self.deferred_post_redirects.append((wp_slug, target))
        self._import_comments(article, item, label)

    @staticmethod
    def _sanitised(body):
        from clinic.sanitise import sanitise_html

        return sanitise_html(body)

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
        body = self._body(item, label, "pages")
        is_published = status == "publish"
        if status in ("private", "future"):
            self.report.problem("pages", label, f"was {status} in WordPress; imported unpublished", skipped=False)
        values = {
            "title": (item.get("title") or "").strip()[:200] or "Untitled",
            "body": body,
            "is_published": is_published,
        }
        known = self.objects["page"].get(wp_id)
        page = Page.objects.filter(pk=known).first() if known else None
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
        else:
            values["body"] = self._sanitised(body)
            changed = [name for name, value in values.items() if getattr(page, name) != value]
            for name in changed:
                setattr(page, name, values[name])
            if changed:
                page.save()
            self.report.count("pages", "updated" if changed else "unchanged")
        self.page_slugs_taken.add(page.slug)
        self._remember("page", wp_id, page.pk)
        if is_published:
            target = page.get_absolute_url()
            self._redirect(f"/?page_id={wp_id}", target)
            self._redirect(f"/{'/'.join(self._page_path(wp_id))}/", target)

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
        existing = Comment.objects.in_bulk([known[wp_id] for wp_id, _p, _v in rows if wp_id in known])
        new, changed = [], []
        for wp_id, _parent, values in rows:
            comment = existing.get(known.get(wp_id))
            if comment is None:
                new.append((wp_id, Comment(target=article, **values)))
            elif any(getattr(comment, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(comment, name, value)
                changed.append(comment)
            else:
                self.report.count("comments", "unchanged")
        Comment.objects.bulk_create([comment for _wp_id, comment in new])
        WordPressItem.objects.bulk_create(
            [WordPressItem(kind="comment", wordpress_id=wp_id, object_id=c.pk) for wp_id, c in new]
        )
        for wp_id, comment in new:
            known[wp_id] = comment.pk
            existing[comment.pk] = comment
        if changed:
            Comment.objects.bulk_update(changed, ["author_name", "author_email", "body", "status", "created_at"])
        self.report.count("comments", "created", len(new))
        self.report.count("comments", "updated", len(changed))
        # Threads: set parents once every comment of the post has a primary key.
        reparented = []
        for wp_id, parent_wp_id, _values in rows:
            comment = existing[known[wp_id]]
            parent_pk = known.get(parent_wp_id) if parent_wp_id else None
            if parent_wp_id and parent_pk is None:
                self.report.problem(
                    "comments", f"{wp_id} on {label}", "answers a comment that was not imported", skipped=False
                )
            if comment.parent_id != parent_pk:
                comment.parent_id = parent_pk
                reparented.append(comment)
        if reparented:
            Comment.objects.bulk_update(reparented, ["parent"])
