"""gunicorn's access log keeps no client address, so the privacy notice is true."""

import datetime
import runpy
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

CONFIG = Path(__file__).resolve().parents[2] / "clinic" / "gunicorn.conf.py"


def test_access_log_line_for_a_comment_post_has_no_client_address():
    settings = runpy.run_path(str(CONFIG))
    config = Config()
    config.set("access_log_format", settings["access_log_format"])
    logger = Logger(config)
    environ = {
        "REMOTE_ADDR": "203.0.113.77",
        "REQUEST_METHOD": "POST",
        "RAW_URI": "/blog/exosomes-explained/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": "Mozilla/5.0 (iPhone)",
        "HTTP_REFERER": "https://clinic.example/blog/exosomes-explained/",
    }
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", "198.51.100.9"), ("USER-AGENT", "Mozilla/5.0 (iPhone)")])
    response = SimpleNamespace(status="302 Found", sent=0, headers=[])
    line = settings["access_log_format"] % logger.atoms(
        response, request, environ, datetime.timedelta(milliseconds=42)
    )
    assert '"POST /blog/exosomes-explained/ HTTP/1.1" 302' in line
    for personal in ("203.0.113", "198.51.100", "iPhone", "clinic.example"):
        assert personal not in line
