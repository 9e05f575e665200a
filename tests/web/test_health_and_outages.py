"""/healthz tells the truth, and a dead database gives visitors a 503 with Retry-After."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_health_is_green_with_every_check_named(client, site_tree):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {"database", "cache", "migrations", "email_queue"} <= set(body["checks"])
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_health_fails_when_the_cache_is_down(client, site_tree):
    with mock.patch("web.health.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


@pytest.mark.parametrize("language, words", [("fr", "temporairement"), ("de", "vorübergehend")])
def test_a_dead_database_gives_a_translated_503_with_retry_after(
    client, site_tree, language, words
):
    client.raise_request_exception = False
    with mock.patch(
        "home.models.HomePage.get_context",
        side_effect=OperationalError("could not connect to server"),
    ):
        response = client.get(f"/{language}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert words in response.content.decode().lower()


def test_json_addresses_answer_json_when_the_database_is_down(client, site_tree):
    client.raise_request_exception = False
    with mock.patch(
        "certificates.views.Certificate.objects.filter",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = client.get("/certificates/status/ABCD-EFGH-JKLM-NPQR.json")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "service_unavailable"
    assert response["Retry-After"] == "60"


def test_the_500_page_promises_nothing_it_does_not_do(client, site_tree):
    client.raise_request_exception = False
    with mock.patch("home.models.HomePage.get_context", side_effect=RuntimeError("bug")):
        response = client.get("/en/")
    assert response.status_code == 500
    assert "reported" not in response.content.decode()
