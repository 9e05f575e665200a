"""Factories for cohorts, sessions, events and programme pages (used by tests and the benchmark)."""

import datetime
import zoneinfo

import factory
import wagtail_factories

from programme.cohort_slugs import COUNTRY_SLUGS
from programme.models import (
    Cohort,
    CohortIndexPage,
    Event,
    EventIndexPage,
    EventKind,
    EventTopic,
    ProgrammePage,
    Session,
    SessionKind,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    # Named by its country, as editors name cohorts ("france-7"), so that its address differs
    # by language ("francia-7" under /it/), as a real cohort's does.
    slug = factory.LazyAttributeSequence(
        lambda cohort, n: f"{COUNTRY_SLUGS[cohort.country]['en']}-{n}"
    )
    country = "FR"
    delivery_languages = ["fr"]
    year = 2026
    planned_start = datetime.date(2026, 3, 1)
    planned_end = datetime.date(2026, 4, 30)
    seats = 25
    applications_open_on = datetime.date(2026, 1, 5)
    applications_close_on = datetime.date(2026, 2, 13)

    @factory.post_generation
    def with_sessions(cohort, create, extracted, **kwargs):
        """Five sessions, weekly from the planned start, unconfirmed unless `confirmed=True`."""
        if not create or extracted is False:
            return
        confirmed = kwargs.get("confirmed", False)
        zone = cohort.zone
        for position in range(1, 6):
            day = cohort.planned_start + datetime.timedelta(days=7 * (position - 1) + 3)
            starts = datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=zone)
            Session.objects.create(
                cohort=cohort,
                kind=SessionKind.IN_PERSON if position == 5 else SessionKind.ONLINE,
                position=position,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2, minutes=30),
                is_confirmed=confirmed,
                venue="Hôtel de Ville, Lyon" if position == 5 else "",
            )


class EventTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventTopic

    title = factory.Sequence(lambda n: f"Web conference topic {n}")
    summary = "<p>What we will discuss.</p>"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = EventKind.WEB_CONFERENCE
    topic = factory.SubFactory(EventTopicFactory)
    starts_at = datetime.datetime(2026, 6, 16, 14, 0, tzinfo=PARIS)
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=1))


class ProgrammePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda n: f"Programme page {n}")
    intro = "About the programme."


class CohortIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CohortIndexPage

    title = "Cohorts and dates"
    slug = "cohorts"


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"
