from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles(clinic_profile):
    category = CategoryFactory(name="Skin science")
    ArticleFactory(title="Public one", excerpt="About <collagen> & more", categories=[category])
    ArticleFactory(title="Public two")
    ArticleFactory(title="A draft", status="draft", published_at=None)
    ArticleFactory(title="Scheduled", published_at=timezone.now() + timedelta(days=1))


def test_rss_feed_parses_and_lists_only_public_articles(client, articles):
    response = client.get(reverse("blog:feed_rss"))

    assert response["Content-Type"].startswith("application/rss+xml")
    rss = ElementTree.fromstring(response.content)  # noqa: S314 — our own response
    channel = rss.find("channel")
    assert channel.findtext("title") == "Test Skin Clinic: articles"
    items = channel.findall("item")
    assert sorted(item.findtext("title") for item in items) == ["Public one", "Public two"]
    first = next(item for item in items if item.findtext("title") == "Public one")
    assert first.findtext("description") == "About <collagen> & more"
    assert first.findtext("link") == f"http://testserver{Article.objects.get(title='Public one').get_absolute_url()}"
    assert first.findtext("category") == "Skin science"


def test_atom_feed_parses_and_lists_only_public_articles(client, articles):
    response = client.get(reverse("blog:feed_atom"))

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 — our own response
    titles = sorted(entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry"))
    assert titles == ["Public one", "Public two"]
    assert feed.find(f"{ATOM}entry/{ATOM}author/{ATOM}name").text.startswith("Dr Practitioner")
    assert feed.find(f"{ATOM}entry/{ATOM}updated") is not None


def test_every_page_advertises_both_feeds(client, clinic_profile):
    response = client.get(reverse("clinic:home"))

    rss, atom = reverse("blog:feed_rss"), reverse("blog:feed_atom")
    assert f'type="application/rss+xml" title="Test Skin Clinic articles (RSS)" href="{rss}"' in response.text
    assert f'type="application/atom+xml" title="Test Skin Clinic articles (Atom)" href="{atom}"' in response.text
