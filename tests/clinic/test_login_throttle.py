"""Staff log-in throttling through the real admin log-in view, behind one proxy (clinic/login_throttle.py)."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import Permission

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings, clinic_profile):
    settings.PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 20
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 100


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


def log_in(client, settings, username, password, forwarded_for):
    """Post the admin log-in form as the proxy would pass it on: REMOTE_ADDR is the proxy."""
    client.cookies.clear()
    return client.post(
        f"/{settings.ADMIN_URL}login/",
        {"username": username, "password": password, "next": f"/{settings.ADMIN_URL}"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def assert_logged_in(response, settings):
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == f"/{settings.ADMIN_URL}"


def assert_locked(response, text):
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many log-in attempts" in page
    assert text in page


def test_wrong_passwords_from_one_client_never_lock_out_another(client, settings, admin_user):
    for _ in range(4):
        response = log_in(client, settings, "admin", "guess", "203.0.113.66")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert_locked(log_in(client, settings, "admin", "guess", "203.0.113.66"), "locked here for 15 minutes")
    # The guesser is refused even with the right password, from the same client…
    assert_locked(log_in(client, settings, "admin", PASSWORD, "203.0.113.66"), "locked here")
    # …while the real admin, behind the same proxy, logs in.
    assert_logged_in(log_in(client, settings, "admin", PASSWORD, "198.51.100.7"), settings)


def test_a_spoofed_forwarded_entry_does_not_escape_the_limit(client, settings, admin_user):
    # The client sends its own X-Forwarded-For; the proxy appends the real address.
    for number in range(4):
        assert log_in(client, settings, "admin", "guess", f"192.0.2.{number}, 203.0.113.66").status_code == 200
    assert_locked(log_in(client, settings, "admin", "guess", "192.0.2.99, 203.0.113.66"), "locked here")
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}


def test_one_address_cannot_try_a_few_passwords_against_every_username(client, settings, admin_user):
    # Four guesses against each of five usernames: the twentieth wrong password locks the address.
    for number in range(19):
        assert log_in(client, settings, f"user{number // 4}", "guess", "203.0.113.66").status_code == 200
    assert_locked(log_in(client, settings, "user4", "guess", "203.0.113.66"), "tried from your connection")
    assert_locked(log_in(client, settings, "admin", PASSWORD, "203.0.113.66"), "tried from your connection")
    # Other clients are not affected.
    assert_logged_in(log_in(client, settings, "admin", PASSWORD, "198.51.100.7"), settings)


def test_guesses_spread_over_many_addresses_lock_the_account_only_where_it_never_logged_in(
    client, settings, admin_user
):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
    assert_logged_in(log_in(client, settings, "admin", PASSWORD, "198.51.100.7"), settings)
    for number in range(11):
        assert log_in(client, settings, "admin", "guess", f"203.0.113.{number}").status_code == 200
    assert_locked(log_in(client, settings, "admin", "guess", "203.0.113.11"), "logged in from before")
    # A new address is refused even with the right password…
    assert_locked(log_in(client, settings, "admin", PASSWORD, "203.0.113.200"), "logged in from before")
    # …but the address the admin uses every day still works.
    assert_logged_in(log_in(client, settings, "admin", PASSWORD, "198.51.100.7"), settings)


def test_logging_in_with_one_account_does_not_reset_the_address_count(client, settings, admin_user):
    UserFactory(username="helper", is_staff=True)
    for number in range(5):
        for _ in range(3):
            assert log_in(client, settings, f"user{number}", "guess", "203.0.113.66").status_code == 200
    assert_logged_in(log_in(client, settings, "helper", PASSWORD, "203.0.113.66"), settings)
    for number in range(5):
        log_in(client, settings, f"other{number}", "guess", "203.0.113.66")
    assert_locked(log_in(client, settings, "other9", "guess", "203.0.113.66"), "tried from your connection")


def test_a_successful_log_in_clears_that_users_own_mistakes(client, settings, admin_user):
    for _ in range(4):
        log_in(client, settings, "admin", "typo", "198.51.100.7")
    assert_logged_in(log_in(client, settings, "admin", PASSWORD, "198.51.100.7"), settings)
    assert not AccessAttempt.objects.filter(username="admin").exists()
    for _ in range(4):
        assert log_in(client, settings, "admin", "typo", "198.51.100.7").status_code == 200


def test_staff_with_permission_read_the_log_in_audit_trail(client, settings, admin_user):
    for _ in range(2):
        log_in(client, settings, "admin", "guess", "203.0.113.66")
    reader = UserFactory(username="office", is_staff=True)
    reader.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_accessfailurelog", "view_accessattempt"])
    )
    client.force_login(reader)
    page = client.get(f"/{settings.ADMIN_URL}axes/accessfailurelog/")
    assert page.status_code == 200
    assert page.content.decode().count("203.0.113.66") >= 2
    attempt = AccessFailureLog.objects.first()
    # Read-only: nothing can be added, changed or deleted without further permissions.
    assert client.get(f"/{settings.ADMIN_URL}axes/accessfailurelog/add/").status_code == 403
    assert (
        client.post(f"/{settings.ADMIN_URL}axes/accessfailurelog/{attempt.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AccessFailureLog.objects.count() == 2


def test_staff_without_permission_cannot_see_the_audit_trail(client, settings):
    client.force_login(UserFactory(username="editor", is_staff=True))
    assert client.get(f"/{settings.ADMIN_URL}axes/accessfailurelog/").status_code == 403
