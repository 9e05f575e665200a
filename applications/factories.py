"""Factories for applications and their proposed participants (tests and the benchmark)."""

import datetime

import factory
import wagtail_factories

from applications.models import Application, ApplicationPage, ProposedParticipant
from programme.factories import CohortFactory


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A stored application with its reference, as the form leaves it (no participants: add
    them with `participants=[(name, email), …]` or ProposedParticipantFactory)."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    reference = factory.Sequence(lambda n: f"pending-{n:08d}")
    language = "it"
    authority_name = "Bologna"
    country = factory.SelfAttribute("cohort.country")
    region = "Emilia-Romagna"
    population = 390_000
    service = "municipal_police"
    contact_name = "Giulia Rossi"
    contact_position = "Comandante"
    contact_email = factory.LazyAttribute(
        lambda a: f"contact@{a.authority_name.lower().replace(' ', '-')}.example"
    )
    contact_phone = "+39 051 000000"
    motivation = "Vogliamo usare l'IA in modo responsabile."
    commits_to_attend = True
    consent_version = "2026-01"
    consented_at = datetime.datetime(2026, 1, 20, 10, 0, tzinfo=datetime.UTC)

    @factory.post_generation
    def with_reference(application, create, extracted, **kwargs):
        if create and application.reference.startswith("pending-"):
            application.assign_reference()

    @factory.post_generation
    def participants(application, create, extracted, **kwargs):
        """`participants=[(name, email) or (name, email, fields), …]`."""
        for person in extracted or ():
            name, email, *more = person
            ProposedParticipantFactory(
                application=application, name=name, email=email, **(more[0] if more else {})
            )


class ProposedParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposedParticipant

    application = factory.SubFactory(ApplicationFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    position = "official"
    service = "Polizia locale"


class ApplicationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ApplicationPage

    title = "Apply"
    slug = "apply"
