"""Versions of cached renderings in the database, when there is no Redis (clinic/cache_versions.py)."""

import pytest
from django.core.management.sql import emit_post_migrate_signal

from clinic import cache_versions
from clinic.models import CacheVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_store(settings):
    settings.CACHE_VERSION_STORE = "database"


@pytest.fixture
def in_a_request():
    cache_versions._start_request()
    yield
    cache_versions._end_request()


def test_a_name_never_bumped_is_at_the_same_version_everywhere():
    assert cache_versions.versions("articles", "comments") == (0, 0)
    assert not CacheVersion.objects.exists()


def test_a_bump_gives_a_newer_version_at_once():
    before = cache_versions.version("articles")

    cache_versions.bump("articles")

    assert cache_versions.version("articles") > before
    assert cache_versions.version("comments") == 0


def test_a_request_reads_every_version_in_one_query_and_sees_its_own_bumps(in_a_request, django_assert_num_queries):
    cache_versions.bump("articles")
    newest = CacheVersion.objects.filter(name="articles").latest("value").value

    with django_assert_num_queries(1):
        assert cache_versions.versions("articles", "comments") == (newest, 0)
        assert cache_versions.version("site-chrome") == 0
        assert cache_versions.version("articles") == newest

    cache_versions.bump("comments")
    with django_assert_num_queries(0):
        assert cache_versions.version("comments") > 0


def test_pruning_keeps_each_names_newest_row_and_every_recent_one():
    old = CacheVersion.objects.bulk_create(
        [CacheVersion(name="articles", value=1), CacheVersion(name="articles", value=2),
         CacheVersion(name="comments", value=3)]
    )  # fmt: skip
    cache_versions.bump("articles")

    cache_versions._prune()

    kept = set(CacheVersion.objects.values_list("name", "value"))
    assert ("comments", 3) in kept  # the newest of its name, however old
    assert not kept & {(row.name, row.value) for row in old[:2]}
    assert cache_versions.version("articles") > 2


def test_a_deploy_renews_what_a_shared_cache_kept_from_the_old_templates(settings):
    settings.CACHE_VERSION_STORE = "cache"
    before = cache_versions.every_version()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    after = cache_versions.every_version()
    assert len(after) >= 4  # articles, comments, treatments, the site's header and footer
    assert all(new > old for old, new in zip(before, after, strict=True))


def test_without_a_shared_cache_a_deploy_writes_nothing():
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert not CacheVersion.objects.exists()
