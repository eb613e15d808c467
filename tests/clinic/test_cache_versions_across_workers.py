"""A change shows on every gunicorn worker at once, whoever made it (clinic/cache_versions.py).

Starts the real site under gunicorn (3 workers, production settings, the test database) on
127.0.0.1, lets every worker keep the article page, then changes the article and its comments
from this process, as the admin on another worker or a management command would, and reads
the page from all workers again.
"""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.factories import ArticleFactory, CommentFactory
from tests.servers.gunicorn import gunicorn
from tests.servers.redis import redis_server

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 3
# Enough concurrent reads that every worker answers some.
READS = 12


def headings(server, path):
    """The page's heading as each of READS concurrent readers was shown it."""

    def read(_):
        status, page = server.request("GET", path)
        assert status == 200
        return re.search(r"<h1>([^<]*)</h1>", page).group(1), page.count('<article id="comment-')

    with ThreadPoolExecutor(max_workers=READS) as pool:
        return set(pool.map(read, range(READS)))


@pytest.fixture(params=["database", "redis"])
def store_environment(request, settings):
    """The store in gunicorn's environment, and the same one for this process's writes."""
    if request.param == "database":
        settings.CACHE_VERSION_STORE = "database"
        yield {"REDIS_URL": ""}
    else:
        with redis_server() as url:
            settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
            settings.CACHE_VERSION_STORE = "cache"
            yield {"REDIS_URL": url}


def test_an_edit_made_anywhere_shows_on_every_worker(clinic_profile, store_environment):
    article = ArticleFactory(title="Caring for skin after a peel")
    CommentFactory(article=article)
    with gunicorn(workers=WORKERS, **store_environment) as server:
        assert headings(server, article.get_absolute_url()) == {("Caring for skin after a peel", 1)}

        article.title = "Caring for skin after a chemical peel"
        article.save()
        CommentFactory(article=article)

        assert headings(server, article.get_absolute_url()) == {("Caring for skin after a chemical peel", 2)}
