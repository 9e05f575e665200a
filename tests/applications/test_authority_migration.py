"""Applications stored before the applicant's kind of authority was asked keep their city as a
municipality. A module of its own: its test migrates, so it commits, and the other authority
tests can then share one page tree."""

import pytest

from programme.factories import CohortFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_applications_stored_before_become_municipalities_named_after_their_city(migrated_to):
    old_apps = migrated_to([("applications", "0004_alter_application_letter")])
    # Only the applications app goes back: the cohort is today's.
    cohort = CohortFactory(country="IT", slug="italy-old")
    old_apps.get_model("applications", "Application").objects.create(
        reference="AIC-2026-IT-0001",
        cohort_id=cohort.pk,
        language="it",
        city_name="Bologna",
        country="IT",
        region="Emilia-Romagna",
        population=390_000,
        service="municipal_police",
        contact_name="Giulia Rossi",
        contact_position="Comandante",
        contact_email="giulia.rossi@example.it",
        contact_phone="+39 051 000000",
        motivation="…",
        commits_to_attend=True,
        consent_version="2026-01",
        consented_at="2026-01-20T10:00:00Z",
    )

    new_apps = migrated_to([("applications", "0005_applicant_authority")])
    migrated = new_apps.get_model("applications", "Application").objects.get()
    assert (migrated.authority_kind, migrated.authority_name, migrated.efus_member) == (
        "municipality",
        "Bologna",
        "unknown",
    )
