"""/healthz tells the truth, and a dead database gives visitors a 503 with Retry-After."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


TOKEN = "a-long-random-health-token"
WITH_TOKEN = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture
def health_token(settings):
    settings.HEALTHZ_TOKEN = TOKEN
    return WITH_TOKEN


def test_anyone_gets_the_status_alone(client, site_tree):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_staff_see_every_check_named(client, site_tree, editor):
    client.force_login(editor)
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert {
        "database", "cache", "migrations", "email_queue",
        "media_storage", "private_storage", "signing_key",
    } <= set(body["checks"])  # fmt: skip
    assert all(check["ok"] for check in body["checks"].values())


def test_the_token_shows_the_checks_and_a_wrong_one_does_not(client, site_tree, health_token):
    assert "checks" in client.get("/healthz", **health_token).json()
    wrong = client.get("/healthz", HTTP_AUTHORIZATION="Bearer guess").json()
    assert wrong == {"status": "ok"}


def test_health_fails_when_the_cache_is_down(client, site_tree, health_token):
    with mock.patch("web.health.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz", **health_token)
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


def test_a_failure_never_shows_where_the_database_is(client, site_tree, health_token):
    refused = OperationalError('connection to server at "10.1.2.3", port 5432 failed')
    with mock.patch("web.health.connections") as connections:
        connections.__getitem__.return_value.cursor.side_effect = refused
        response = client.get("/healthz", **health_token)
        anonymous = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "ok": False,
        "detail": "OperationalError",
        "ms": response.json()["checks"]["database"]["ms"],
    }
    assert "10.1.2.3" not in response.content.decode()
    assert "5432" not in response.content.decode()
    assert anonymous.status_code == 503 and anonymous.json() == {"status": "failing"}


def test_health_fails_when_the_key_cannot_sign(client, site_tree, settings, health_token):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    public_only = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    settings.CERTIFICATE_SIGNING_KEY = public_only.decode()
    response = client.get("/healthz", **health_token)
    assert response.status_code == 503
    assert response.json()["checks"]["signing_key"]["ok"] is False


def test_health_fails_when_private_files_cannot_be_written(
    client, site_tree, settings, tmp_path, health_token
):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("in the way")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": not_a_folder, "base_url": None},
        },
    }
    response = client.get("/healthz", **health_token)
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["private_storage"]["ok"] is False and checks["media_storage"]["ok"] is True


def test_a_probe_straight_at_the_app_server_gets_an_answer(client, site_tree, settings):
    # Behind nginx the site insists on HTTPS and its own host names; a load balancer asking
    # gunicorn by its address over plain HTTP still gets the truth, status only.
    settings.ALLOWED_HOSTS = ["aiforcities.eu"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert client.get("/en/", HTTP_HOST="aiforcities.eu").status_code == 301
    settings.HEALTHZ_TOKEN = TOKEN
    assert "checks" in client.get("/healthz", HTTP_HOST="10.0.0.5", **WITH_TOKEN).json()


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
