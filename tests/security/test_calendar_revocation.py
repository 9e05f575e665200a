"""A private calendar address can be replaced from "my space"; the old one stops working."""

import pytest
from django.core import signing

from certificates.views import CALENDAR_SALT, calendar_token
from tests.security.conftest import url_in

pytestmark = pytest.mark.django_db


def calendar(client, token):
    return client.get(url_in("en", "certificates:calendar", token=token))


def test_a_new_address_retires_the_old_one(client, people):
    participant = people.participant
    old = calendar_token(participant)
    assert calendar(client, old).status_code == 200
    client.force_login(participant)
    response = client.post(url_in("fr", "certificates:renew_calendar"), follow=True)
    assert response.status_code == 200
    new = calendar_token(participant)
    assert new != old
    assert "Vous avez une nouvelle adresse de calendrier" in response.content.decode()
    client.logout()
    assert calendar(client, old).status_code == 404
    assert calendar(client, new).status_code == 200


def test_addresses_made_before_versions_work_until_renewed(client, people):
    legacy = signing.dumps(people.participant.pk, salt=CALENDAR_SALT)
    assert calendar(client, legacy).status_code == 200
    client.force_login(people.participant)
    client.post(url_in("en", "certificates:renew_calendar"))
    assert calendar(client, legacy).status_code == 404


def test_renewing_needs_a_signed_in_post(client, people):
    assert client.get(url_in("en", "certificates:renew_calendar")).status_code == 405
    response = client.post(url_in("en", "certificates:renew_calendar"))
    assert response.status_code == 302 and "/members/login/" in response["Location"]


def test_forged_tokens_are_refused(client, people):
    assert calendar(client, "nonsense").status_code == 404
    forged = signing.dumps(["x", 1], salt=CALENDAR_SALT)
    assert calendar(client, forged).status_code == 404
