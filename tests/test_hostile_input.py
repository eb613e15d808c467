"""No input makes any public page answer 5xx, on PostgreSQL (which refuses NUL characters).

Table-driven: every public URL pattern (read from the URL resolver, so a new pattern fails
``test_every_public_pattern_has_an_example`` until it is added to ``EXAMPLES``) gets hostile
query strings, hostile paths and odd methods; every public form (comment, enquiry, search)
gets hostile values in each field. Errors must be the site's own pages with a clear message.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from blog.models import Comment
from clinic.models import Enquiry
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    ComparisonFactory,
    PageFactory,
    PractitionerFactory,
    TagFactory,
    TreatmentFactory,
    UserFactory,
    comment_post_data,
    enquiry_post_data,
)

CONTROL = ["%00", "%01", "%08", "%0b", "%1f", "%7f"]
QUERY_PAYLOADS = [
    *(f"q=a{char}b&page=1" for char in CONTROL),
    "a=%00&b=x",
    "treatment=%00",
    "p=%00",
    "q=%ff%fe%c3%28&page=%ff",  # invalid UTF-8
    "page=-1",
    "page=0",
    "page=99999999999999999999999999999999",
    "page=1e400",
    "page=NaN",
    "page=last",
    "q=" + "x" * 20_000,
    "q=" + "%e2%80%ae" * 500,  # right-to-left overrides
    "q=<script>alert(1)</script>",
    "q='); DROP TABLE blog_article; --",
    "q=a&q=b&q=%00",
]
ODD_METHODS = ["put", "delete", "patch", "options", "trace", "head"]
BAD_REQUEST_TEXT = "contains characters that no page here uses"


def public_patterns(resolver=None, prefix="", namespace=""):
    """(qualified name, route) of every URL pattern outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(settings.ADMIN_URL):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from public_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else route), route


@pytest.fixture
def site(db, clinic_profile):
    article = ArticleFactory(title="Exosomes explained", published_at=timezone.now() - timezone.timedelta(days=3))
    article.categories.add(CategoryFactory(name="Skin"))
    article.tags.add(TagFactory(name="exosomes"))
    first, second = TreatmentFactory(name="PRP"), TreatmentFactory(name="Exosome therapy")
    ComparisonFactory(treatment_a=first, treatment_b=second)
    return {
        "article": article,
        "treatment": first,
        "pair": f"{first.slug}-vs-{second.slug}",
        "page": PageFactory(slug="about"),
        "practitioner": PractitionerFactory(),
    }


def _month(site):
    published_at = timezone.localtime(site["article"].published_at)
    return {"year": f"{published_at:%Y}", "month": f"{published_at:%m}"}


# Qualified URL name -> kwargs built from the ``site`` fixture.
EXAMPLES = {
    "clinic:home": lambda site: {},
    "clinic:practitioner_list": lambda site: {},
    "clinic:practitioner_detail": lambda site: {"slug": site["practitioner"].slug},
    "clinic:enquiry_create": lambda site: {},
    "clinic:enquiry_thanks": lambda site: {},
    "clinic:search": lambda site: {},
    "clinic:healthz": lambda site: {},
    "clinic:editor_image_upload": lambda site: {},
    "clinic:page_detail": lambda site: {"slug": site["page"].slug},
    "sitemap": lambda site: {},
    "sitemap_section": lambda site: {"section": "articles"},
    "robots_txt": lambda site: {},
    "blog:article_list": lambda site: {},
    "blog:feed_rss": lambda site: {},
    "blog:feed_atom": lambda site: {},
    "blog:category_detail": lambda site: {"slug": site["article"].categories.get().slug},
    "blog:tag_detail": lambda site: {"slug": site["article"].tags.get().slug},
    "blog:article_archive_month": _month,
    "blog:article_detail": lambda site: {"slug": site["article"].slug},
    "treatments:treatment_list": lambda site: {},
    "treatments:comparison_list": lambda site: {},
    "treatments:comparison_detail": lambda site: {"pair": site["pair"]},
    "treatments:treatment_detail": lambda site: {"slug": site["treatment"].slug},
    "comments:confirm_updates": lambda site: {"token": "not-a-token"},
}
UNNAMED = {f"{settings.MEDIA_URL.strip('/')}/<path:path>"}


def test_every_public_pattern_has_an_example():
    names = {name for name, _route in public_patterns()}
    assert names - UNNAMED == set(EXAMPLES)


def assert_handled(response, where):
    assert response.status_code < 500, f"{where} answered {response.status_code}"
    if response.status_code == 400 and response["Content-Type"].startswith("text/html"):
        # Either the site's 400 page or a form shown again with its messages.
        html = response.content.decode()
        assert "We could not read that request" in html or 'class="error-summary"' in html, where
    if response.status_code == 405 and not where.startswith("HEAD"):  # HEAD answers carry no body
        assert "This page cannot do that" in response.content.decode(), where


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_hostile_query_strings_and_methods_never_answer_5xx(client, site, name):
    url = reverse(name, kwargs=EXAMPLES[name](site))
    for query in QUERY_PAYLOADS:
        response = client.get(f"{url}?{query}")
        assert_handled(response, f"GET {url}?{query[:60]}")
        if "%00" in query or "%01" in query:
            assert response.status_code == 400, query
            assert BAD_REQUEST_TEXT in response.content.decode()
    for method in ODD_METHODS:
        assert_handled(getattr(client, method)(url), f"{method.upper()} {url}")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_hostile_paths_never_answer_5xx(client, site, name):
    # A changed or broken segment falls through to the redirect lookup, which queries with it.
    url = reverse(name, kwargs=EXAMPLES[name](site))
    for suffix in ["a%00b/", "%ff%fe/", "%c0%af/", "x" * 2000 + "/", "%2e%2e/%2e%2e/etc/passwd", "\\evil/"]:
        assert_handled(client.get(url + suffix), f"GET {url}{suffix[:40]}")
    for char in CONTROL:
        response = client.get(f"{url}a{char}b/")
        assert response.status_code == 400
        assert BAD_REQUEST_TEXT in response.content.decode()


def test_nul_in_the_session_cookie_is_refused_before_any_query(client, site):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    response = client.get("/")
    assert response.status_code == 400


def test_the_three_reported_nul_requests_answer_400_with_the_sites_page(client, site):
    for url in ["/search/?q=a%00b", "/treatments/compare/?a=%00&b=x", "/blog/a%00b/"]:
        response = client.get(url)
        assert response.status_code == 400, url
        html = response.content.decode()
        assert BAD_REQUEST_TEXT in html
        assert 'href="/static/css/site.css"' in html  # the site's own look, not a bare error
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]


FORM_VALUES = {
    "NUL": ("a\x00b", "Null characters are not allowed."),
    "control characters": ("a\x01\x1f\x7fb", None),
    "overlong": ("x" * 100_000, "characters or fewer"),
    "right-to-left override": ("\u202eevil", None),
    "HTML": ("<script>alert(1)</script>", None),
}


def _post_each_field(client, url, base_data, fields):
    for field in fields:
        for label, (value, message) in FORM_VALUES.items():
            response = client.post(url, {**base_data, field: value})
            assert_handled(response, f"{field}={label}")
            if message:
                assert response.status_code == 400, f"{field}={label}"
                assert message in response.content.decode(), f"{field}={label}"


def test_comment_form_answers_400_with_a_message_for_hostile_fields(client, site):
    url = site["article"].get_absolute_url()
    _post_each_field(client, url, comment_post_data(), ["author_name", "author_email", "body"])
    for field in ["parent", "form_token", "consent", "wants_updates", "leave_blank"]:
        for value in ["\x00", "-1", "99999999999999999999999", "x" * 10_000]:
            assert_handled(client.post(url, comment_post_data(**{field: value})), f"{field}={value[:10]}")
    # Refused values stored nothing; the rest (escaped when shown) wait for moderation.
    assert not Comment.objects.filter(body__startswith="xxxxxxxxxx").exists()
    assert set(Comment.objects.values_list("status", flat=True)) <= {"pending", "spam"}


def test_enquiry_form_answers_400_with_a_message_for_hostile_fields(client, site):
    url = reverse("clinic:enquiry_create")
    _post_each_field(client, url, enquiry_post_data(), ["name", "email", "phone", "message"])
    for field in ["treatment", "preferred_contact", "form_token", "consent", "leave_blank"]:
        for value in ["\x00", "-1", "99999999999999999999999", "x" * 10_000]:
            assert_handled(client.post(url, enquiry_post_data(**{field: value})), f"{field}={value[:10]}")
    assert not Enquiry.objects.filter(message__startswith="xxxxxxxxxx").exists()


def test_invalid_enquiry_and_comment_posts_answer_400_alike(client, site):
    enquiry = client.post(reverse("clinic:enquiry_create"), enquiry_post_data(email="not an address"))
    comment = client.post(site["article"].get_absolute_url(), comment_post_data(author_email="not an address"))
    assert enquiry.status_code == comment.status_code == 400
    assert "Enter an email address like name@example.com." in enquiry.content.decode()


def test_invalid_utf8_in_a_form_body_is_not_a_server_error(client, site):
    body = b"name=%ff%fe&email=morag%40example.com&message=%c3%28&consent=on"
    response = client.post(reverse("clinic:enquiry_create"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("status", "url", "method", "heading"),
    [
        (404, "/no-such-page/", "get", "We can't find that page"),
        (405, "/robots.txt", "post", "This page cannot do that"),
        (400, "/search/?q=%00", "get", "We could not read that request"),
    ],
)
def test_error_pages_are_the_sites_own_and_csp_clean(client, site, status, url, method, heading):
    response = getattr(client, method)(url)
    assert response.status_code == status
    html = response.content.decode()
    assert heading in html
    assert "<style" not in html
    assert " style=" not in html
    assert "<script>" not in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_forged_form_gets_the_sites_csrf_page(site):
    client = Client(enforce_csrf_checks=True)
    # Anonymous public forms need no token; another site's post is refused by its Origin.
    response = client.post(
        reverse("clinic:enquiry_create"), enquiry_post_data(), headers={"origin": "https://evil.example"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Please send the form again" in html
    assert "<style" not in html
    assert Enquiry.objects.count() == 0


def test_permission_denied_uses_the_sites_403_page(client, site, settings):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("compliance_dashboard"))
    assert response.status_code == 403
    assert "You can't open this page" in response.content.decode()
