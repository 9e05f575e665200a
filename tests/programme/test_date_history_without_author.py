"""A date change recorded without an account (a management command, an import, the bench) has
no author: the cohort's edit screen still shows its fields, its history says "—", and a save
saves (#26: the history's author filter used to fail and take the whole form with it)."""

from django.urls import reverse

from programme.factories import CohortFactory
from tests.programme.test_date_changes import edit_form_data


def test_a_cohort_with_a_change_by_no_one_can_be_edited(client, editor):
    cohort = CohortFactory(with_sessions__confirmed=False)
    session = cohort.sessions.order_by("position").first()
    before = session.snapshot()
    session.is_confirmed = True
    session.save()
    session.record_edit(before)  # no user: as a command records it
    assert cohort.date_changes.filter(changed_by=None).exists()

    client.force_login(editor)
    url = reverse("wagtailsnippets_programme_cohort:edit", args=[cohort.pk])
    data = edit_form_data(client.get(url))
    assert "seats" in data and "sessions-TOTAL_FORMS" in data
    data["seats"] = "27"
    assert client.post(url, data).status_code == 302
    cohort.refresh_from_db()
    assert cohort.seats == 27
