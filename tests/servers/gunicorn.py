"""Start the site under gunicorn, as in production, against the test database."""

import http.client
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from tests.servers.processes import free_port, stop


def database_url():
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_pids(master_pid):
    """The process ids of gunicorn's workers: children of the master, read from /proc."""
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name is in parentheses and may contain spaces; the parent id follows it.
            if int(stat.rsplit(")", 1)[1].split()[1]) == master_pid:
                pids.add(int(entry.name))
    return pids


class Server:
    def __init__(self, process, port):
        self.process = process
        self.port = port

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read().decode()
        finally:
            connection.close()

    def wait_until_up(self, workers, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited while starting")
            if len(worker_pids(self.process.pid)) == workers:
                try:
                    if self.request("GET", "/healthz")[0] == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout} seconds")

    def recycle_workers(self, workers, timeout=90):
        """Replace every worker with a fresh process (gunicorn's HUP) and wait for the new ones."""
        old = worker_pids(self.process.pid)
        self.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            current = worker_pids(self.process.pid)
            if len(current) == workers and not current & old:
                self.wait_until_up(workers)
                return
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not replace its workers")


@contextmanager
def gunicorn(workers=3, **environment):
    """A gunicorn with ``workers`` workers on 127.0.0.1 and a free port, stopped on exit."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.servers.settings",
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "HTTPS_ONLY": "false",
        "REDIS_URL": "",
        "EMAIL_HOST": "",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": "2",
        **environment,
    }
    command = [sys.executable, "-m", "gunicorn", "clinic.wsgi", "--config", "clinic/gunicorn.conf.py"]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(process, port)
    try:
        server.wait_until_up(workers)
        yield server
    finally:
        stop(process, timeout=30)
