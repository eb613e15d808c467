"""The import against real WordPress exports (../shared/wxr/, never copied into the project)."""

import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from blog.models import Article, Category, Tag
from clinic.models import Page
from clinic.registries import legacy_address_resolvers
from comments.models import Comment

SHARED = Path(settings.BASE_DIR).parent / "shared" / "wxr"
THEME = SHARED / "themeunittestdata.wordpress.xml"

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/wxr/ is not beside the project")

# What each export holds once imported (None: refused as unreadable, nothing written).
EXPECTED = {
    "authors-multiline.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "backslashes.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "blank-lines.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "cdata-edge.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "chunked-meta.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "crazy-cdata-escaped.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "crazy-cdata.xml": None,
    "invalid-version-tag.xml": {"categories": 21, "tags": 18, "posts": 0, "pages": 0, "comments": 0},
    "large-authors.xml": {"categories": 0, "tags": 0, "posts": 0, "pages": 0, "comments": 0},
    "malformed-simple.xml": None,
    "malformed.xml": None,
    "missing-tags.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "missing-version-tag.xml": None,
    "multiple-cdata.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "namespace-edge-cases.xml": {"categories": 2, "tags": 0, "posts": 5, "pages": 0, "comments": 0},
    "post-content-blank-lines.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "slashes.xml": {"categories": 1, "tags": 1, "posts": 1, "pages": 0, "comments": 1},
    "small-export.xml": {"categories": 30, "tags": 3, "posts": 6, "pages": 5, "comments": 1},
    "term-formats.xml": {"categories": 2, "tags": 3, "posts": 0, "pages": 0, "comments": 0},
    "term-meta.xml": {"categories": 1, "tags": 0, "posts": 0, "pages": 0, "comments": 0},
    "test-serialized-comment-meta.xml": {"categories": 1, "tags": 0, "posts": 1, "pages": 0, "comments": 1},
    "test-serialized-postmeta-no-cdata.xml": {"categories": 1, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "test-serialized-postmeta-with-cdata.xml": {"categories": 1, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "test-serialized-term-meta.xml": {"categories": 1, "tags": 1, "posts": 1, "pages": 0, "comments": 0},
    "test-utw-post-meta-import.xml": {"categories": 1, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "themeunittestdata.wordpress.xml": {"categories": 68, "tags": 113, "posts": 58, "pages": 21, "comments": 24},
    "valid-wxr-1.0.xml": {"categories": 5, "tags": 4, "posts": 3, "pages": 3, "comments": 1},
    "valid-wxr-1.1.xml": {"categories": 1, "tags": 1, "posts": 1, "pages": 1, "comments": 1},
    "wxr-base-url-rewriting.xml": {"categories": 1, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "wxr-comprehensive.xml": {"categories": 2, "tags": 2, "posts": 1, "pages": 1, "comments": 1},
    "wxr-css-urls.xml": {"categories": 1, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "wxr-flat-attachment-different-site.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "wxr-flat-attachment-same-site.xml": {"categories": 0, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "wxr-simple.xml": {"categories": 1, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "wxr-utf-8-challenges.xml": {"categories": 1, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
    "wxr-with-sub-data.xml": {"categories": 1, "tags": 0, "posts": 1, "pages": 0, "comments": 0},
}
MODELS = {"categories": Category, "tags": Tag, "posts": Article, "pages": Page, "comments": Comment}


def run(path, *args):
    out = StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


def test_every_shared_export_is_listed_here():
    assert sorted(path.name for path in SHARED.glob("*.xml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shared_export_is_imported_with_its_counts_or_cleanly_refused(db, name):
    expected = EXPECTED[name]
    if expected is None:
        with pytest.raises(CommandError, match="Nothing was imported"):
            run(SHARED / name)
        assert not any(model.objects.exists() for model in MODELS.values())
        return
    report = run(SHARED / name)
    for kind, count in expected.items():
        assert re.search(rf"^{kind} +{count} ", report, re.MULTILINE), (kind, report)
        assert MODELS[kind].objects.count() == count, kind
    # A second run adds nothing.
    run(SHARED / name)
    assert {kind: MODELS[kind].objects.count() for kind in expected} == expected


@pytest.fixture
def theme(db):
    return run(THEME)


def test_wordpress_com_export_keeps_private_things_private(theme):
    protected = Article.objects.get(title='Template: Password Protected (the password is "enter")')
    assert protected.status == "draft"
    assert "was password-protected in WordPress; imported as a draft" in theme
    assert Article.objects.get(is_featured=True).title == "Template: Sticky"
    closed = Article.objects.get(title="Template: Comments Disabled")
    assert closed.is_commenting_open is False
    assert (
        re.search(r"comments 5 on page “Page with comments”.*not imported", theme)
        or "on page “Page with comments”" in theme
    )


def test_staff_replies_are_marked_as_the_clinics(theme):
    assert Comment.objects.filter(is_staff_reply=True).exists()
    assert not Comment.objects.filter(is_staff_reply=True, parent=None).exists()


def test_titles_are_decoded_once_and_markup_becomes_text(theme):
    titles = list(Article.objects.values_list("title", flat=True)) + list(Page.objects.values_list("title", flat=True))
    assert not [title for title in titles if "&amp;" in title or "&#" in title or "<" in title]
    assert Article.objects.filter(title="Markup: Title With Markup").exists()
    assert Article.objects.filter(title__contains="Special Characters").exists()


def test_block_content_has_no_empty_paragraphs_no_paragraph_in_lists_and_no_iframes(theme):
    for body in Article.objects.values_list("body", flat=True):
        assert not re.search(r"<p>\s*</p>", body)
        assert not re.search(r"<(ul|ol)>\s*<p>", body)
        assert "<!-- wp:" not in body
        assert "<iframe" not in body
        assert "wpthemetestdata.files.wordpress.com" not in re.sub(r'href="[^"]*"', "", body)


def test_categories_keep_hierarchy_descriptions_and_same_names_stay_distinct(theme):
    child = Category.objects.get(slug="foo-a-foo-parent")
    assert child.parent.slug == "foo-parent"
    assert Category.objects.filter(name__startswith="Foo A").count() == 2
    assert Category.objects.exclude(description="").exists()


def test_greek_slugs_are_transliterated_and_their_old_address_redirects(client, theme):
    page = Page.objects.get(title="Επίπεδο 2 -Second Greek level")
    assert page.slug == "epipedo-2"
    response = client.get("/greek/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/")
    assert response.status_code == 301
    assert response["Location"] == page.get_absolute_url()


def test_placeholder_author_is_never_shown_and_claims_no_registration(client, clinic_profile, theme):
    article = Article.objects.published().filter(author=None).first()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"By {clinic_profile.name}" in html
    assert "Imported WordPress author" not in html
    assert "wordpress-" not in html
    assert '"identifier"' not in html


# --- Address inventory -------------------------------------------------------------


def inventory(path):
    """Addresses the old site served for its published posts and pages, from the export."""
    from blog.wordpress import _parse_item, _read

    addresses = []

    def item(element):
        data = _parse_item(element)
        if data.get("wp:status") != "publish" or data.get("wp:post_type") not in ("post", "page"):
            return
        if (data.get("wp:post_password") or "").strip():
            return
        link = urlsplit(data.get("link", ""))
        if link.path:
            # The test client reads "//greek/" as a host; the resolver collapses such slashes.
            addresses.append(
                (re.sub(r"/{2,}", "/", link.path) + (f"?{link.query}" if link.query else ""), data["wp:post_id"])
            )
        if data.get("wp:post_type") == "post":
            addresses.append((f"/?p={data['wp:post_id']}", data["wp:post_id"]))
        else:
            addresses.append((f"/?page_id={data['wp:post_id']}", data["wp:post_id"]))

    _read(path, item, lambda name, element: None)
    return addresses


def hop(client, address):
    response = client.get(address)
    return response.status_code, response.get("Location", "")


@pytest.mark.parametrize("name", ["themeunittestdata.wordpress.xml", "small-export.xml", "valid-wxr-1.1.xml"])
def test_every_old_post_and_page_address_lands_in_one_301(client, clinic_profile, name):
    run(SHARED / name)
    addresses = inventory(SHARED / name)
    assert addresses
    for address, _wp_id in addresses:
        status, location = hop(client, address)
        if status == 200:
            # The address is still served here (a page that kept /about/, WordPress's
            # posts page at /blog/, which the blog replaces): nothing to redirect.
            assert address == "/blog/" or Page.objects.filter(slug=address.strip("/")).exists(), address
            continue
        assert status == 301, address
        assert not location.startswith("http"), address
        assert client.get(location).status_code == 200, (address, location)
        if address.startswith("/?"):
            continue
        # Without its trailing slash, and with tracking parameters, still one hop.
        assert hop(client, address.rstrip("/") if "?" not in address else address) == (301, location), address
        assert hop(client, f"{address}?utm_source=news&fbclid=x")[1] == location, address


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/2012/", "/blog/"),
        ("/2013/01/", "/blog/2013/01/"),
        ("/2013/01/10/", "/blog/2013/01/"),
        ("/feed/", "/blog/feed/rss/"),
        ("/feed/atom/", "/blog/feed/atom/"),
        ("/comments/feed/", "/blog/feed/rss/"),
        ("/?feed=rss2", "/blog/feed/rss/"),
        ("/page/2/", "/blog/?page=2"),
        ("/?paged=3", "/blog/?page=3"),
        ("/?s=laser", "/search/?q=laser"),
        ("/search/laser/", "/search/?q=laser"),
        ("/?m=201301", "/blog/2013/01/"),
        ("/?author=99", "/blog/"),
        ("/author/themedemos/", "/blog/"),
        ("/wp-sitemap.xml", "/sitemap.xml"),
        ("/wp-sitemap-posts-post-1.xml", "/sitemap.xml"),
        ("/?cat=999999", "/blog/"),
    ],
)
def test_archive_feed_search_and_sitemap_forms_land_in_one_301(client, clinic_profile, address, expected):
    assert "wordpress" in dict(legacy_address_resolvers.items())
    assert hop(client, address) == (301, expected)


def test_post_suffixes_and_index_php_and_query_forms_reach_the_article(client, clinic_profile, theme):
    article = Article.objects.get(title="Template: Comments")
    url = article.get_absolute_url()
    link = next(a for a, wp_id in inventory(THEME) if wp_id == "1148" and not a.startswith("/?"))
    for address in (
        f"{link}embed/",
        f"{link}comment-page-1/",
        f"{link}feed/",
        f"{link}2/",
        f"/index.php{link}",
        "/?p=1148",
        "/?p=1148&utm_campaign=x",
    ):
        assert hop(client, address) == (301, url), address
    category = Category.objects.get(slug="markup")
    assert hop(client, "/category/markup/page/2/") == (301, category.get_absolute_url())


def test_home_page_with_unknown_query_answers_200_only_for_tracking(client, clinic_profile):
    assert client.get("/?utm_source=x").status_code == 200


# --- Re-import after launch ----------------------------------------------------------


def test_reimport_keeps_staff_edits_deletions_and_erasures(db, theme):
    edited = Article.objects.get(title="Template: Sticky")
    edited.title = "Our own title"
    edited.save()
    deleted = Article.objects.get(title="Template: Comments Disabled")
    deleted.delete()
    erased = Comment.objects.filter(parent=None).first()
    erased_name = erased.author_name
    erased.replies.all().delete()
    erased.delete()
    moderated = Comment.objects.exclude(status="spam").first()
    moderated.status = "spam"
    moderated.save()
    report = run(THEME)
    assert Article.objects.get(pk=edited.pk).title == "Our own title"
    assert not Article.objects.filter(title="Template: Comments Disabled").exists()
    assert Comment.objects.get(pk=moderated.pk).status == "spam"
    assert not Comment.objects.filter(author_name=erased_name, created_at=erased.created_at).exists()
    assert "was changed on this site after an earlier import; left as staff left it" in report
    assert "was deleted on this site after an earlier import; not re-created" in report
    assert "was deleted on this site; not re-created" in report


# --- Remote images -----------------------------------------------------------------


@pytest.fixture
def image_server(tmp_path):
    """A local HTTP server on 127.0.0.1 serving two images whose names share 60 characters."""
    import threading
    from functools import partial
    from http.server import HTTPServer, SimpleHTTPRequestHandler

    from PIL import Image

    stem = "a" * 61
    for suffix, size in (("-1024x576", (64, 36)), ("-300x169", (30, 17))):
        Image.new("RGB", size, "teal").save(tmp_path / f"{stem}{suffix}.png")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", stem
    server.shutdown()


def test_fetch_remote_downloads_images_and_distinct_files_stay_distinct(db, tmp_path, image_server):
    base, stem = image_server
    export = tmp_path / "remote.xml"
    export.write_text((SHARED / "wxr-simple.xml").read_text().replace("</content:encoded>", "</content:encoded>", 1))
    text = export.read_text()
    body = f'<img src="{base}/{stem}-1024x576.png" alt="Large"> <img src="{base}/{stem}-300x169.png" alt="Small">'
    text = re.sub(
        r"<content:encoded><!\[CDATA\[.*?\]\]></content:encoded>",
        f"<content:encoded><![CDATA[{body}]]></content:encoded>",
        text,
        count=1,
        flags=re.DOTALL,
    )
    export.write_text(text)
    report = run(export, "--fetch-remote")
    html = Article.objects.get().body
    sources = re.findall(r'src="([^"]+)"', html)
    assert len(sources) == 2
    assert len(set(sources)) == 2
    assert all(source.startswith("/media/") for source in sources)
    assert "http://127.0.0.1" not in html
    assert "images                2" in report
