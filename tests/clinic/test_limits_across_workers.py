"""Comment, enquiry and log-in limits hold across gunicorn workers and survive their recycling.

Starts the real site under gunicorn (3 workers, production settings, the test database)
on 127.0.0.1, posts more than each limit, concurrently, and counts what got through.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from django.conf import settings

from clinic.models import Enquiry
from clinic.spam import make_form_token
from tests.factories import ArticleFactory, UserFactory, comment_post_data, enquiry_post_data
from tests.servers.gunicorn import gunicorn
from tests.servers.redis import redis_server

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 3
LIMIT = 5
# Any 32 letters serve as CSRF secret when the cookie and the form field carry the same one.
CSRF = "abcdefghijklmnopqrstuvwxyzABCDEF"
HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={CSRF}"}


def post_all(server, path, forms):
    """POST each form at once from its own connection; the response statuses, in order."""

    def post(data):
        return server.request("POST", path, urlencode({**data, "csrfmiddlewaretoken": CSRF}), HEADERS)

    with ThreadPoolExecutor(max_workers=len(forms)) as pool:
        return list(pool.map(post, forms))


def enquiries(first, count):
    return [
        enquiry_post_data(email=f"patient{number}@example.com", message=f"Question number {number}.")
        for number in range(first, first + count)
    ]


def comments(first, count):
    return [
        comment_post_data(author_email=f"reader{number}@example.com", body=f"Comment number {number}.")
        for number in range(first, first + count)
    ]


def wrong_passwords(server, count):
    statuses = []
    for _ in range(count):
        data = {"username": "admin", "password": "guess", "csrfmiddlewaretoken": CSRF}
        statuses.append(server.request("POST", f"/{settings.ADMIN_URL}login/", urlencode(data), HEADERS)[0])
    return statuses


def statuses(responses):
    return sorted(status for status, _ in responses)


@pytest.fixture(params=["database", "redis"])
def store_environment(request):
    """The gunicorn's environment for each store: no Redis (the database), or a fresh Redis."""
    if request.param == "database":
        yield {"REDIS_URL": ""}
    else:
        with redis_server() as url:
            yield {"REDIS_URL": url}


def test_limits_hold_exactly_across_workers_and_their_recycling(clinic_profile, store_environment):
    article = ArticleFactory()
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    limits = {"SPAM_RATE_LIMIT": str(LIMIT), "AXES_FAILURE_LIMIT": str(LIMIT)}
    with gunicorn(workers=WORKERS, **limits, **store_environment) as server:
        assert statuses(post_all(server, "/consultation/", enquiries(0, 3))) == [302] * 3
        assert statuses(post_all(server, article.get_absolute_url(), comments(0, 3))) == [302] * 3
        assert wrong_passwords(server, 2) == [200, 200]

        server.recycle_workers(WORKERS)

        answers = post_all(server, "/consultation/", enquiries(3, 9))
        assert statuses(answers) == [302] * 2 + [429] * 7
        assert all("You have sent several messages" in page for status, page in answers if status == 429)
        assert statuses(post_all(server, article.get_absolute_url(), comments(3, 9))) == [302] * 2 + [429] * 7
        assert wrong_passwords(server, 4) == [200, 200, 429, 429]
    assert Enquiry.objects.count() == LIMIT


def test_a_form_token_is_accepted_once_by_any_worker_even_after_recycling(clinic_profile, store_environment):
    token = make_form_token("enquiry", now=time.time() - 60)
    with gunicorn(workers=WORKERS, **store_environment) as server:
        assert statuses(post_all(server, "/consultation/", [enquiry_post_data(form_token=token)])) == [302]
        server.recycle_workers(WORKERS)
        # The same submission, captured and sent again, to whichever fresh worker takes it.
        forms = [enquiry_post_data(form_token=token, message=f"Replay {number}.") for number in range(4)]
        refused = post_all(server, "/consultation/", forms)
    assert Enquiry.objects.count() == 1
    assert all("This form was already sent once" in page for _, page in refused)
    # The visitor's words are still in the form.
    assert all(f"Replay {number}." in page for number, (_, page) in enumerate(refused))
