import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from clinic.models import Redirect
from clinic.redirects import add_redirect
from tests.factories import PageFactory


def test_staff_redirect_answers_301_for_a_missing_page(client, db):
    Redirect.objects.create(old_path="/old-prices/", new_path="/treatments/")
    response = client.get("/old-prices/")
    assert response.status_code == 301
    assert response["Location"] == "/treatments/"


def test_temporary_redirect_answers_302(client, db):
    Redirect.objects.create(old_path="/winter-offer/", new_path="/contact/", is_permanent=False)
    assert client.get("/winter-offer/").status_code == 302


def test_redirect_matches_a_query_string_address(client, db):
    Redirect.objects.create(old_path="/?p=42", new_path="/about/")
    response = client.get("/", {"p": "42"})
    assert response.status_code == 301
    assert response["Location"] == "/about/"


def test_existing_page_wins_over_a_redirect(client, db):
    PageFactory(slug="about")
    Redirect.objects.create(old_path="/about/", new_path="/contact/")
    assert client.get("/about/").status_code == 200


def test_chains_collapse_to_one_hop(db):
    add_redirect(old_path="/a/", new_path="/b/")
    add_redirect(old_path="/b/", new_path="/c/")
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {"/a/": "/c/", "/b/": "/c/"}


def test_moving_back_to_an_old_address_removes_its_redirect(db):
    add_redirect(old_path="/a/", new_path="/b/")
    add_redirect(old_path="/b/", new_path="/a/")
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {"/b/": "/a/"}


@pytest.mark.parametrize(
    ("old_path", "new_path", "field", "message"),
    [
        ("old-page/", "/new/", "old_path", "Start the old address with /, e.g. /old-page/."),
        (
            "/old/",
            "javascript:alert(1)",
            "new_path",
            "Use an address on this site starting with a single /",
        ),
        *(
            ("/old/", target, "new_path", "Use an address on this site starting with a single /")
            for target in [
                "//evil.example/x",
                " //evil.example/x",
                " /blog/",
                "\t/blog/",
                "/\\evil.example/x",
                "\\\\evil.example/x",
                "http://evil.example/",
                "https://",
                "https://user@evil.example/",
                "https:/evil.example/",
                "/blog/\nSet-Cookie: x=1",
            ]
        ),
        ("/same/", "/same/", "new_path", "A page cannot redirect to itself."),
    ],
)
def test_bad_redirects_are_refused_with_a_message(db, old_path, new_path, field, message):
    with pytest.raises(ValidationError) as error:
        Redirect(old_path=old_path, new_path=new_path).full_clean()
    assert any(message in text for text in error.value.message_dict[field])


@pytest.mark.parametrize("target", ["/blog/new-title/", "/", "/?p=1", "https://booking.example.co.uk/clinic"])
def test_site_addresses_and_explicit_https_links_are_accepted(db, target):
    Redirect(old_path="/old/", new_path=target).full_clean()


@pytest.mark.parametrize(
    "target", ["//evil.example/x", " //evil.example/x", "/\\evil.example/", "http://evil.example/"]
)
def test_unsafe_target_stored_around_validation_is_not_followed(client, db, target):
    # A row written by update(), loaddata or SQL, never through clean().
    Redirect.objects.create(old_path="/old/", new_path="/placeholder/")
    Redirect.objects.filter(old_path="/old/").update(new_path=target)
    response = client.get("/old/")
    assert response.status_code == 404
    assert "Location" not in response
    assert "We can't find that page" in response.content.decode()


def test_staff_see_the_reason_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("admin:clinic_redirect_add"),
        {"old_path": "/old/", "new_path": "//evil.example/x", "is_permanent": "on"},
    )
    assert response.status_code == 200
    assert "starting with a single /" in response.content.decode()
    assert not Redirect.objects.exists()


def test_log_in_without_next_lands_on_the_admin_index(client, staff_user):
    response = client.post(
        reverse("admin:login"),
        {"username": staff_user.username, "password": "correct horse battery staple", "next": "//evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_redirect_loop_is_refused(db):
    Redirect.objects.create(old_path="/b/", new_path="/a/")
    with pytest.raises(ValidationError) as error:
        Redirect(old_path="/a/", new_path="/b/").full_clean()
    assert "would make a loop" in error.value.message_dict["new_path"][0]


def test_database_refuses_a_redirect_to_itself(db):
    with pytest.raises(IntegrityError):
        Redirect.objects.create(old_path="/x/", new_path="/x/")


def test_admin_add_redirect_shows_message_on_duplicate(admin_client):
    Redirect.objects.create(old_path="/old/", new_path="/new/")
    response = admin_client.post(
        "/admin/clinic/redirect/add/", {"old_path": "/old/", "new_path": "/other/", "is_permanent": "on"}
    )
    assert response.status_code == 200
    assert "Redirect with this Old path already exists." in response.content.decode()
    assert Redirect.objects.get(old_path="/old/").new_path == "/new/"
