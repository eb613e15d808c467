"""What a shared cache (nginx, a CDN) is told it may keep, and conditional GETs (clinic/http_cache.py)."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from clinic.models import Enquiry
from clinic.spam import make_form_token
from comments.models import Comment
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    TreatmentFactory,
    UserFactory,
    comment_post_data,
    enquiry_post_data,
)

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=0, s-maxage=30"


@pytest.fixture(autouse=True)
def _clinic(clinic_profile):
    return clinic_profile


@pytest.fixture
def article(db):
    return ArticleFactory(title="Caring for skin after a peel")


def public_urls(article):
    treatment = TreatmentFactory()
    return [
        "/",
        "/blog/",
        article.get_absolute_url(),
        treatment.get_absolute_url(),
        "/treatments/",
        "/consultation/",
        "/search/?q=peel",
        "/sitemap.xml",
        "/blog/feed/rss/",
        "/practitioners/",
    ]


def assert_private(response):
    cache_control = response["Cache-Control"]
    assert "public" not in cache_control
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_anonymous_pages_are_public_with_an_etag_and_set_no_cookie(client, article):
    for url in public_urls(article):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PUBLIC, url
        assert response["ETag"].startswith('W/"'), url
        assert not response.cookies, url
        assert {"Cookie", "Accept-Encoding"} <= {part.strip() for part in response["Vary"].split(",")}, url


def test_anonymous_article_and_enquiry_pages_carry_no_csrf_token(client, article):
    for url in (article.get_absolute_url(), "/consultation/"):
        html = client.get(url).content.decode()
        assert 'name="form_token"' in html
        assert "csrfmiddlewaretoken" not in html


def test_an_unchanged_page_is_answered_304_on_if_none_match(client, article):
    for url in ("/", article.get_absolute_url(), "/consultation/"):
        etag = client.get(url)["ETag"]
        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304, url
        assert again.content == b""
        assert again["ETag"] == etag
        assert again["Cache-Control"] == PUBLIC


def test_a_published_change_gives_a_new_etag_and_a_full_page(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]
    article.title = "Caring for skin after a chemical peel"
    article.save()
    response = client.get(article.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "after a chemical peel" in response.content.decode()
    assert response["ETag"] != etag


def test_an_approved_comment_changes_the_article_etag(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]
    CommentFactory(article=article, body="Very useful.")
    response = client.get(article.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Very useful." in response.content.decode()


def test_a_compressed_page_keeps_a_matching_etag_and_vary(client, article):
    plain = client.get(article.get_absolute_url())
    brotli = client.get(article.get_absolute_url(), headers={"accept-encoding": "br"})
    assert brotli["Content-Encoding"] == "br"
    assert brotli["ETag"] == plain["ETag"]
    assert "Accept-Encoding" in brotli["Vary"]
    again = client.get(article.get_absolute_url(), headers={"accept-encoding": "br", "if-none-match": brotli["ETag"]})
    assert again.status_code == 304
    assert "Accept-Encoding" in again["Vary"]


def test_a_missing_page_is_public_for_a_short_time(client):
    response = client.get("/blog/no-such-article/")
    assert response.status_code == 404
    assert response["Cache-Control"] == PUBLIC


def test_logged_in_staff_get_private_pages_with_a_csrf_token(client, article):
    client.force_login(UserFactory(is_staff=True))
    for url in ("/", article.get_absolute_url(), "/consultation/"):
        response = client.get(url)
        assert_private(response)
        assert "ETag" not in response
    assert "csrfmiddlewaretoken" in client.get(article.get_absolute_url()).content.decode()


def test_a_preview_is_never_cached(admin_client):
    draft = ArticleFactory(status="draft", published_at=None)
    assert_private(admin_client.get(draft.get_absolute_url()))


def test_the_admin_is_never_cached(client, admin_client):
    assert_private(Client().get("/admin/login/"))
    assert_private(admin_client.get("/admin/"))


def test_a_form_with_errors_is_never_cached(client, article):
    response = client.post(article.get_absolute_url(), comment_post_data(body=""))
    assert response.status_code == 400
    assert_private(response)
    response = client.post("/consultation/", enquiry_post_data(email="not an address"))
    assert response.status_code == 400
    assert_private(response)


def test_pages_showing_a_message_or_the_visitors_own_comment_are_private(client, article):
    posted = client.post(article.get_absolute_url(), comment_post_data(body="Does it sting?"))
    assert posted.status_code == 302
    assert_private(posted)
    page = client.get(posted["Location"])
    assert "awaiting moderation" in page.content.decode()
    assert "Does it sting?" in page.content.decode()
    assert_private(page)
    # The visitor now has a session: every later page is theirs alone too.
    assert_private(client.get("/"))


def test_a_page_with_a_view_chosen_cache_control_keeps_it(client):
    assert client.get("/healthz")["Cache-Control"].startswith("max-age=0")


def test_a_shared_copy_is_refreshed_with_a_new_form_token_every_hour(client, article, monkeypatch):
    etag = client.get(article.get_absolute_url())["ETag"]
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(article.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200


# --- Cross-site posts -------------------------------------------------------------------------

FORGED_HEADERS = [{"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"}, {"origin": "null"}]


@pytest.mark.parametrize("headers", FORGED_HEADERS)
def test_a_cross_site_comment_is_refused(client, article, headers):
    response = client.post(article.get_absolute_url(), comment_post_data(), headers=headers)
    assert response.status_code == 403
    assert "We could not confirm that the form came from this website" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("headers", [*FORGED_HEADERS, {"referer": "https://evil.example/page"}])
def test_a_cross_site_enquiry_is_refused(client, headers):
    response = client.post("/consultation/", enquiry_post_data(), headers=headers)
    assert response.status_code == 403
    assert not Enquiry.objects.exists()


SAME_SITE_HEADERS = [
    {"origin": "http://testserver", "sec-fetch-site": "same-origin"},
    {"origin": "https://clinic.test"},
    {"referer": "http://testserver/consultation/"},
    {},
]


@pytest.mark.parametrize("headers", SAME_SITE_HEADERS)
def test_an_anonymous_same_site_post_needs_no_csrf_token(article, headers):
    client = Client(enforce_csrf_checks=True)
    assert client.post(article.get_absolute_url(), comment_post_data(), headers=headers).status_code == 302
    assert Comment.objects.count() == 1
    assert (
        Client(enforce_csrf_checks=True).post("/consultation/", enquiry_post_data(), headers=headers).status_code
        == 302
    )
    assert Enquiry.objects.count() == 1


def test_a_post_from_a_visitor_with_a_session_needs_the_csrf_token(article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_staff=True))
    same_site = {"origin": "http://testserver"}
    assert client.post(article.get_absolute_url(), comment_post_data(), headers=same_site).status_code == 403
    assert client.post("/consultation/", enquiry_post_data(), headers=same_site).status_code == 403
    assert not Comment.objects.exists()
    assert not Enquiry.objects.exists()

    html = client.get("/consultation/").content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    data = enquiry_post_data(csrfmiddlewaretoken=token)
    assert client.post("/consultation/", data, headers=same_site).status_code == 302
    assert Enquiry.objects.count() == 1


def test_a_commenter_with_a_session_posts_again_with_the_token_their_page_carries(article):
    client = Client(enforce_csrf_checks=True)
    first = client.post(article.get_absolute_url(), comment_post_data(body="First thought."))
    assert first.status_code == 302
    html = client.get(article.get_absolute_url()).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    second = client.post(
        article.get_absolute_url(), comment_post_data(body="Second thought.", csrfmiddlewaretoken=token)
    )
    assert second.status_code == 302
    assert Comment.objects.count() == 2


# --- The spam token in a shared copy ----------------------------------------------------------


def shared_token(client, url):
    html = client.get(url).content.decode()
    return html.split('name="form_token" value="')[1].split('"')[0]


def test_two_visitors_shown_the_same_cached_comment_form_can_both_post(article, monkeypatch):
    token = shared_token(Client(), article.get_absolute_url())
    # Both send the copy's form a minute after it was made.
    shown = time.time()
    monkeypatch.setattr(time, "time", lambda: shown + 60)
    first = Client(REMOTE_ADDR="198.51.100.7")
    second = Client(REMOTE_ADDR="203.0.113.9")
    data = comment_post_data(form_token=token)
    assert first.post(article.get_absolute_url(), {**data, "author_email": "a@example.com"}).status_code == 302
    assert second.post(article.get_absolute_url(), {**data, "author_email": "b@example.com"}).status_code == 302
    assert Comment.objects.count() == 2
    assert not Comment.objects.filter(status=Comment.Status.SPAM).exists()
    # A replay from the same client is still refused.
    replay = first.post(article.get_absolute_url(), {**data, "body": "Again from me."})
    assert replay.status_code == 400
    assert "This form was already sent once" in replay.content.decode()


def test_two_visitors_shown_the_same_cached_enquiry_form_can_both_send_it(monkeypatch):
    token = shared_token(Client(), "/consultation/")
    # Both send it a minute after the copy was made.
    shown = time.time()
    monkeypatch.setattr(time, "time", lambda: shown + 60)
    first = Client(REMOTE_ADDR="198.51.100.7")
    second = Client(REMOTE_ADDR="203.0.113.9")
    assert first.post("/consultation/", enquiry_post_data(form_token=token)).status_code == 302
    assert second.post("/consultation/", enquiry_post_data(form_token=token, email="b@example.com")).status_code == 302
    assert list(Enquiry.objects.values_list("spam_reason", flat=True)) == ["", ""]
    replay = first.post("/consultation/", enquiry_post_data(form_token=token, message="Again."))
    assert "This form was already sent once" in replay.content.decode()


def test_a_cached_form_sent_at_once_is_still_caught_as_too_quick(client):
    token = shared_token(Client(), "/consultation/")
    assert client.post("/consultation/", enquiry_post_data(form_token=token)).status_code == 302
    assert Enquiry.objects.get().spam_reason == "sent too quickly"


def test_an_old_shared_copy_expires_like_any_form(client, settings):
    settings.SPAM_MAX_FORM_AGE_SECONDS = 3600
    token = make_form_token("enquiry", now=(timezone.now() - timedelta(hours=2)).timestamp())
    response = client.post("/consultation/", enquiry_post_data(form_token=token))
    assert response.status_code == 400
    assert "has expired" in response.content.decode()


def test_a_page_listing_a_message_is_private_even_without_a_cookie(rf):
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.shortcuts import render

    from clinic.http_cache import SharedCacheMiddleware

    request = rf.get("/")
    request.session = {}
    request._messages = FallbackStorage(request)

    def view(request):
        messages.info(request, "Your settings were saved.")
        return render(request, "404.html", status=404)

    response = SharedCacheMiddleware(view)(request)
    assert "Your settings were saved." in response.content.decode()
    assert_private(response)
