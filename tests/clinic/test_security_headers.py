import pytest
from django.urls import reverse


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


def test_only_the_admin_relaxes_the_policy_for_the_editor(admin_client, clinic_profile):
    policy = admin_client.get(reverse("admin:index"))["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "unsafe-eval" not in policy
    assert "unsafe" not in admin_client.get(reverse("clinic:home"))["Content-Security-Policy"]


@pytest.mark.usefixtures("clinic_profile")
def test_pages_make_no_third_party_requests(client, demo_content):
    html = client.get(reverse("clinic:home")).content.decode()
    for attribute in ('src="http', "src='http", 'href="//', "url(http"):
        assert attribute not in html
