from unittest import mock

from django.db import OperationalError
from django.urls import reverse


def test_health_check_answers_ok_when_database_is_up(client, db):
    response = client.get(reverse("clinic:healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_health_check_answers_503_when_database_is_down(client, db):
    from django.db import connection

    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get(reverse("clinic:healthz"))
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
