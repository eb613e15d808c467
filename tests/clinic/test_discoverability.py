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
