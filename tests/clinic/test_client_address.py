"""One client address for spam defence, rate limits and log-in throttling (clinic/client_address.py)."""

import pytest
from django.test import RequestFactory

from clinic.client_address import client_address
from clinic.spam import client_fingerprint
from tests.factories import enquiry_post_data


def request(remote="10.0.0.2", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_proxies_the_forwarded_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_address(request("198.51.100.7", forwarded="203.0.113.1")) == "198.51.100.7"


def test_behind_one_proxy_the_address_it_added_is_the_client(settings):
    settings.PROXY_COUNT = 1
    assert client_address(request(forwarded="198.51.100.7")) == "198.51.100.7"


def test_entries_the_client_wrote_itself_are_ignored(settings):
    settings.PROXY_COUNT = 1
    assert client_address(request(forwarded="203.0.113.1, 192.0.2.1, 198.51.100.7")) == "198.51.100.7"


def test_behind_two_proxies_the_client_is_second_from_the_right(settings):
    settings.PROXY_COUNT = 2
    assert client_address(request(forwarded="203.0.113.1, 198.51.100.7, 10.0.0.9")) == "198.51.100.7"


def test_ipv6_clients_are_read_too(settings):
    settings.PROXY_COUNT = 1
    assert client_address(request(forwarded="2001:db8::7")) == "2001:db8::7"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address"])
def test_without_a_usable_header_the_connection_address_is_used(settings, forwarded):
    settings.PROXY_COUNT = 1
    assert client_address(request("10.0.0.2", forwarded=forwarded)) == "10.0.0.2"


def test_other_client_headers_are_never_trusted(settings):
    settings.PROXY_COUNT = 1
    spoofed = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7", HTTP_X_REAL_IP="203.0.113.1",
        HTTP_CLIENT_IP="203.0.113.2", HTTP_CF_CONNECTING_IP="203.0.113.3",
    )  # fmt: skip
    assert client_address(spoofed) == "198.51.100.7"


def test_the_spam_fingerprint_follows_the_client_behind_a_proxy(settings):
    settings.PROXY_COUNT = 1
    one = client_fingerprint(request(forwarded="198.51.100.7"))
    assert one == client_fingerprint(request(forwarded="203.0.113.9, 198.51.100.7"))
    assert one != client_fingerprint(request(forwarded="198.51.100.8"))


@pytest.mark.django_db
def test_a_spoofed_forwarded_entry_does_not_escape_the_enquiry_limit(client, settings, clinic_profile):
    settings.PROXY_COUNT = 1
    settings.SPAM_RATE_LIMIT = 2
    answers = [
        client.post(
            "/consultation/",
            enquiry_post_data(email=f"p{number}@example.com"),
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.7",
        ).status_code
        for number in range(4)
    ]
    assert answers == [302, 302, 429, 429]
    # Another client behind the same proxy still gets through.
    other = client.post(
        "/consultation/", enquiry_post_data(email="q@example.com"), REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )  # fmt: skip
    assert other.status_code == 302
