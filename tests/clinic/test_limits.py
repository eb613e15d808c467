"""The counters every worker shares (clinic/limits/counters.py), in the database and in Redis."""

import pytest
import time_machine
from django.core.cache import cache

from clinic.limits.counters import count_hit, prune_expired, use_once
from clinic.limits.models import Counter
from tests.servers.redis import redis_server

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def redis_url():
    with redis_server() as url:
        yield url


@pytest.fixture(params=["database", "redis"])
def store(request, settings):
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": request.getfixturevalue("redis_url"),
            }
        }
        settings.RATE_LIMIT_STORE = "cache"
        cache.clear()
    else:
        settings.RATE_LIMIT_STORE = "database"
    yield request.param
    cache.clear()


def test_hits_are_counted_per_scope_and_subject(store):
    assert [count_hit("form:a", "client-1", window_seconds=3600) for _ in range(3)] == [1, 2, 3]
    assert count_hit("form:a", "client-2", window_seconds=3600) == 1
    assert count_hit("form:b", "client-1", window_seconds=3600) == 1


def test_a_new_window_starts_from_one(store):
    with time_machine.travel(1_700_000_000, tick=False) as clock:
        count_hit("form:a", "client-1", window_seconds=60)
        assert count_hit("form:a", "client-1", window_seconds=60) == 2
        clock.shift(60)
        assert count_hit("form:a", "client-1", window_seconds=60) == 1


def test_a_subject_is_usable_once(store):
    assert use_once("form-token", "abc", ttl_seconds=60) is True
    assert use_once("form-token", "abc", ttl_seconds=60) is False
    assert use_once("form-token", "abd", ttl_seconds=60) is True


def test_the_database_store_keeps_one_row_per_window_and_no_address(settings):
    settings.RATE_LIMIT_STORE = "database"
    for _ in range(4):
        count_hit("form:enquiry", "f" * 40, window_seconds=3600)
    row = Counter.objects.get()
    assert (row.scope, row.subject, row.hits) == ("form:enquiry", "f" * 40, 4)


def test_expired_counters_are_pruned(settings):
    settings.RATE_LIMIT_STORE = "database"
    with time_machine.travel(1_700_000_000, tick=False):
        count_hit("form:a", "old", window_seconds=60)
    count_hit("form:a", "current", window_seconds=60)
    assert prune_expired() == 1
    assert list(Counter.objects.values_list("subject", flat=True)) == ["current"]
