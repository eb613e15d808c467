"""Public pages kept whole for anonymous visitors (clinic/page_cache.py) still show every change at once."""

from datetime import timedelta

import pytest
from django.core.cache.backends import locmem
from django.utils import timezone

from blog.models import Article
from clinic import page_cache
from tests.caches import cached_keys
from tests.factories import (
    ArticleFactory,
    ComparisonFactory,
    FAQFactory,
    PageFactory,
    PractitionerFactory,
    TreatmentFactory,
)
from tests.query_counts import VERSIONS_READ

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


def shown(visitor, address):
    response = visitor.get(address)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("address", ["/", "/treatments/", "/blog/", "/practitioners/", "/treatments/compare/"])
def test_a_second_anonymous_view_is_the_kept_page(reader, address, django_assert_num_queries):
    TreatmentFactory(is_featured=True)
    ArticleFactory()
    first = shown(reader, address)

    with django_assert_num_queries(VERSIONS_READ):
        assert shown(reader, address) == first


def test_the_home_page_shows_a_renamed_featured_treatment_and_a_new_article(reader):
    treatment = TreatmentFactory(name="Skin booster", is_featured=True)
    shown(reader, "/")

    treatment.name = "Skin booster with hyaluronic acid"
    treatment.save()
    ArticleFactory(title="Sun care after a peel")

    page = shown(reader, "/")
    assert "Skin booster with hyaluronic acid" in page
    assert "Sun care after a peel" in page


def test_a_treatment_page_shows_a_new_question_a_new_practitioner_and_a_new_verdict(reader):
    treatment = TreatmentFactory(name="Skin booster", slug="skin-booster")
    other = TreatmentFactory(name="Microneedling", slug="microneedling")
    comparison = ComparisonFactory(treatment_a=other, treatment_b=treatment)
    practitioner = PractitionerFactory(name="Dr Isla Fraser")
    address, pair = treatment.get_absolute_url(), comparison.get_absolute_url()
    shown(reader, address)
    shown(reader, pair)

    FAQFactory(treatment=treatment, question="Can I wear make-up afterwards?")
    assert "Can I wear make-up afterwards?" in shown(reader, address)

    treatment.practitioners.add(practitioner)
    assert "Dr Isla Fraser" in shown(reader, address)

    comparison.verdict = "<p>Microneedling suits scarring better.</p>"
    comparison.save()
    assert "Microneedling suits scarring better." in shown(reader, pair)


def test_a_treatment_unpublished_in_bulk_leaves_every_list_at_once(reader):
    treatment = TreatmentFactory(name="Skin booster", is_featured=True)
    assert "Skin booster" in shown(reader, "/treatments/")
    assert "Skin booster" in shown(reader, "/")

    type(treatment).objects.filter(pk=treatment.pk).update(is_published=False)

    assert "Skin booster" not in shown(reader, "/treatments/")
    assert "Skin booster" not in shown(reader, "/")
    assert reader.get(treatment.get_absolute_url()).status_code == 404


def test_an_edited_page_and_practitioner_show_at_once(reader):
    page = PageFactory(title="Prices", slug="prices", body="<p>Consultations are free.</p>")
    practitioner = PractitionerFactory(name="Dr Isla Fraser")
    shown(reader, page.get_absolute_url())
    shown(reader, practitioner.get_absolute_url())

    page.body = "<p>Consultations cost £50.</p>"
    page.save()
    practitioner.role = "Lead aesthetic doctor"
    practitioner.save()

    assert "Consultations cost £50." in shown(reader, page.get_absolute_url())
    assert "Lead aesthetic doctor" in shown(reader, practitioner.get_absolute_url())


def test_each_page_of_a_list_is_kept_apart_and_other_parameters_never(reader):
    for number in range(12):
        ArticleFactory(title=f"Skin note {number}", published_at=timezone.now() - timedelta(days=number + 1))

    first, second = shown(reader, "/blog/"), shown(reader, "/blog/?page=2")
    assert "Skin note 0" in first
    assert "Skin note 0" not in second
    assert "Skin note 11" in second
    shown(reader, "/blog/?utm_source=newsletter")

    assert len(cached_keys("page")) == 2


def test_a_scheduled_article_going_live_shows_once_the_kept_page_expires(reader, monkeypatch):
    article = ArticleFactory(title="Winter skin", published_at=timezone.now() + timedelta(minutes=5))
    assert "Winter skin" not in shown(reader, "/blog/")
    # The clock passes its publication time: no row changes, so no version is bumped.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert "Winter skin" not in shown(reader, "/blog/")

    later = locmem.time.time() + page_cache.KEPT_SECONDS + 1
    monkeypatch.setattr(locmem.time, "time", lambda: later)

    assert "Winter skin" in shown(reader, "/blog/")


def test_the_sitemap_index_is_kept_with_its_own_headers(reader):
    first = reader.get("/sitemap.xml")
    kept = reader.get("/sitemap.xml")

    assert kept.content == first.content
    assert kept["Content-Type"] == first["Content-Type"] == "application/xml"
    assert "noindex" in kept["X-Robots-Tag"]


@pytest.mark.parametrize("address", ["/sitemap-articles.xml", "/blog/feed/rss/", "/blog/feed/atom/"])
def test_sitemaps_and_feeds_are_kept_and_show_a_new_article_at_once(reader, address):
    ArticleFactory(title="Sun care after a peel", slug="sun-care-after-a-peel")
    first = shown(reader, address)
    assert shown(reader, address) == first
    assert len(cached_keys("page")) == 1

    ArticleFactory(title="Winter skin", slug="winter-skin")

    assert "winter-skin" in shown(reader, address)
