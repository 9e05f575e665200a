"""What decides who may read a page is read afresh on every request: a change of group, a new
restriction on a page or on one above it, a members-only note reached through an alias and a
change of site count on the very next request, whatever the signed-in pages keep to stay
within their query budget (the user's groups read once per request, the restrictions of a page and
its ancestors in one query, the site from the site cache)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction, Site

from members.groups import COMMITTEE_MEMBERS
from programme.factories import CohortFactory

pytestmark = pytest.mark.django_db


def refused(response):
    return response.status_code == 302 and "/login/" in response["Location"]


def test_a_member_taken_out_of_the_committee_loses_access_on_the_next_request(
    client, committee_tree, people
):
    pages = committee_tree.pages["en"]
    client.force_login(people.committee)
    assert client.get(pages["private_note"].url).status_code == 200
    assert client.get(pages["library"].url).status_code == 200

    people.committee.groups.remove(Group.objects.get(name=COMMITTEE_MEMBERS))

    assert refused(client.get(pages["private_note"].url))
    assert refused(client.get(pages["library"].url))

    people.committee.groups.add(Group.objects.get(name=COMMITTEE_MEMBERS))
    assert client.get(pages["private_note"].url).status_code == 200


@pytest.mark.parametrize("restricted", ["public_note", "notes", "committee"])
def test_a_restriction_on_a_page_or_above_it_applies_on_the_next_request(
    client, committee_tree, people, restricted
):
    pages = committee_tree.pages["en"]
    note = pages["public_note"]
    client.force_login(people.outsider)
    assert client.get(note.url).status_code == 200

    restriction = PageViewRestriction.objects.create(
        page=pages[restricted], restriction_type=PageViewRestriction.LOGIN
    )
    client.logout()
    assert refused(client.get(note.url))
    client.force_login(people.outsider)
    assert client.get(note.url).status_code == 200

    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([Group.objects.get(name=COMMITTEE_MEMBERS)])
    assert refused(client.get(note.url))
    client.force_login(people.committee)
    assert client.get(note.url).status_code == 200

    restriction.delete()
    client.logout()
    assert client.get(note.url).status_code == 200


def test_a_members_only_note_reached_through_an_alias_stays_members_only(
    client, committee_tree, people
):
    pages = committee_tree.pages["en"]
    alias = pages["private_note"].create_alias(update_slug="the-same-draft")
    # Only the source's restriction guards the alias (Wagtail's rule), not a copy of its own.
    PageViewRestriction.objects.filter(page=alias).delete()

    assert refused(client.get(alias.url))
    client.force_login(people.outsider)
    assert refused(client.get(alias.url))
    client.force_login(people.committee)
    assert client.get(alias.url).status_code == 200


def test_a_site_that_no_longer_answers_for_the_host_is_seen_on_the_next_request(
    client, committee_tree
):
    url = committee_tree.pages["en"]["public_note"].url
    assert client.get(url).status_code == 200
    Site.objects.update(hostname="elsewhere.example", is_default_site=False)
    for site in Site.objects.all():
        site.save()  # as the admin's site settings do
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("restricted", ["about", "cohorts", "events"])
def test_a_restriction_on_a_programme_page_applies_on_the_next_request(
    client, committee_tree, people, restricted
):
    """The programme's pages check their privacy the same way (one query with the ancestors):
    a page restricted to the committee, and a cohort's page under a restricted listing."""
    english = committee_tree.site_tree.translations["en"]
    german = committee_tree.site_tree.translations["de"]
    cohort = CohortFactory(country="DE")
    cohort_address = f"{english['cohorts'].url}{cohort.slug}/"
    german_cohort_address = f"{german['cohorts'].url}{cohort.slug_in('de')}/"
    client.force_login(people.outsider)
    assert client.get(english[restricted].url).status_code == 200
    assert client.get(german_cohort_address).status_code == 200

    restriction = PageViewRestriction.objects.create(
        page=english[restricted], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=COMMITTEE_MEMBERS)])
    assert refused(client.get(english[restricted].url))
    if restricted == "cohorts":
        assert refused(client.get(cohort_address))
    client.force_login(people.committee)
    assert client.get(english[restricted].url).status_code == 200

    restriction.delete()
    client.force_login(people.outsider)
    assert client.get(english[restricted].url).status_code == 200
    assert client.get(cohort_address).status_code == 200
