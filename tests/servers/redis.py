"""A throwaway redis-server for tests: 127.0.0.1, a free port, nothing kept on disk."""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest

from tests.servers.processes import free_port


@contextmanager
def redis_server():
    """Yield the URL of a fresh redis-server, stopped on exit; skips the test without redis-server."""
    executable = shutil.which("redis-server")
    if executable is None:
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
