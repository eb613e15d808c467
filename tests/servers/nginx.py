"""Run the shipped nginx configuration (deploy/nginx/) as the current user, on 127.0.0.1.

The production file's TLS and redirect servers are swapped for one plain-http listener; its
cache, maps, upstream and locations are used as shipped, with paths pointed at a temporary
prefix. Used by the nginx tests and by ``make bench``; imports nothing from Django.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from tests.servers.processes import free_port, stop

ROOT = Path(__file__).resolve().parent.parent.parent
CONF_DIR = ROOT / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# The site-specific values in the shipped files, replaced for a local run.
CACHE_PATH = "/var/cache/nginx/clinic"
UPSTREAM = "server 127.0.0.1:8000;"
STATIC_ROOT = "/srv/clinic/staticfiles/"
MEDIA_ROOT = "/srv/clinic/media/"
LOCATIONS_INCLUDE = "include snippets/clinic-locations.conf;"


def _replace(text, old, new):
    if old not in text:
        raise ValueError(f"{old!r} is no longer in deploy/nginx/: update tests/servers/nginx.py")
    return text.replace(old, new)


def without_servers(conf):
    """``conf`` without comments and without its top-level ``server { … }`` blocks."""
    conf = re.sub(r"#[^\n]*", "", conf)  # a brace in a comment must not count
    kept, depth, dropping, index = [], 0, False, 0
    for match in re.finditer(r"[{}]|^[ \t]*server\b[^{;]*(?=\{)", conf, re.MULTILINE):
        token = match.group()
        if depth == 0 and token.strip().startswith("server"):
            kept.append(conf[index : match.start()])
            dropping = True
            continue
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0 and dropping:
                dropping = False
                index = match.end()
    kept.append(conf[index:])
    return "".join(kept)


def local_config(prefix, port, upstream_port, static_root, media_root):
    """Write a complete nginx.conf into ``prefix`` serving the site on 127.0.0.1:``port``."""
    prefix = Path(prefix)
    for folder in ("cache", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    site = (CONF_DIR / "clinic.conf").read_text()
    site = _replace(site, CACHE_PATH, str(prefix / "cache"))
    site = _replace(site, UPSTREAM, f"server 127.0.0.1:{upstream_port};")
    locations = (CONF_DIR / "clinic-locations.conf").read_text()
    locations = _replace(locations, STATIC_ROOT, f"{Path(static_root)}/")
    locations = _replace(locations, MEDIA_ROOT, f"{Path(media_root)}/")
    _replace(site, LOCATIONS_INCLUDE, LOCATIONS_INCLUDE)  # the production server must still use it
    (prefix / "clinic-locations.conf").write_text(locations)
    # Run as root (CI), nginx would hand its workers to "nobody", who cannot read the prefix.
    user = "user root root;" if os.geteuid() == 0 else ""
    conf = f"""
{user}
worker_processes 2;
error_log {prefix}/error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
{without_servers(site)}
    server {{
        listen 127.0.0.1:{port};
        server_name _;
        include {prefix}/clinic-locations.conf;
    }}
}}
"""
    path = prefix / "nginx.conf"
    path.write_text(conf)
    return path


class Nginx:
    def __init__(self, process, port, prefix):
        self.process = process
        self.port = port
        self.prefix = Path(prefix)

    def request(self, method, path, headers=None):
        """(status, headers as a dict with lower-case names, body bytes) of one request."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, headers={"Host": "127.0.0.1", **(headers or {})})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def error_log(self):
        log = self.prefix / "error.log"
        return log.read_text() if log.exists() else ""


def check_config(path):
    """Raise with nginx's own message unless ``nginx -t`` accepts the configuration at ``path``."""
    result = subprocess.run(
        [NGINX, "-t", "-q", "-p", str(Path(path).parent), "-c", str(path), "-g", "daemon off;"],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"nginx -t rejected {path}:\n{result.stderr}")


@contextmanager
def nginx(upstream_port, static_root, media_root, port=None):
    """The shipped configuration on 127.0.0.1 in front of ``upstream_port``; stopped on exit."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="clinic-nginx-") as prefix:
        path = local_config(prefix, port, upstream_port, static_root, media_root)
        check_config(path)
        process = subprocess.Popen(
            [NGINX, "-p", prefix, "-c", str(path), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        server = Nginx(process, port, prefix)
        try:
            deadline = time.monotonic() + 10
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"nginx exited while starting:\n{server.error_log()}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("nginx did not start listening within 10 seconds") from None
                    time.sleep(0.05)
            yield server
        finally:
            stop(process, timeout=10)


def production_config(prefix, certificate, key):
    """The shipped TLS configuration, paths pointed into ``prefix``, for ``nginx -t``."""
    prefix = Path(prefix)
    site = (CONF_DIR / "clinic.conf").read_text()
    site = _replace(site, CACHE_PATH, str(prefix / "cache"))
    site = re.sub(r"ssl_certificate (\S+);", f"ssl_certificate {certificate};", site)
    site = re.sub(r"ssl_certificate_key (\S+);", f"ssl_certificate_key {key};", site)
    site = _replace(site, LOCATIONS_INCLUDE, f"include {CONF_DIR / 'clinic-locations.conf'};")
    (prefix / "clinic.conf").write_text(site)
    path = prefix / "nginx.conf"
    path.write_text(
        f"error_log {prefix}/error.log; pid {prefix}/nginx.pid; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types; proxy_temp_path {prefix}/proxy; include {prefix}/clinic.conf; }}\n"
    )
    return path
