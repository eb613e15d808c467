import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, CommentFactory


@pytest.mark.usefixtures("clinic_profile")
def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("clinic:home"))
    policy = dict(directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.usefixtures("clinic_profile")
def test_public_pages_send_the_usual_security_headers(client):
    response = client.get(reverse("clinic:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def _admin_pages_without_the_editor():
    return [
        reverse("admin:index"),
        reverse("admin:blog_article_changelist"),
        reverse("admin:comments_comment_changelist"),
        reverse("admin:clinic_enquiry_changelist"),
        reverse("admin:clinic_redirect_add"),
        reverse("admin:auth_user_changelist"),
    ]


def test_admin_pages_without_the_editor_keep_the_strict_policy(admin_client, clinic_profile):
    comment = CommentFactory(article=ArticleFactory(), body="<script>alert(1)</script>")
    pages = [*_admin_pages_without_the_editor(), reverse("admin:comments_comment_change", args=[comment.pk])]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "unsafe" not in response["Content-Security-Policy"], url


def test_admin_log_in_page_is_strict_for_visitors(client, clinic_profile):
    response = client.get(reverse("admin:login"))
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url_name", ["admin:blog_article_add", "admin:treatments_treatment_add", "admin:clinic_page_add"]
)
def test_only_admin_pages_with_the_editor_relax_the_policy_for_it(admin_client, clinic_profile, url_name):
    response = admin_client.get(reverse(url_name))
    policy = response["Content-Security-Policy"]
    assert 'data-type="ckeditortype"' in response.content.decode()
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "unsafe-eval" not in policy
    assert "unsafe" not in admin_client.get(reverse("clinic:home"))["Content-Security-Policy"]


@pytest.mark.usefixtures("clinic_profile")
def test_pages_make_no_third_party_requests(client, demo_content):
    html = client.get(reverse("clinic:home")).content.decode()
    for attribute in ('src="http', "src='http", 'href="//', "url(http"):
        assert attribute not in html
