import os

import pytest
from django.conf import settings

from tests.factories import ClinicProfileFactory, UserFactory


def pytest_report_header(config):
    return f"database engine: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


def pytest_sessionstart(session):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.exit("The test suite runs on PostgreSQL only: set DATABASE_URL (see README).", returncode=3)
    # Hashed static names need a prior collectstatic; tests serve static files as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The live server finds static files through whitenoise, as production does, minus collectstatic.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


def pytest_collection_modifyitems(items):
    for item in items:
        path = item.path.as_posix()
        if "/tests/browser/" in path:
            item.add_marker(pytest.mark.browser)
        elif "/tests/pages/" in path:
            item.add_marker(pytest.mark.pages)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    # Uploads and renditions go to a throwaway folder, never the project's media/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clinic_profile(db):
    return ClinicProfileFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def reader():
    """An anonymous visitor of their own (``client`` is the one ``admin_client`` logs in)."""
    from django.test import Client

    return Client()


@pytest.fixture
def demo_content(db):
    from django.core.management import call_command

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


# --- Browser layer -------------------------------------------------------------
# Playwright driving Debian's Chromium against pytest-django's live server. ``page`` is a
# fresh browser context whose base URL is the live server (``page.goto("/blog/")``); tests
# using it run with a transactional database, so the server thread sees their rows.

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the
# tests make from that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see README).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def admin_login():
    """Log ``user`` (password from UserFactory) into the admin through the real log-in form."""

    def log_in(page, user, password="correct horse battery staple"):
        from django.conf import settings

        page.goto(f"/{settings.ADMIN_URL}login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"**/{settings.ADMIN_URL}")

    return log_in
