from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest

from tests.factories import PageFactory

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    """Every <url> of the sitemap, followed from /sitemap.xml (an index) through each page it lists."""
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = []
    for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        page = client.get(loc.text.removeprefix("http://testserver"))
        assert page.status_code == 200
        entries += ElementTree.fromstring(page.content).findall("s:url", SITEMAP_NS)
    return entries


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.usefixtures("demo_content")
def test_sitemap_lists_public_pages_with_lastmod_and_no_unpublished_ones(client):
    PageFactory(slug="hidden-notice", is_published=False)
    urls = {node.findtext("s:loc", namespaces=SITEMAP_NS): node for node in sitemap_entries(client)}
    assert "http://testserver/" in urls
    assert "http://testserver/about/" in urls
    assert urls["http://testserver/about/"].findtext("s:lastmod", namespaces=SITEMAP_NS)
    assert "http://testserver/practitioners/dr-isla-morrison/" in urls
    assert "http://testserver/hidden-notice/" not in urls


def test_sitemap_covers_articles_treatments_comparisons_categories_and_tags_without_drafts(client, db):
    from tests.factories import ArticleFactory, CategoryFactory, ComparisonFactory, TagFactory, TreatmentFactory

    category, tag = CategoryFactory(slug="skin-science"), TagFactory(slug="collagen")
    ArticleFactory(slug="public-one", categories=[category], tags=[tag])
    ArticleFactory(slug="secret-draft", status="draft", published_at=None, categories=[CategoryFactory(slug="drafty")])
    prp, exo = TreatmentFactory(slug="prp"), TreatmentFactory(slug="exosomes")
    TreatmentFactory(slug="unpublished-peel", is_published=False)
    ComparisonFactory(treatment_a=exo, treatment_b=prp)
    entries = sitemap_entries(client)
    locs = {node.findtext("s:loc", namespaces=SITEMAP_NS) for node in entries}
    expected = {
        "/blog/public-one/", "/blog/category/skin-science/", "/blog/tag/collagen/", "/treatments/prp/",
        "/treatments/exosomes/", "/treatments/compare/exosomes-vs-prp/", "/treatments/", "/blog/",
    }  # fmt: skip
    assert {f"http://testserver{path}" for path in expected} <= locs
    for hidden in ("/blog/secret-draft/", "/blog/category/drafty/", "/treatments/unpublished-peel/"):
        assert f"http://testserver{hidden}" not in locs
    lastmods = [node.findtext("s:lastmod", namespaces=SITEMAP_NS) for node in entries]
    assert sum(1 for lastmod in lastmods if lastmod) >= 6


def test_sitemap_index_splits_articles_into_pages_with_the_newest_date(client, db, settings):
    from blog.sitemaps import ArticleSitemap
    from tests.factories import ArticleFactory

    ArticleSitemap.limit, limit = 2, ArticleSitemap.limit
    try:
        newest = ArticleFactory(published_at=datetime(2025, 3, 4, 10, tzinfo=UTC))
        ArticleFactory.create_batch(4, published_at=datetime(2024, 1, 1, 10, tzinfo=UTC))
        index = ElementTree.fromstring(client.get("/sitemap.xml").content)
        sections = {
            node.findtext("s:loc", namespaces=SITEMAP_NS): node.findtext("s:lastmod", namespaces=SITEMAP_NS)
            for node in index.findall("s:sitemap", SITEMAP_NS)
        }
        pages = [loc for loc in sections if "sitemap-articles.xml" in loc]
        assert pages == [
            "http://testserver/sitemap-articles.xml",
            "http://testserver/sitemap-articles.xml?p=2",
            "http://testserver/sitemap-articles.xml?p=3",
        ]
        assert sections[pages[0]].startswith("2025-03-04")
        response = client.get("/sitemap-articles.xml")
        assert response["Content-Type"] == "application/xml"
        assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
        assert response["Last-Modified"] == "Tue, 04 Mar 2025 10:00:00 GMT"
        assert client.get("/sitemap-articles.xml?p=4").status_code == 404
        assert client.get("/sitemap-nothing.xml").status_code == 404
        first = ElementTree.fromstring(response.content)
        locs = [node.findtext("s:loc", namespaces=SITEMAP_NS) for node in first.findall("s:url", SITEMAP_NS)]
        assert locs[0] == f"http://testserver{newest.get_absolute_url()}"
        assert len(locs) == 2
    finally:
        ArticleSitemap.limit = limit
