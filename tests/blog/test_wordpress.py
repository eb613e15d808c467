import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from blog.models import Article, Category, Tag, WordPressItem
from clinic.models import Page, Practitioner, Redirect
from comments.models import Comment
from tests.factories import PageFactory, PractitionerFactory

FIXTURES = Path(__file__).parent / "wordpress"
EXPORT = FIXTURES / "export-1.2.xml"


def run(path=EXPORT, *args):
    out = StringIO()
    call_command("import_wordpress", str(path), "--media-dir", str(FIXTURES / "uploads"), *args, stdout=out)
    return out.getvalue()


def test_posts_are_imported_with_states_terms_and_cover(db):
    run()
    article = Article.objects.get(slug="sunscreen-scottish-spring")
    assert article.is_public
    assert article.excerpt == "Why daily sunscreen matters in Glasgow."
    assert article.cover.name.startswith("wordpress/2023/05/")
    assert article.cover_alt == "Sunlight through a sash window"
    assert set(article.categories.values_list("slug", flat=True)) == {"sun-care"}
    assert set(article.tags.values_list("slug", flat=True)) == {"spf", "uva"}
    assert Article.objects.get(slug="autumn-peels").publication_state == "scheduled"
    assert Article.objects.get(slug="retinol-through-the-seasons").status == "draft"
    assert Article.objects.get(slug="staff-party").status == "draft"
    assert not Article.objects.filter(title="Deleted post").exists()
    assert Category.objects.count() == 2


def test_category_hierarchy_is_kept(db):
    from blog.models import Category

    run()
    assert Category.objects.get(slug="sun-care").parent == Category.objects.get(slug="skin-health")
    assert Category.objects.get(slug="skin-health").parent is None


def test_category_cannot_be_its_own_parent(db):
    from django.db import IntegrityError

    from tests.factories import CategoryFactory

    category = CategoryFactory()
    category.parent = category
    with pytest.raises(IntegrityError):
        category.save()


def test_authors_match_practitioners_by_name_and_the_rest_write_as_the_clinic(client, clinic_profile):
    existing = PractitionerFactory(name="Dr Morag Lennox")
    report = run()
    assert Article.objects.get(slug="sunscreen-scottish-spring").author == existing
    assert not Practitioner.objects.filter(name="Fergus Baird").exists()
    assert "“Fergus Baird” (fergus): no practitioner has this name" in report


def test_content_gets_paragraphs_shortcodes_converted_and_hostile_html_removed(db):
    run()
    body = Article.objects.get(slug="sunscreen-scottish-spring").body
    assert "<p>Even under grey skies, ultraviolet light reaches the skin.<br>" in body
    assert "<figcaption>Light through glass still carries UVA.</figcaption>" in body
    assert '<img src="/media/wordpress/2023/05/window.png"' in body
    assert "absent.jpg" not in body
    assert "<p>Absent</p>" in body
    assert '<a href="https://video.example/clip"' in body
    assert "<p>Protect every day.</p>" in body
    assert "[" not in body
    assert "<script" not in body
    assert "javascript:" not in body
    assert "onclick" not in body
    assert "<ul>\n<li>Apply in the morning</li>" in body


def test_comments_keep_threads_and_statuses(db):
    run()
    question = Comment.objects.get(author_name="Eilidh", parent=None)
    answer = question.replies.get()
    thanks = answer.replies.get()
    assert (question.status, answer.status, thanks.status) == ("approved", "approved", "pending")
    assert question.body == "Does tinted moisturiser count? Asking for my mum."
    assert question.author_email == "eilidh@mail.example"
    assert Comment.objects.get(author_name="Cheap pills").status == "spam"
    assert not Comment.objects.filter(author_name="Another blog").exists()


def test_pages_become_flat_pages_and_reserved_slugs_get_a_suffix(db):
    run()
    assert Page.objects.get(slug="uber-uns").title == "Über uns — Ärztinnen"
    assert "日本語も少し。" in Page.objects.get(slug="uber-uns").body
    assert Page.objects.get(slug="prices").show_in_footer is False
    assert Page.objects.filter(slug="blog-2").exists()


def test_second_run_creates_nothing_and_updates_what_changed(db, tmp_path):
    run()
    counts = {model: model.objects.count() for model in (Article, Comment, Page, Category, Tag, Redirect)}
    report = run()
    assert "Import finished." in report
    assert {model: model.objects.count() for model in counts} == counts
    changed = tmp_path / "changed.xml"
    changed.write_text(EXPORT.read_text().replace("Consultations are free.", "Consultations cost £50."))
    run(changed)
    assert "£50" in Page.objects.get(slug="prices").body
    assert Page.objects.count() == counts[Page]


def test_hand_written_article_with_the_same_slug_is_left_alone(db):
    author = PractitionerFactory()
    mine = Article.objects.create(
        title="Mine", slug="sunscreen-scottish-spring", excerpt="x", body="<p>Mine</p>", author=author
    )
    report = run()
    mine.refresh_from_db()
    assert mine.body == "<p>Mine</p>"
    assert Article.objects.filter(slug="sunscreen-scottish-spring-2").exists()
    assert "imported as “sunscreen-scottish-spring-2”" in report
    assert not WordPressItem.objects.filter(kind="post", object_id=mine.pk).exists()


def test_page_slug_owned_by_a_hand_written_page_is_left_alone(db):
    PageFactory(slug="prices", body="<p>Ours</p>")
    run()
    assert Page.objects.get(slug="prices").body == "<p>Ours</p>"
    assert Page.objects.filter(slug="prices-2").exists()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/?p=100", "/blog/sunscreen-scottish-spring/"),
        ("/2023/05/14/sunscreen-scottish-spring/", "/blog/sunscreen-scottish-spring/"),
        ("/2023/05/sunscreen-scottish-spring/", "/blog/sunscreen-scottish-spring/"),
        ("/sunscreen-scottish-spring/", "/blog/sunscreen-scottish-spring/"),
        ("/?page_id=201", "/prices/"),
        ("/uber-uns/prices/", "/prices/"),
        ("/category/sun-care/", "/blog/category/sun-care/"),
        ("/category/skin-health/sun-care/", "/blog/category/sun-care/"),
        ("/tag/spf/", "/blog/tag/spf/"),
        ("/feed/", "/blog/feed/rss/"),
    ],
)
def test_legacy_addresses_answer_301(client, clinic_profile, old, new):
    run()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_dry_run_prints_the_report_and_saves_nothing(db):
    dry = run(EXPORT, "--dry-run")
    assert "Dry run: nothing was saved." in dry
    assert not Article.objects.exists()
    assert not Redirect.objects.exists()
    assert not WordPressItem.objects.exists()
    real = run()
    assert dry.split("Dry run")[0] == real.split("Import finished.")[0]


def test_wxr_1_1_is_read(db):
    run(FIXTURES / "export-1.1.xml")
    article = Article.objects.get(slug="hydration-myths")
    assert article.body == "<p>Water helps.</p>\n<p>Creams help more.</p>"


def test_malformed_file_fails_with_line_and_imports_nothing(db):
    with pytest.raises(CommandError, match=r"mismatched tag at line 16.*Nothing was imported"):
        run(FIXTURES / "malformed.xml")
    assert not Article.objects.exists()
    assert not Practitioner.objects.exists()


def test_entity_declarations_are_refused(db):
    with pytest.raises(CommandError, match="DTD"):
        run(FIXTURES / "entities.xml")


def test_failure_midway_leaves_nothing_and_no_files(db, monkeypatch, settings):
    from blog.wordpress import WordPressImporter

    def explode(self, *args):
        raise RuntimeError("power cut")

    monkeypatch.setattr(WordPressImporter, "_import_page", explode)
    with pytest.raises(RuntimeError):
        run()
    assert not Article.objects.exists()
    assert not Comment.objects.exists()
    assert not list((Path(settings.MEDIA_ROOT) / "wordpress").rglob("*.png"))


def test_import_redirects_join_existing_ones_in_one_hop_and_replace_conflicting_ones(db):
    # Made by hand before the import: an even older address that led to the WordPress post,
    # and a redirect away from the address the imported article will have.
    Redirect.objects.create(old_path="/sunscreen-2019/", new_path="/2023/05/14/sunscreen-scottish-spring/")
    Redirect.objects.create(old_path="/blog/sunscreen-scottish-spring/", new_path="/blog/")
    report = run()
    target = "/blog/sunscreen-scottish-spring/"
    assert Redirect.objects.get(old_path="/sunscreen-2019/").new_path == target
    assert Redirect.objects.get(old_path="/2023/05/14/sunscreen-scottish-spring/").new_path == target
    assert not Redirect.objects.filter(old_path=target).exists()
    assert not Redirect.objects.filter(new_path__in=Redirect.objects.values("old_path")).exists()
    created = Redirect.objects.count()
    assert "redirects" in report
    # A second run writes nothing new and changes nothing.
    stored = set(Redirect.objects.values_list("old_path", "new_path", "is_permanent"))
    run()
    assert Redirect.objects.count() == created
    assert set(Redirect.objects.values_list("old_path", "new_path", "is_permanent")) == stored


def test_running_the_import_again_leaves_every_untouched_row_unchanged(db):
    def counts(report, kind):
        return [int(n) for n in re.search(rf"^{kind} +(\d+) +(\d+) +(\d+) +(\d+)", report, re.M).groups()]

    first = run()
    second = run()
    # Nothing was changed here, so every row the first run created is unchanged, none is "changed on this site".
    assert "on this site" not in second
    for kind in ("posts", "pages", "comments"):
        created, _updated, _unchanged, skipped = counts(first, kind)
        assert counts(second, kind) == [0, 0, created, skipped], kind


def synthetic_export(path, posts, *, first_id, comments_per_post=4):
    """An export of ``posts`` published posts with threaded comments, ids from ``first_id``."""
    items = []
    for number in range(first_id, first_id + posts):
        comments = "".join(
            f"<wp:comment><wp:comment_id>{number * 100 + index}</wp:comment_id>"
            f"<wp:comment_author>Reader {index}</wp:comment_author>"
            f"<wp:comment_author_email>reader{index}@mail.example</wp:comment_author_email>"
            "<wp:comment_date_gmt>2022-04-01 12:00:00</wp:comment_date_gmt>"
            "<wp:comment_content>Thanks, this was useful.</wp:comment_content>"
            f"<wp:comment_approved>{'1' if index % 2 else '0'}</wp:comment_approved>"
            f"<wp:comment_parent>{number * 100 + 1 if index > 1 else 0}</wp:comment_parent></wp:comment>"
            for index in range(1, comments_per_post + 1)
        )
        items.append(
            f"<item><title>Post {number}</title><link>https://old.example/post-{number}/</link>"
            "<dc:creator>editor</dc:creator><content:encoded>Line one.\n\nLine two.</content:encoded>"
            f"<wp:post_id>{number}</wp:post_id><wp:post_date_gmt>2022-03-01 10:00:00</wp:post_date_gmt>"
            f"<wp:post_name>post-{number}</wp:post_name><wp:status>publish</wp:status>"
            "<wp:post_type>post</wp:post_type>"
            f'<category domain="category" nicename="topic-{first_id}">Topic {first_id}</category>'
            f'<category domain="post_tag" nicename="tag-{first_id}">Tag {first_id}</category>'
            f"{comments}</item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8" ?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
        "<wp:author><wp:author_id>1</wp:author_id><wp:author_login>editor</wp:author_login>"
        f"<wp:author_display_name>Editor</wp:author_display_name></wp:author>{''.join(items)}</channel></rss>"
    )
    return path


def import_queries(path):
    """Queries of one import of ``path`` as (first run, re-run)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for _run in range(2):
        # Every import starts as a fresh process would, without content types already cached.
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as queries:
            call_command("import_wordpress", str(path), stdout=StringIO())
        counts.append(len(queries))
    return counts


def test_queries_do_not_grow_with_the_number_of_posts_in_a_batch(db, tmp_path):
    small = import_queries(synthetic_export(tmp_path / "small.xml", 5, first_id=1000))
    large = import_queries(synthetic_export(tmp_path / "large.xml", 30, first_id=2000))
    assert Article.objects.count() == 35
    assert Comment.objects.filter(parent__isnull=False).count() == 35 * 3
    assert large == small


def test_queries_grow_only_per_batch(db, tmp_path, monkeypatch):
    import blog.wordpress

    monkeypatch.setattr(blog.wordpress, "ITEM_BATCH", 20)
    one, two, three = (
        import_queries(synthetic_export(tmp_path / f"{batches}.xml", 20 * batches, first_id=1000 * batches))
        for batches in (1, 2, 3)
    )
    assert Article.objects.count() == 120
    for run_index in (0, 1):  # first run, re-run
        per_batch = two[run_index] - one[run_index]
        assert three[run_index] - two[run_index] == per_batch
        # A batch of twenty posts with eighty comments costs a few statements, not one per row.
        assert per_batch < 20


def test_reading_forgets_every_item_read_so_memory_stays_flat(tmp_path, monkeypatch):
    import blog.wordpress

    parse = blog.wordpress.iterparse
    roots = []

    def watched(*args, **kwargs):
        for event, element in parse(*args, **kwargs):
            if not roots:
                roots.append(element)
            yield event, element

    monkeypatch.setattr(blog.wordpress, "iterparse", watched)
    held = []  # (children of <channel>, elements in the tree) as each item is read

    def on_item(element):
        held.append((len(roots[0][0]), sum(1 for _ in roots[0].iter())))

    export = synthetic_export(tmp_path / "export.xml", 200, first_id=1)
    blog.wordpress._read(export, on_item, lambda *args: None)
    assert len(held) == 200
    # The tree holds the channel's own fields and the items the parser has read ahead,
    # never the items already handled: the last item is read with no more than the first ones.
    first, last = held[:50], held[-50:]
    assert max(children for children, _ in last) <= max(children for children, _ in first) < 20
    assert max(elements for _, elements in last) <= max(elements for _, elements in first)
    assert len(roots[0]) == 1  # <rss> holds just its <channel>


def test_comments_added_by_a_later_import_show_on_a_page_already_read(tmp_path, clinic_profile):
    reader = Client()
    run(synthetic_export(tmp_path / "first.xml", 1, first_id=7, comments_per_post=2))
    article = Article.objects.get(slug="post-7")
    assert reader.get(article.get_absolute_url()).content.decode().count("Thanks, this was useful.") == 1

    run(synthetic_export(tmp_path / "later.xml", 1, first_id=7, comments_per_post=4))

    assert reader.get(article.get_absolute_url()).content.decode().count("Thanks, this was useful.") == 2
