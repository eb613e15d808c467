"""Compressed pages (clinic/compression.py): a public page is compressed once, a private one every time."""

import gzip

import brotli
import pytest
from django.test import Client

from clinic import compression
from tests.caches import cached_keys
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


@pytest.fixture
def compressions(monkeypatch):
    """Every call that actually compresses, as (encoding, size of the page)."""
    calls = []
    real = compression.compress

    def counted(content, encoding):
        calls.append((encoding, len(content)))
        return real(content, encoding)

    monkeypatch.setattr(compression, "compress", counted)
    return calls


@pytest.mark.parametrize(("accept", "encoding", "decompress"), [("br, gzip", "br", brotli.decompress),
                                                                  ("gzip", "gzip", gzip.decompress)])  # fmt: skip
def test_a_public_page_is_compressed_once_for_every_reader(compressions, accept, encoding, decompress):
    article = ArticleFactory(title="Caring for skin after a peel")
    plain = Client().get(article.get_absolute_url()).content

    pages = [Client().get(article.get_absolute_url(), headers={"accept-encoding": accept}) for _ in range(3)]

    assert [page["Content-Encoding"] for page in pages] == [encoding] * 3
    assert all(decompress(page.content) == plain for page in pages)
    assert all(page["Content-Length"] == str(len(page.content)) for page in pages)
    assert compressions == [(encoding, len(plain))]


def test_a_changed_page_is_compressed_afresh(compressions):
    article = ArticleFactory(title="Caring for skin after a peel")
    Client().get(article.get_absolute_url(), headers={"accept-encoding": "br"})

    article.title = "Caring for skin after a chemical peel"
    article.save()
    page = Client().get(article.get_absolute_url(), headers={"accept-encoding": "br"})

    assert "Caring for skin after a chemical peel" in brotli.decompress(page.content).decode()
    assert len(compressions) == 2


def test_a_private_page_is_compressed_every_time_and_never_kept(admin_client, compressions):
    pages = [admin_client.get("/admin/", headers={"accept-encoding": "br"}) for _ in range(2)]

    assert [page["Content-Encoding"] for page in pages] == ["br", "br"]
    assert "private" in pages[0]["Cache-Control"]
    assert len(compressions) == 2
    assert cached_keys("compressed") == []


def test_a_private_page_for_a_gzip_only_browser_is_left_to_djangos_padded_gzip(admin_client, compressions):
    page = admin_client.get("/admin/", headers={"accept-encoding": "gzip"})

    assert page["Content-Encoding"] == "gzip"
    assert "</html>" in gzip.decompress(page.content).decode()
    assert compressions == []
    assert cached_keys("compressed") == []
