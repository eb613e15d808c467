"""While the database is unreachable, pages answer a styled 503 and a patient keeps their words."""

import time

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, comment_post_data, enquiry_post_data


@pytest.fixture
def visitor():
    # The real handler answers, as in production, instead of re-raising into the test.
    return Client(raise_request_exception=False)


@pytest.fixture
def database_down():
    """Call to make every query fail as an unreachable server does; undone before the test's rollback."""

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    with pytest.MonkeyPatch.context() as patch:

        def start():
            patch.setattr(CursorWrapper, "execute", refuse)
            patch.setattr(CursorWrapper, "executemany", refuse)

        yield start


@pytest.mark.parametrize("url", ["/", "/blog/", "/treatments/", "/consultation/", "/search/?q=skin", "/about/"])
def test_pages_answer_a_styled_503_with_retry_after_quickly(visitor, clinic_profile, database_down, url):
    database_down()
    started = time.monotonic()
    response = visitor.get(url)
    assert time.monotonic() - started < 1
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "We'll be back in a moment" in html
    assert 'href="/static/css/site.css"' in html
    assert "<style" not in html


def test_dropped_connection_is_a_503_too(visitor, clinic_profile):
    def dropped(*args, **kwargs):
        raise InterfaceError("connection already closed")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", dropped)
        response = visitor.get("/")
    assert response.status_code == 503


def test_enquiry_that_cannot_be_stored_is_shown_back_escaped(visitor, clinic_profile, database_down):
    database_down()
    data = enquiry_post_data(message="I'd like an evening slot <b>please</b>\nThanks, Morag")
    response = visitor.post(reverse("clinic:enquiry_create"), data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "What you sent has not been saved" in html
    assert "I&#x27;d like an evening slot &lt;b&gt;please&lt;/b&gt;<br>Thanks, Morag" in html
    assert "morag@example.com" in html
    assert data["form_token"] not in html


def test_comment_that_cannot_be_stored_is_shown_back(visitor, clinic_profile, database_down):
    article = ArticleFactory()
    database_down()
    response = visitor.post(article.get_absolute_url(), comment_post_data(body="Does PRP hurt?"))
    assert response.status_code == 503
    assert "Does PRP hurt?" in response.content.decode()


def test_admin_log_in_never_echoes_a_password(visitor, clinic_profile, database_down):
    database_down()
    response = visitor.post(reverse("admin:login"), {"username": "editor", "password": "s3cret-pass-phrase"})
    assert response.status_code == 503
    assert "s3cret-pass-phrase" not in response.content.decode()


def test_other_errors_still_answer_the_static_500(visitor, clinic_profile, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr("clinic.views.HomeView.get_context_data", broken)
    response = visitor.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_database_settings_fail_fast_and_check_connections(settings):
    database = settings.DATABASES["default"]
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"]["connect_timeout"] <= 3
