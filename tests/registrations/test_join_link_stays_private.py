"""The link to join stays behind the registrant's own signed page: it is in no page of the
static archive (which reads the whole public site as an anonymous visitor), while the
registration form is archived saying registration has closed."""

import pytest
import time_machine

from archive.builder import build
from tests.registrations.conftest import JOIN_URL, NOW, register_person

pytestmark = [pytest.mark.django_db, pytest.mark.runs_once]


def test_the_join_link_is_in_no_archived_page(client, registration, tmp_path):
    registrant = register_person(client, registration.event, "Claire Martin", "claire@lyon.example")
    with time_machine.travel(NOW, tick=False):
        archive = build(tmp_path / "site")
    leaking = [
        str(path.relative_to(tmp_path))
        for path in (tmp_path / "site").rglob("*")
        if path.is_file() and JOIN_URL.encode() in path.read_bytes()
    ]
    assert leaking == []
    assert not any(str(registrant.key.hex) in path for path in archive.written)
    assert "/en/events/" in archive.written
    calendar = (tmp_path / "site" / archive.written["/en/calendar/all.ics"]).read_text()
    assert "/register/" not in calendar, "no way to register in an archive"
