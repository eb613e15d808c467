"""The shipped nginx configuration (deploy/nginx/) is valid and its micro-cache keeps personal pages out."""

import shutil
import subprocess

import pytest
from django.conf import settings

from tests.factories import ArticleFactory
from tests.servers.nginx import CONF_DIR, NGINX, check_config, nginx, production_config, without_servers

pytestmark = pytest.mark.skipif(not shutil.which(NGINX), reason="nginx is not installed (Debian package nginx)")


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl makes the test certificate")
def test_production_configuration_passes_nginx_check(tmp_path):
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=clinic.test",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    check_config(production_config(tmp_path, certificate, key))


def test_local_variant_keeps_the_cache_settings_and_drops_only_the_servers():
    shipped = (CONF_DIR / "clinic.conf").read_text()
    local = without_servers(shipped)
    assert "listen" not in local
    assert "ssl_certificate" not in local
    for kept in ("proxy_cache_path", "upstream clinic_app", "map $http_cookie $clinic_personal", "{12}"):
        assert kept in local


@pytest.fixture
def site(transactional_db, live_server, clinic_profile, tmp_path):
    article = ArticleFactory(title="Collagen through the seasons")
    static_root = tmp_path / "static"
    (static_root / "css").mkdir(parents=True)
    (static_root / "css" / "site.0123456789ab.css").write_text("body { color: #222; }\n" * 100)
    port = int(live_server.url.rsplit(":", 1)[1])
    with nginx(port, static_root, settings.MEDIA_ROOT) as server:
        yield server, article


def test_anonymous_page_is_served_from_the_cache_the_second_time(site):
    server, article = site
    status, first, body = server.request("GET", "/blog/")
    assert status == 200
    assert article.title.encode() in body
    assert first["x-cache-status"] == "MISS"
    status, second, cached = server.request("GET", "/blog/")
    assert (status, second["x-cache-status"], cached) == (200, "HIT", body)


def test_each_encoding_is_cached_apart(site):
    server, _ = site
    server.request("GET", "/blog/", {"Accept-Encoding": "gzip, deflate, br"})
    _, headers, plain = server.request("GET", "/blog/")
    assert headers["x-cache-status"] == "MISS"
    assert "content-encoding" not in headers
    assert plain.startswith(b"<!DOCTYPE") or plain.lstrip().lower().startswith(b"<!doctype")
    _, headers, _ = server.request("GET", "/blog/", {"Accept-Encoding": "br, gzip"})
    assert (headers["x-cache-status"], headers["content-encoding"]) == ("HIT", "br")


@pytest.mark.parametrize("cookie", ["sessionid=abc", "csrftoken=abc", "theme=dark; messages=abc"])
def test_a_visitor_with_a_session_or_token_never_gets_the_shared_copy(site, cookie):
    server, _ = site
    server.request("GET", "/blog/")
    assert server.request("GET", "/blog/")[1]["x-cache-status"] == "HIT"
    _, headers, _ = server.request("GET", "/blog/", {"Cookie": cookie})
    assert headers["x-cache-status"] == "BYPASS"


def test_admin_is_never_cached(site):
    server, _ = site
    statuses = [server.request("GET", "/admin/login/")[1].get("x-cache-status") for _ in range(2)]
    assert "HIT" not in statuses


def test_static_files_come_from_nginx_with_a_long_expiry(site):
    server, _ = site
    status, headers, body = server.request("GET", "/static/css/site.0123456789ab.css")
    assert status == 200
    assert body.startswith(b"body { color: #222; }")
    assert headers["cache-control"] == "max-age=315360000"
    assert "x-cache-status" not in headers
