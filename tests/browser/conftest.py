"""Playwright driving Debian's Chromium against pytest-django's live server.

Fixtures: ``browser`` (one Chromium for the session), ``page`` (a fresh context whose
base URL is the live server, so ``page.goto("/blog/")`` works), ``admin_login(page, user)``.
Tests using ``page`` run with a transactional database, so the server thread sees their rows.
"""

import os

import pytest
from playwright.sync_api import sync_playwright

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
