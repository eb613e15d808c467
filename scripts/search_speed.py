"""Site search speed with few and with many articles.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinic python scripts/search_speed.py

Creates a fresh PostgreSQL database (``<name>_search_speed`` beside DATABASE_URL's),
migrates it, loads the demo content, then adds generated articles with ``bulk_create``
(as the WordPress importer does, so the trigger fills their search documents) up to each
size in ``--sizes``. At each size it requests /search/ for each query through Django's
test client and prints the median milliseconds per request and the queries each made.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

from bench_database import fresh_database_url

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["prp", "bruising aftercare", "exosome"]
_TEXT = """
skin face cheek collagen elastin texture tone pores redness dryness oil barrier cream serum
light sun protection daily routine session course clinic doctor nurse patient consultation result week
month year gentle gradual change fine lines wrinkles volume plump hydration water moisture season
winter summer sleep diet stress hormone age youth repair renewal cells growth healing calm
soothe needle numbing comfortable appointment booking price review evidence study research trial small large
early late
"""
WORDS = _TEXT.split()
# What share of articles are about each topic; an article's topic words recur through it.
TOPICS = {"PRP": 0.15, "platelet-rich plasma": 0.05, "exosome": 0.08, "bruising": 0.2, "aftercare": 0.25}


def sentence(rng, topics=()):
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    for topic in topics:
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), topic)
    return " ".join(words).capitalize() + "."


def article_fields(rng, number):
    topics = [topic for topic, share in TOPICS.items() if rng.random() < share]
    sections = []
    for _ in range(5):
        paragraphs = "".join(
            f"<p>{' '.join(sentence(rng, topics) for _ in range(rng.randint(3, 6)))}</p>" for _ in range(3)
        )
        sections.append(f"<h2>{sentence(rng).rstrip('.')}</h2>{paragraphs}")
    return {
        "title": f"{sentence(rng, topics[:1]).rstrip('.')[:150]} {number}",
        "slug": f"generated-{number}",
        "excerpt": sentence(rng, topics)[:300],
        "body": "".join(sections),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    names = {size: fresh_database_url(f"search_speed_{size}") for size in args.sizes}
    os.environ["DATABASE_URL"] = names[args.sizes[0]]
    for name, value in {
        "DJANGO_SETTINGS_MODULE": "clinic.settings", "SECRET_KEY": "search-speed-only", "ALLOWED_HOSTS": "*",
        "DEBUG": "false", "HTTPS_ONLY": "false", "SITE_URL": "http://127.0.0.1", "REDIS_URL": "", "EMAIL_HOST": "",
    }.items():  # fmt: skip
        os.environ.setdefault(name, value)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # Hashed static names need collectstatic; the pages are measured, not their assets.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from blog.models import Article

    def use(size):
        connection.close()
        connection.settings_dict["NAME"] = names[size].rsplit("/", 1)[1]

    rng = random.Random(7)
    now = timezone.now()
    for size in args.sizes:
        use(size)
        call_command("migrate", verbosity=0)
        call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        batch = [
            Article(
                **article_fields(rng, number),
                status="published",
                published_at=now - timedelta(hours=number + 1),
                content_updated_at=now - timedelta(hours=number + 1),
            )
            for number in range(max(size - Article.objects.count(), 0))
        ]
        Article.objects.bulk_create(batch, batch_size=500)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    # The sizes take turns, so a busy machine slows each alike.
    client = Client()
    timings = {(size, query): [] for size in args.sizes for query in QUERIES}
    seen = {}
    for _ in range(args.repeat):
        for size in args.sizes:
            use(size)
            for query in QUERIES:
                client.get("/search/", {"q": query})  # warm the connection and caches
                start = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get("/search/", {"q": query})
                timings[size, query].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.status_code
                count = re.search(r'role="status">[^<]*?(\d+) results?', response.content.decode()).group(1)
                seen[size, query] = (len(queries), count, Article.objects.count())
    print(f"{'articles':>8}  {'query':<20} {'ms (median)':>11} {'queries':>7} {'results':>7}")
    for (size, query), values in timings.items():
        queries, count, articles = seen[size, query]
        print(f"{articles:>8}  {query:<20} {statistics.median(values):>11.1f} {queries:>7} {count:>7}")


if __name__ == "__main__":
    main()
