"""Reliability under load with a database restart: 5xx answers, lost writes, recovery time.

    python scripts/reliability.py                      # 64 clients, 60 s, restart at 30 s
    python scripts/reliability.py --no-restart --seconds 10 --clients 8   # a quick dry run

Creates a fresh PostgreSQL database (``<name>_reliability`` beside DATABASE_URL's), loads
the demo content and starts gunicorn on 127.0.0.1 as in production. Each client, in a loop,
opens an article or the consultation form and sends a comment or an enquiry carrying a
unique marker. Midway the PostgreSQL server itself is restarted (``--restart-command``,
by default ``pg_ctlcluster 15 main restart``: it needs root and disturbs every other user
of that server). At the end every marker the site confirmed (answered with its redirect)
is looked up in the database: a confirmed marker that is missing is a lost write.

Reports: requests by status, 5xx inside and outside the restart window (from the restart
command until /healthz answers 200 again), 500s (should be none: an outage is a 503),
lost writes, posts answered 503 that showed the patient's text back, and recovery time.
Not a timed test: run it by hand, before a release or after changing database settings.
"""

import argparse
import http.client
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from bench_database import fresh_database_url

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ARTICLE = "/blog/exosomes-or-prp-which-supports-the-skin-matrix/"
ENQUIRY = "/consultation/"
FIELD = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"')

FIND_MARKERS = """
import json
from django.apps import apps
found = []
for model in apps.get_models():
    if model.__name__ == "Comment":
        found += list(model.objects.filter(body__startswith="rel-").values_list("body", flat=True))
    if model.__name__ == "Enquiry":
        found += list(model.objects.filter(message__startswith="rel-").values_list("message", flat=True))
print(json.dumps(found))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, stdout=subprocess.PIPE
    ).stdout


def request(port, method, path, body=None, cookies=None, timeout=30):
    """(status, body text, cookies set) for one request on a fresh connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Host": f"127.0.0.1:{port}"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"http://127.0.0.1:{port}"
        headers["Referer"] = f"http://127.0.0.1:{port}{path}"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        set_cookies = {}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                set_cookies[name] = rest.split(";", 1)[0]
        return response.status, text, set_cookies
    finally:
        connection.close()


class Run:
    def __init__(self):
        self.lock = threading.Lock()
        self.events = []  # (time, kind, status) with status 0 for a connection error
        self.confirmed = set()
        self.shown_back = 0
        self.refused_503 = 0

    def record(self, kind, status):
        with self.lock:
            self.events.append((time.monotonic(), kind, status))


def client(number, port, stop, run):
    cookies = {}
    sent = 0
    while not stop.is_set():
        sent += 1
        is_comment = sent % 2 == 0
        path = ARTICLE if is_comment else ENQUIRY
        marker = f"rel-{number}-{sent}-{time.time_ns()}"
        try:
            status, html, new_cookies = request(port, "GET", path, cookies=cookies)
            cookies.update(new_cookies)
            run.record("GET", status)
            fields = dict(FIELD.findall(html))
            if status != 200 or len(fields) < 2:
                time.sleep(0.2)
                continue
            email = f"r{number}-{sent}@example.com"
            if is_comment:
                data = {"author_name": f"Reader {number}", "author_email": email, "body": marker}
            else:
                data = {"name": f"Patient {number}", "email": email, "phone": "", "preferred_contact": "email"}
                data.update(treatment="", message=marker)
            data.update(fields, consent="on", leave_blank="")
            status, html, new_cookies = request(port, "POST", path, body=urlencode(data), cookies=cookies)
            cookies.update(new_cookies)
            run.record("POST", status)
            with run.lock:
                if status in (302, 303):
                    run.confirmed.add(marker)
                elif status == 503:
                    run.refused_503 += 1
                    run.shown_back += marker in html
        except (OSError, http.client.HTTPException):
            run.record("ERR", 0)
            time.sleep(0.2)


def restart_database(command, port, stop):
    """Run the restart; returns (started, command finished, /healthz back to 200) monotonic times."""
    started = time.monotonic()
    subprocess.run(shlex.split(command), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finished = time.monotonic()
    while not stop.is_set():
        try:
            if request(port, "GET", "/healthz", timeout=2)[0] == 200:
                return started, finished, time.monotonic()
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.05)
    return started, finished, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--restart-at", type=float, default=30, help="seconds into the run (default 30)")
    parser.add_argument("--restart-command", default="pg_ctlcluster 15 main restart")
    parser.add_argument("--no-restart", action="store_true", help="load only, no database restart")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (default 5)")
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": fresh_database_url("reliability"),
        "DEBUG": "false",
        "SECRET_KEY": "reliability-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS_ONLY": "false",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_ACCESS_LOG": "/dev/null",
        # Every client shares 127.0.0.1: the spam limits would otherwise refuse the load itself.
        "SPAM_MIN_FILL_SECONDS": "0",
        "SPAM_RATE_LIMIT": "100000000",
        "COMMENTS_CLOSE_AFTER_DAYS": "0",
        "CLINIC_NOTIFY_EMAILS": "",
        "EMAIL_HOST": "",
    }
    print("Preparing database and static files…", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_content")

    port = free_port()
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "clinic.wsgi", "--config", "clinic/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    run, stop = Run(), threading.Event()
    window = None
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if request(port, "GET", "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not come up within 30 seconds")
            time.sleep(0.2)
        start = time.monotonic()
        threads = [threading.Thread(target=client, args=(n, port, stop, run)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        if not args.no_restart:
            time.sleep(args.restart_at)
            print(f"Restarting the database: {args.restart_command}", flush=True)
            window = restart_database(args.restart_command, port, stop)
        time.sleep(max(0.0, start + args.seconds - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)

    stored = set(json.loads(manage(env, "shell", "--verbosity", "0", "-c", FIND_MARKERS).strip().splitlines()[-1]))
    lost = run.confirmed - stored
    statuses = Counter(status for _t, _kind, status in run.events)
    failures = [(t, status) for t, _kind, status in run.events if status >= 500 or status == 0]
    if window and window[2]:
        inside = [f for f in failures if window[0] <= f[0] <= window[2]]
        outside = [f for f in failures if not window[0] <= f[0] <= window[2]]
        last_failure = max((t for t, _s in inside), default=window[1])
        recovery = {
            "restart_command_s": round(window[1] - window[0], 2),
            "healthz_back_after_restart_s": round(window[2] - window[1], 2),
            "last_failure_after_restart_s": round(last_failure - window[1], 2),
        }
    else:
        inside, outside, recovery = [], failures, {}
    report = {
        "clients": args.clients,
        "seconds": args.seconds,
        "requests": len(run.events),
        "by_status": dict(sorted((str(status or "connection error"), n) for status, n in statuses.items())),
        "5xx_or_error_in_restart_window": len(inside),
        "5xx_or_error_outside_restart_window": len(outside),
        "plain_500s": statuses.get(500, 0),
        "writes_confirmed": len(run.confirmed),
        "writes_lost": len(lost),
        "posts_answered_503": run.refused_503,
        "posts_503_showing_text_back": run.shown_back,
        **recovery,
    }
    print(json.dumps(report, indent=2))
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "reliability.json").write_text(json.dumps(report, indent=2))
    return 1 if lost or outside or statuses.get(500) else 0


if __name__ == "__main__":
    sys.exit(main())
