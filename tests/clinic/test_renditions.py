"""Renditions are made when an image is saved; pages only read what was recorded."""

import pytest
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.urls import reverse

from clinic.models import Rendition
from tests.factories import ArticleFactory, PractitionerFactory, TreatmentFactory, image_upload

pytestmark = pytest.mark.django_db

SPIED = ("exists", "open", "save", "size", "listdir", "delete", "path")


@pytest.fixture
def storage_calls(monkeypatch):
    """Every call a page makes to the file storage, as (method, name)."""
    calls = []
    for method in SPIED:
        original = getattr(FileSystemStorage, method)

        def spy(self, name, *args, _original=original, _method=method, **kwargs):
            calls.append((_method, name))
            return _original(self, name, *args, **kwargs)

        monkeypatch.setattr(FileSystemStorage, method, spy)
    return calls


def cover_article(**kwargs):
    return ArticleFactory(cover=image_upload("cover.jpg", size=(1400, 700)), cover_alt="A cover", **kwargs)


def test_saving_an_image_records_its_renditions(storage_calls):
    article = cover_article()

    recorded = {row.requested_width: row for row in Rendition.objects.filter(original=article.cover.name)}
    assert sorted(recorded) == [480, 800, 1200, 1600]
    assert (recorded[1600].width, recorded[1600].height) == (1400, 700)  # never wider than the original
    assert (recorded[480].width, recorded[480].height) == (480, 240)
    assert (recorded[480].original_width, recorded[480].original_height) == (1400, 700)
    assert default_storage.exists(recorded[480].name)
    assert recorded[480].url == default_storage.url(recorded[480].name)


@pytest.mark.parametrize("page", ["article", "article list", "home", "treatment"])
def test_pages_with_images_make_no_storage_call(client, clinic_profile, storage_calls, page):
    article = cover_article()
    cover_article()
    treatment = TreatmentFactory(hero_image=image_upload("hero.jpg"), hero_image_alt="A treatment room")
    article.related_treatments.add(treatment)
    PractitionerFactory(photo=image_upload("face.jpg"))
    url = {
        "article": article.get_absolute_url(),
        "article list": reverse("blog:article_list"),
        "home": reverse("clinic:home"),
        "treatment": treatment.get_absolute_url(),
    }[page]
    storage_calls.clear()
    cache.clear()  # a cold cache reads the recorded sizes from the database, still not the storage

    first = client.get(url)
    second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert ".webp " in first.content.decode()
    assert storage_calls == []


def test_a_missing_rendition_is_served_as_the_original_and_not_made_by_the_page(client, clinic_profile):
    article = cover_article()
    names = list(Rendition.objects.values_list("name", flat=True))
    Rendition.objects.all().delete()
    for name in names:
        default_storage.delete(name)
    cache.clear()

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'src="{article.cover.url}"' in html
    assert 'width="1400" height="700"' in html  # the size stored on the article when it was uploaded
    assert not Rendition.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_make_renditions_backfills_images_saved_without_them(client, clinic_profile):
    article = cover_article()
    Rendition.objects.all().delete()

    call_command("make_renditions", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Rendition.objects.filter(original=article.cover.name).count() == 4
    assert "-480w.webp 480w" in client.get(article.get_absolute_url()).content.decode()
