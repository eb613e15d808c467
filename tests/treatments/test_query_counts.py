"""Each public treatments page runs the same number of queries however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleFactory,
    ComparisonFactory,
    FAQFactory,
    PractitionerFactory,
    TreatmentCategoryFactory,
    TreatmentFactory,
)
from tests.query_counts import VERSIONS_READ

pytestmark = pytest.mark.django_db

# The clinic profile, its opening hours and the footer pages are read once per change to
# them and then come from the cache (clinic/context_processors.py): each count below is
# taken on a second view, so the page's own queries are what is counted, after the one read
# of the cached renderings' versions. The second view carries a campaign tag, so the page is
# rendered again rather than served as kept (clinic/page_cache.py).
BASE = VERSIONS_READ


def warm(client, url):
    assert client.get(url).status_code == 200


def fresh(url):
    return url + "?utm_source=newsletter"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


def grow_treatment(treatment, size):
    FAQFactory.create_batch(size, treatment=treatment)
    treatment.practitioners.add(*PractitionerFactory.create_batch(size))
    for _ in range(size):
        ComparisonFactory(treatment_a=treatment)
    for article in ArticleFactory.create_batch(size):
        article.related_treatments.add(treatment)


def test_treatment_list_runs_constant_queries(client, django_assert_num_queries):
    for size in (2, 10):
        for category in TreatmentCategoryFactory.create_batch(size):
            TreatmentFactory.create_batch(2, category=category)
        warm(client, "/treatments/")
        with django_assert_num_queries(BASE + 1):
            client.get(fresh("/treatments/"))


def test_treatment_detail_runs_constant_queries(client, django_assert_num_queries):
    treatment = TreatmentFactory()
    grow_treatment(treatment, 2)
    # The treatment with category, its FAQs, practitioners, related articles and comparisons.
    warm(client, treatment.get_absolute_url())
    with django_assert_num_queries(BASE + 5):
        client.get(fresh(treatment.get_absolute_url()))
    grow_treatment(treatment, 8)
    warm(client, treatment.get_absolute_url())
    with django_assert_num_queries(BASE + 5):
        client.get(fresh(treatment.get_absolute_url()))


def test_comparison_page_runs_constant_queries(client, django_assert_num_queries):
    a, b = TreatmentFactory(slug="aaa"), TreatmentFactory(slug="bbb")
    ComparisonFactory(treatment_a=a, treatment_b=b)
    for size in (2, 10):
        grow_treatment(a, size)
        # Both treatments in one query, then the verdict.
        warm(client, "/treatments/compare/aaa-vs-bbb/")
        with django_assert_num_queries(BASE + 2):
            client.get(fresh("/treatments/compare/aaa-vs-bbb/"))


def test_comparison_index_runs_constant_queries(client, django_assert_num_queries):
    for size in (2, 10):
        for _ in range(size):
            ComparisonFactory()
        warm(client, "/treatments/compare/")
        with django_assert_num_queries(BASE + 2):
            client.get(fresh("/treatments/compare/"))
