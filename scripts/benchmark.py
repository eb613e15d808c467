"""Throughput, latency and page weight of the main pages, served as in production.

    make bench                      # or: python scripts/benchmark.py --seconds 5 --concurrency 8

Creates a fresh PostgreSQL database (``<name>_bench`` beside DATABASE_URL's), migrates it,
loads the demo content plus a realistic volume (``--articles``), starts gunicorn on
127.0.0.1 with DEBUG off and collected static files, then loads each page from this
process for a bounded time. Prints requests per second, p50/p99 latency and bytes per
page; also writes bench-results/latest.json. Nothing leaves 127.0.0.1.
"""

import argparse
import gzip
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench_database import fresh_database_url

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# One line per page: a label and its path (demo content keeps these addresses stable).
PAGES = [
    ("home", "/"),
    ("flat page", "/about/"),
    ("practitioners", "/practitioners/"),
    ("practitioner", "/practitioners/dr-isla-morrison/"),
    ("article list", "/blog/"),
    ("article", "/blog/exosomes-or-prp-which-supports-the-skin-matrix/"),
    ("treatment list", "/treatments/"),
    ("treatment", "/treatments/prp-skin-rejuvenation/"),
    ("comparison", "/treatments/compare/exosome-therapy-vs-prp-skin-rejuvenation/"),
    ("search", "/search/?q=collagen"),
    ("sitemap", "/sitemap.xml"),
]

# Extra articles (sharing the demo's tags and categories) so lists, search and the
# sitemap work over a realistic volume.
SEED_VOLUME = """
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from blog.models import Article, Category, Tag
from clinic.models import Practitioner
volume = {volume}
author = Practitioner.objects.first()
categories, tags = list(Category.objects.all()), list(Tag.objects.all())
paragraph = "<p>Collagen and elastin give skin its structure; fibroblasts renew them. " * 8 + "</p>"
with transaction.atomic():
    for number in range(volume):
        article, _ = Article.objects.update_or_create(
            slug=f"bench-article-{{number}}",
            defaults={{
                "title": f"Skin notes {{number}}", "excerpt": "Notes on skin structure.",
                "body": "<h2>Structure</h2>" + paragraph + "<h2>Renewal</h2>" + paragraph,
                "author": author, "status": "published",
                "published_at": timezone.now() - timedelta(days=400 + number),
            }},
        )
        article.categories.set(categories[:2])
        article.tags.set(tags[:3])
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )  # fmt: skip


def wait_until_up(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not come up within 30 seconds")


def load(port, path, seconds, concurrency):
    """Request ``path`` from ``concurrency`` keep-alive connections for ``seconds``."""
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "identity"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1) if latencies else None,
    }


def page_weight(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    body = connection.getresponse().read()
    return len(body), len(gzip.compress(body))


def asset_weight():
    """Bytes of the site's own CSS and JS as collected (CKEditor's admin-only files excluded)."""
    static_root = ROOT / "staticfiles"
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    totals = {"css": [0, 0], "js": [0, 0]}
    for source, hashed in manifest.items():
        kind = source.rsplit(".", 1)[-1]
        if kind in totals and source.startswith(("css/", "js/")):
            data = (static_root / hashed).read_bytes()
            totals[kind][0] += len(data)
            totals[kind][1] += len(gzip.compress(data))
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--seconds", type=float, default=5, help="load time per page (default 5)")
    parser.add_argument("--concurrency", type=int, default=8, help="parallel connections (default 8)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--volume", type=int, default=300, help="extra items of each kind to seed (default 300)")
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": fresh_database_url("bench"),
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "HTTPS_ONLY": "false",
        "SERVE_MEDIA": "true",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "MEDIA_ROOT": str(ROOT / "bench-results" / "media"),
    }
    print("Preparing database and static files…", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_content")
    manage(env, "shell", "-c", SEED_VOLUME.format(volume=args.volume))

    port = free_port()
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "clinic.wsgi", "--config", "clinic/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    results = {}
    try:
        wait_until_up(port)
        for label, path in PAGES:
            page_weight(port, path)  # warm renditions and caches
            html_bytes, html_gzip = page_weight(port, path)
            results[label] = {"path": path, "html_bytes": html_bytes, "html_gzip_bytes": html_gzip}
            results[label].update(load(port, path, args.seconds, args.concurrency))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"\n{args.workers} gunicorn workers, {args.concurrency} connections, {args.seconds:g}s per page\n")
    print(f"{'page':<22}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'HTML B':>9}{'gzip B':>9}")
    for label, row in results.items():
        print(
            f"{label:<22}{row['rps']:>8}{row['p50_ms']:>9}{row['p99_ms']:>9}{row['errors']:>8}"
            f"{row['html_bytes']:>9}{row['html_gzip_bytes']:>9}"
        )
    assets = asset_weight()
    print(f"\nCSS {assets['css'][0]} B ({assets['css'][1]} B gzip), JS {assets['js'][0]} B ({assets['js'][1]} B gzip)")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps({"pages": results, "assets": assets}, indent=2))


if __name__ == "__main__":
    main()
