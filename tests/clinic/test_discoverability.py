from xml.etree import ElementTree

import pytest

from tests.factories import PageFactory

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.usefixtures("demo_content")
def test_sitemap_lists_public_pages_with_lastmod_and_no_unpublished_ones(client):
    PageFactory(slug="hidden-notice", is_published=False)
    response = client.get("/sitemap.xml")
    tree = ElementTree.fromstring(response.content)
    urls = {node.findtext("s:loc", namespaces=SITEMAP_NS): node for node in tree.findall("s:url", SITEMAP_NS)}
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
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locs = {node.findtext("s:loc", namespaces=SITEMAP_NS) for node in tree.findall("s:url", SITEMAP_NS)}
    expected = {
        "/blog/public-one/", "/blog/category/skin-science/", "/blog/tag/collagen/", "/treatments/prp/",
        "/treatments/exosomes/", "/treatments/compare/exosomes-vs-prp/", "/treatments/", "/blog/",
    }  # fmt: skip
    assert {f"http://testserver{path}" for path in expected} <= locs
    for hidden in ("/blog/secret-draft/", "/blog/category/drafty/", "/treatments/unpublished-peel/"):
        assert f"http://testserver{hidden}" not in locs
    lastmods = [node.findtext("s:lastmod", namespaces=SITEMAP_NS) for node in tree.findall("s:url", SITEMAP_NS)]
    assert sum(1 for lastmod in lastmods if lastmod) >= 6
