"""Throughput, latency, CPU, queries and page weight of the main pages, at two volumes.

    make bench                       # 100 then 10,000 articles, about 10-15 minutes
    make bench ARGS="--quick"        # a smoke run: 100 and 1,000 articles, 1 s per page

Creates a fresh PostgreSQL database (``<name>_bench`` beside DATABASE_URL's), migrates it,
loads the demo content and, for each size, inserts articles and comments in bulk
(scripts/bench_seed.py). Then starts gunicorn (DEBUG off, collected static files) and the
shipped nginx configuration in front of it (deploy/nginx/, plain http), all on 127.0.0.1,
and loads every page with wrk: straight to gunicorn, through nginx's micro-cache, and, as
the baseline, a copy of the article page saved as a static file that nginx serves. Prints a
table per size and writes bench-results/latest.json. Needs wrk and nginx (Debian packages).
"""

import argparse
import contextlib
import gzip
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench_database import fresh_database_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers.nginx import free_port, nginx  # noqa: E402

PYTHON = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
TICKS = os.sysconf("SC_CLK_TCK")
# What a browser asks for; the app and nginx answer with Brotli or gzip.
BROWSER_ENCODING = "br, gzip"
STATIC_COPY = "bench/article.html"


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )  # fmt: skip
    return result.stdout


def run_script(env, script, **variables):
    """Run scripts/<script> inside Django (manage.py shell) and return what it printed."""
    code = f"import runpy; runpy.run_path({str(ROOT / 'scripts' / script)!r}, run_name='__main__')"
    return manage({**env, **variables}, "shell", "-c", code, capture=True)


def request(port, path, encoding=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def wait_until_up(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if request(port, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not come up within {timeout} seconds")


def cpu_seconds(master):
    """CPU time of gunicorn so far: the master, its live workers, and the workers it has reaped."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(entry.name), int(fields[1])
        if pid == master:
            # utime, stime, and the same for children already waited for (recycled workers).
            total += sum(int(value) for value in fields[11:15])
        elif parent == master:
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)


def wrk(port, path, seconds, connections):
    """Load ``path`` with wrk; requests, req/s, p50 and p99 latency (ms) and non-2xx/3xx count."""
    threads = min(connections, os.cpu_count() or 2)
    output = subprocess.run(
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
         "-H", f"Accept-Encoding: {BROWSER_ENCODING}", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, timeout=seconds + 60, check=True,
    ).stdout  # fmt: skip
    latency = dict(re.findall(r"^\s+(50|99)(?:\.000)?%\s+(\S+)[ \t]*$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    failures = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": round(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), 1),
        "p50_ms": to_ms(latency["50"]) if "50" in latency else None,
        "p99_ms": to_ms(latency["99"]) if "99" in latency else None,
        "errors": (int(errors.group(1)) if errors else 0) + (sum(map(int, failures.groups())) if failures else 0),
    }


def drain(app_port, timeout=60):
    """Wait until gunicorn has worked off requests wrk left queued, so they don't slow the next run."""
    deadline, quick = time.monotonic() + timeout, 0
    while quick < 2 and time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            request(app_port, "/healthz")
        quick = quick + 1 if time.monotonic() - started < 0.1 else 0


def measured(port, path, seconds, connections, master, app_port):
    before = cpu_seconds(master)
    result = wrk(port, path, seconds, connections)
    used = cpu_seconds(master) - before
    drain(app_port)
    result["cpu_ms_per_request"] = round(used * 1000 / result["requests"], 2) if result["requests"] else None
    return result


def weights(port, path):
    """Bytes of the page as sent: uncompressed, gzip and Brotli (as the app compresses them)."""
    sizes = {"status": None}
    for name, encoding in (("html_bytes", None), ("gzip_bytes", "gzip"), ("br_bytes", "br")):
        try:
            sizes["status"], _, body = request(port, path, encoding)
            sizes[name] = len(body)
        except OSError:  # a page slower than the timeout is reported, not the end of the run
            sizes[name] = None
    return sizes


def start_gunicorn(env, workers):
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "clinic.wsgi", "--config", "clinic/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_until_up(port)
    return process, port


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def bench_size(env, size, args, static_root, media_root):
    print(f"\nSeeding {size:,} articles…", flush=True)
    started = time.monotonic()
    print("  " + run_script(env, "bench_seed.py", BENCH_ARTICLES=str(size)).strip().splitlines()[-1])
    print(f"  seeded in {time.monotonic() - started:.0f} s; counting queries…", flush=True)
    probe = run_script(env, "bench_probe.py")
    pages = json.loads(probe.split("BENCH-PAGES ", 1)[1])

    gunicorn, app_port = start_gunicorn(env, args.workers)
    try:
        with nginx(app_port, static_root, media_root) as proxy:
            article = next(page for page in pages if page["label"].startswith("article (50"))
            # The baseline: the article page as nginx would send a file, pre-compressed as collectstatic leaves them.
            html = request(app_port, article["path"])[2]
            copy = static_root / STATIC_COPY
            copy.parent.mkdir(exist_ok=True)
            copy.write_bytes(html)
            copy.with_name(copy.name + ".gz").write_bytes(gzip.compress(html, 9))
            baseline = wrk(proxy.port, f"/static/{STATIC_COPY}", args.seconds, args.connections)
            print(f"  nginx static file: {baseline['rps']:,.0f} req/s", flush=True)
            for page in pages:
                print(f"  {page['label']}", flush=True)
                page.update(weights(app_port, page["path"]))
                page["app"] = measured(app_port, page["path"], args.seconds, args.connections, gunicorn.pid, app_port)
                page["cache_status"] = None
                with contextlib.suppress(OSError):
                    request(proxy.port, page["path"], BROWSER_ENCODING)  # fill the cache
                    page["cache_status"] = request(proxy.port, page["path"], BROWSER_ENCODING)[1].get("X-Cache-Status")
                page["nginx"] = measured(
                    proxy.port, page["path"], args.seconds, args.connections, gunicorn.pid, app_port
                )
                for mode in ("app", "nginx"):
                    share = page[mode]["rps"] / baseline["rps"] if baseline["rps"] else None
                    page[mode]["of_static"] = share and round(share, 4)
    finally:
        stop(gunicorn)
    return {"articles": size, "static_file": baseline, "pages": pages}


def cell(value, spec):
    """``value`` formatted to ``spec``, or a dash right-aligned to the same width when missing."""
    if value is None:
        return "-".rjust(int(re.match(r"\D*(\d+)", spec).group(1)))
    return format(value, spec)


def print_table(result, args):
    print(
        f"\n{result['articles']:,} articles · {args.workers} gunicorn workers · {args.connections} connections · "
        f"{args.seconds:g} s per run · nginx static file {result['static_file']['rps']:,.0f} req/s"
    )
    header = (
        f"{'page':<24}{'q':>4}{'HTML B':>8}{'gzip':>7}{'br':>7}"
        f" | {'app r/s':>8}{'p50':>8}{'p99':>8}{'CPU ms':>7}{'%stat':>7}"
        f" | {'cache':>6}{'r/s':>8}{'p50':>7}{'p99':>7}{'%stat':>7}"
    )
    print(header + "\n" + "-" * len(header))
    for page in result["pages"]:
        app, cached = page["app"], page["nginx"]
        trouble = page["status"] != 200 or app["errors"] or cached["errors"]
        print(
            f"{page['label'][:23]:<24}{page['queries']:>4}{cell(page['html_bytes'], '>8')}"
            f"{cell(page['gzip_bytes'], '>7')}{cell(page['br_bytes'], '>7')}"
            f" | {cell(app['rps'], '>8.1f')}{cell(app['p50_ms'], '>8.1f')}{cell(app['p99_ms'], '>8.1f')}"
            f"{cell(app['cpu_ms_per_request'], '>7.1f')}{cell(app['of_static'], '>7.1%')}"
            f" | {(page['cache_status'] or '-'):>6}{cell(cached['rps'], '>8.0f')}{cell(cached['p50_ms'], '>7.1f')}"
            f"{cell(cached['p99_ms'], '>7.1f')}{cell(cached['of_static'], '>7.1%')}"
            + (f"  status {page['status']}, errors {app['errors']}/{cached['errors']}" if trouble else "")
        )
    print(
        "q: database queries; bytes as the app sends them; app: straight to gunicorn (CPU ms: gunicorn's CPU time "
        "per request); cache: through nginx (X-Cache-Status once warm); %stat: req/s against nginx sending the "
        "article as a static file."
    )


def print_scale(results):
    small, large = results[0], results[-1]
    print(f"\nScale: {large['articles']:,} against {small['articles']:,} articles (straight to gunicorn)")
    print(f"{'page':<24}{'queries':>10}{'p50 ×':>8}{'CPU ×':>8}")
    for before, after in zip(small["pages"], large["pages"], strict=True):
        p50_before, p50_after = before["app"]["p50_ms"], after["app"]["p50_ms"]
        p50 = p50_after / p50_before if p50_before and p50_after else 0
        cpu_before, cpu_after = before["app"]["cpu_ms_per_request"], after["app"]["cpu_ms_per_request"]
        cpu = cpu_after / cpu_before if cpu_before and cpu_after else 0
        queries = f"{before['queries']}→{after['queries']}"
        print(f"{before['label'][:23]:<24}{queries:>10}{p50:>8.2f}{cpu:>8.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--seconds", type=float, default=4, help="wrk run per page and mode (default 4)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--sizes", default="100,10000", help="article counts, comma-separated (default 100,10000)")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn workers")
    parser.add_argument("--quick", action="store_true", help="smoke run: 100 and 1,000 articles, 1 s per run")
    parser.add_argument("--show", action="store_true", help="print the tables of bench-results/latest.json again")
    args = parser.parse_args()
    out = ROOT / "bench-results"
    if args.show:
        saved = json.loads((out / "latest.json").read_text())
        shown = argparse.Namespace(**{key: saved.get(key, "?") for key in ("seconds", "connections", "workers")})
        for result in saved["sizes"]:
            print_table(result, shown)
        if len(saved["sizes"]) > 1:
            print_scale(saved["sizes"])
        return
    if args.quick:
        args.seconds, args.sizes = 1, "100,1000"
    args.seconds = max(1, round(args.seconds))
    sizes = sorted(int(size) for size in args.sizes.split(","))
    for tool in (WRK, "/usr/sbin/nginx"):
        if not Path(tool).exists():
            raise SystemExit(f"{tool} is missing: apt-get install wrk nginx")

    static_root, media_root = out / "static", out / "media"
    env = {
        **os.environ,
        "DATABASE_URL": fresh_database_url("bench"),
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": os.environ.get("SITE_URL") or "http://127.0.0.1",
        "HTTPS_ONLY": "false",
        "SERVE_MEDIA": "true",
        "REDIS_URL": "",
        "EMAIL_HOST": "",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
    }
    started = time.monotonic()
    print("Preparing database and static files…", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--clear")
    manage(env, "load_demo_content")
    results = []
    for size in sizes:
        results.append(bench_size(env, size, args, static_root, media_root))
        print_table(results[-1], args)
    if len(results) > 1:
        print_scale(results)
    print(f"\nDone in {time.monotonic() - started:.0f} s.")
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(
        json.dumps(
            {"seconds": args.seconds, "connections": args.connections, "workers": args.workers, "sizes": results},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
