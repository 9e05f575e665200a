"""The registration pages carry the site's strict Content-Security-Policy with no inline code;
Google's reCAPTCHA sources are allowed on the form only, not on the registrant's own pages."""

import pytest
import time_machine

from registrations.links import registrant_token
from tests.registrations.conftest import NOW, register_person, register_url
from tests.security.test_csp import assert_no_inline_code, assert_strict

pytestmark = pytest.mark.django_db


def allows_google(policy):
    return any("google" in source for source in policy["script-src"] + policy["frame-src"])


@pytest.mark.parametrize("language", ["en", "fr", "it", "nl", "de", "es"])
def test_registration_pages_carry_a_strict_policy(client, registration, language):
    event = registration.event
    registrant = register_person(client, event, "Claire Martin", f"claire-{language}@lyon.example")
    own = f"/{language}/events/registration/{registrant_token(registrant)}/"
    with time_machine.travel(NOW, tick=False):
        form = client.get(register_url(event, language))
        pages = [client.get(own), client.get(own + "cancel/")]
    assert allows_google(assert_strict(form))
    assert_no_inline_code(form.content.decode())
    for page in pages:
        assert page.status_code == 200
        assert not allows_google(assert_strict(page))
        assert_no_inline_code(page.content.decode())
        assert page["Cache-Control"] == "private, no-store"
