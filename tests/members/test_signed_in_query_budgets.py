"""Signed-in pages are never served from the page cache, so each costs its queries every time:
"my space", the member library, the notes listing, a members-only note and the participant's
certificate stay flat when the data grows tenfold, within the public pages' budget (#26, point 2).

A signed-in request reads the session and the user, and their groups once when asked; a page adds
its home page, the pages along its address with the menu's sections, its specific page and its
restrictions with their groups (tests/committee/test_privacy_on_the_next_request.py checks that
none of this is kept from one request to the next). The ceilings are today's counts, so that
none grows back; the flat comparison fails as soon as a query per note or document returns."""

import pytest
from django.urls import reverse

from certificates.enrolment import enrol_application
from certificates.issuing import issue
from tests.committee.test_feeds_and_listing import add_notes
from tests.committee.test_web_conferences_and_library import add_documents
from tests.conftest import queries_on_second_visit
from tests.fixtures.certificates import attend, make_application

QUERY_BUDGET = 12
CEILINGS = {"my space": 9, "notes": 12, "library": 12, "note": 11}
PARTICIPANT_CEILINGS = {"my space": 11, "certificate": 5}

pytestmark = pytest.mark.django_db


def test_a_committee_members_pages_stay_flat_and_within_budget(client, committee_tree, people):
    client.force_login(people.committee)
    pages = committee_tree.pages["en"]
    urls = {
        "my space": reverse("members:my_space"),
        "notes": pages["notes"].url,
        "library": pages["library"].url,
        "note": pages["private_note"].url,
    }
    add_notes(pages["notes"], range(3), [committee_tree.topic])
    add_documents(committee_tree.collection, 3)
    small = {name: queries_on_second_visit(client, url) for name, url in urls.items()}

    add_notes(pages["notes"], range(3, 30), [committee_tree.topic])
    add_documents(committee_tree.collection, 27, start=3)
    large = {name: queries_on_second_visit(client, url) for name, url in urls.items()}

    assert large == small
    assert all(large[name] <= ceiling <= QUERY_BUDGET for name, ceiling in CEILINGS.items()), large


def test_a_participants_certificate_and_space_stay_flat_and_within_budget(
    client, cohort, groups, settings
):
    settings.CERTIFICATE_LOOKUP_RATE = (1000, 600)

    def certify(count, start):
        people = [(f"Teilnehmerin {i}", f"t{i}@example.de") for i in range(start, start + count)]
        certificates = []
        for enrolment in enrol_application(make_application(cohort, people=people), notify=False):
            attend(enrolment)
            certificates.append(issue(enrolment, notify=False))
        return certificates

    (certificate, *_others) = certify(3, 0)
    client.force_login(certificate.enrolment.user)
    urls = {
        "my space": reverse("members:my_space"),
        "certificate": f"/en/certificates/verify/{certificate.code}/",
    }
    small = {name: queries_on_second_visit(client, url) for name, url in urls.items()}
    certify(27, 3)
    large = {name: queries_on_second_visit(client, url) for name, url in urls.items()}
    assert large == small
    ceilings = PARTICIPANT_CEILINGS.items()
    assert all(large[name] <= ceiling <= QUERY_BUDGET for name, ceiling in ceilings), large
