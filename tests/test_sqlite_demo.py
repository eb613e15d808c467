"""The local demo (`make run`) runs on SQLite: every main page answers there, not only on PostgreSQL."""

import os
import subprocess
import sys

from django.conf import settings

PAGES = [
    "/",
    "/blog/",
    "/blog/exosomes-or-prp-which-supports-the-skin-matrix/",
    "/treatments/",
    "/treatments/prp-skin-rejuvenation/",
    "/treatments/compare/exosome-therapy-vs-prp-skin-rejuvenation/",
    "/practitioners/",
    "/search/?q=collagen",
    "/search/?q=exosme",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/blog/feed/rss/",
    "/consultation/",
]

FETCH = """
from django.test import Client
from blog.models import Article, Category
client = Client()
pages = {pages!r}
pages += [Category.objects.first().get_absolute_url()]
month = Article.objects.published().order_by("-published_at").first().published_at
pages += ["/blog/%d/%02d/" % (month.year, month.month)]
for path in pages:
    print(client.get(path, HTTP_HOST="127.0.0.1").status_code, path)
"""


def test_main_pages_answer_on_the_sqlite_demo(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "clinic.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DEBUG": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1:8000",
        "COMMENTS_CLOSE_AFTER_DAYS": "0",
    }

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    manage("migrate", "--noinput", "-v", "0")
    manage("load_demo_content")
    answers = manage("shell", "-c", FETCH.format(pages=PAGES)).split("\n")

    statuses = [line for line in answers if line[:3].isdigit()]
    assert len(statuses) == len(PAGES) + 2
    assert [line for line in statuses if not line.startswith("200 ")] == []
