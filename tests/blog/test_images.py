import pytest
from django.core.files.storage import default_storage

from tests.factories import ArticleFactory, image_upload

pytestmark = pytest.mark.django_db


def test_cover_is_served_as_webp_renditions_in_srcset(client):
    article = ArticleFactory(cover=image_upload("cover.jpg", size=(1400, 700)), cover_alt="A calm treatment room")

    response = client.get(article.get_absolute_url())

    html = response.text
    assert 'alt="A calm treatment room"' in html
    assert 'loading="eager"' in html
    for width in (480, 800, 1200):
        assert f"-{width}w.webp {width}w" in html
    assert "1400w.webp 1400w" in html  # the original width caps the largest rendition
    assert 'width="1400" height="700"' in html
    rendition = html.split('srcset="')[1].split(" ")[0]
    assert default_storage.exists(rendition.removeprefix("/media/"))


def test_cover_is_stored_without_metadata_and_dimensions_recorded():
    article = ArticleFactory(cover=image_upload("cover.jpg", size=(900, 600)), cover_alt="Alt")

    assert (article.cover_width, article.cover_height) == (900, 600)
    assert article.cover.name.startswith("blog/covers/")


def test_cards_on_the_list_use_renditions_and_lazy_loading_after_the_first(client):
    for number in range(2):
        ArticleFactory(cover=image_upload(f"c{number}.jpg", size=(1000, 500)), cover_alt=f"Cover {number}")

    html = client.get("/blog/").text

    assert html.count('loading="eager"') == 1
    assert html.count('loading="lazy"') == 1
    assert "-480w.webp 480w" in html
