"""Demo cohorts, sessions and events: the real programme, with plausible dates.

The 2025 cohorts and the final conference keep their real periods. The German and Belgian
cohorts and one web conference are placed relative to the day the demo is loaded, so that a
newcomer sees a cohort in progress, one open for applications and an upcoming event, as long
as that fits the programme's period: every session and web conference comes before the final
conference that closes the programme in December 2026. Loaded late in 2026, the two cohorts
are moved back to end before it (then none is open for applications: the call is over).
"""

import datetime
import zoneinfo

from django.utils import timezone

from programme.facts import COUNTRY_TIME_ZONES
from programme.models import Cohort, Event, EventKind, EventTopic, Session, SessionKind

VENUES = {
    "FR": "Efus, 10 rue des Montiboeufs, 75020 Paris",
    "FR2": "Hôtel de Ville de Lyon, 1 place de la Comédie, 69001 Lyon",
    "ES": "Ayuntamiento de Sevilla, Plaza Nueva 1, 41001 Sevilla",
    "IT": "Palazzo d'Accursio, Piazza Maggiore 6, 40124 Bologna",
    "NL": "Stadskantoor Utrecht, Stadsplateau 1, 3521 AZ Utrecht",
    "DE": "Neues Rathaus, Martin-Luther-Ring 4, 04109 Leipzig",
    "BE": "Hôtel de Ville de Liège, Place du Marché 2, 4000 Liège",
}


def _at(day, hour, minute, country):
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(COUNTRY_TIME_ZONES[country])
    )


def _online(day, country):
    return (_at(day, 9, 30, country), _at(day, 12, 0, country))


def _in_person(day, country):
    return (_at(day, 9, 30, country), _at(day, 17, 0, country))


# The final online conference closes the programme; cohorts end a week before it.
FINAL_CONFERENCE = datetime.date(2026, 12, 10)
LAST_COHORT_DAY = FINAL_CONFERENCE - datetime.timedelta(days=7)
LAST_WEB_CONFERENCE_DAY = FINAL_CONFERENCE - datetime.timedelta(days=14)
GERMAN_LENGTH = datetime.timedelta(days=42)
BELGIAN_LENGTH = datetime.timedelta(days=38)


def _tuesday_on_or_after(day):
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def _tuesday_on_or_before(day):
    return day - datetime.timedelta(days=(day.weekday() - 1) % 7)


def _start_within_programme(wished, length):
    """`wished` (a Tuesday), or the last Tuesday that lets the cohort end before the final
    conference."""
    return min(wished, _tuesday_on_or_before(LAST_COHORT_DAY - length))


def _applications(start, today):
    """Open around `today` when the cohort starts in five weeks or later; otherwise the
    window that came before the cohort."""
    if start >= today + datetime.timedelta(days=35):
        return (today - datetime.timedelta(days=7), today + datetime.timedelta(days=21))
    return (start - datetime.timedelta(days=60), start - datetime.timedelta(days=20))


def _cohort_specs(today, open_call=False):
    """The seven cohorts. `open_call` places the Belgian cohort five weeks after `today`
    whatever the programme's period, so that its call is open (to try the application form on
    a demo loaded after the programme's last call)."""
    d = datetime.date
    germany_start = _start_within_programme(
        _tuesday_on_or_after(today - datetime.timedelta(days=24)), GERMAN_LENGTH
    )
    belgium_wished = _tuesday_on_or_after(today + datetime.timedelta(days=35))
    belgium_start = (
        belgium_wished if open_call else _start_within_programme(belgium_wished, BELGIAN_LENGTH)
    )
    belgium_applications = _applications(belgium_start, today)
    return [
        {
            "slug": "france-2025-spring",
            "country": "FR",
            "languages": ["fr"],
            "planned": (d(2025, 3, 1), d(2025, 4, 30)),
            "applications": (d(2025, 1, 6), d(2025, 2, 14)),
            "online": [d(2025, 3, 5), d(2025, 3, 12), d(2025, 3, 19), d(2025, 4, 2)],
            "in_person": (d(2025, 4, 10), VENUES["FR"]),
            "confirmed": 5,
            "move": (2, d(2025, 3, 26)),
        },
        {
            "slug": "france-2025-autumn",
            "country": "FR",
            "languages": ["fr"],
            "planned": (d(2025, 10, 1), d(2025, 11, 30)),
            "applications": (d(2025, 7, 1), d(2025, 9, 12)),
            "online": [d(2025, 10, 7), d(2025, 10, 14), d(2025, 10, 28), d(2025, 11, 4)],
            "in_person": (d(2025, 11, 20), VENUES["FR2"]),
            "confirmed": 5,
        },
        {
            "slug": "spain-2025-autumn",
            "country": "ES",
            "languages": ["es"],
            "planned": (d(2025, 10, 1), d(2025, 11, 30)),
            "applications": (d(2025, 7, 1), d(2025, 9, 19)),
            "online": [d(2025, 10, 9), d(2025, 10, 16), d(2025, 10, 30), d(2025, 11, 6)],
            "in_person": (d(2025, 11, 27), VENUES["ES"]),
            "confirmed": 5,
        },
        {
            "slug": "italy-2026",
            "country": "IT",
            "languages": ["it"],
            "planned": (d(2026, 2, 1), d(2026, 3, 31)),
            "applications": (d(2025, 11, 3), d(2026, 1, 16)),
            "online": [d(2026, 2, 10), d(2026, 2, 17), d(2026, 3, 3), d(2026, 3, 10)],
            "in_person": (d(2026, 3, 26), VENUES["IT"]),
            "confirmed": 5,
        },
        {
            "slug": "netherlands-2026",
            "country": "NL",
            "languages": ["nl"],
            "planned": (d(2026, 4, 1), d(2026, 5, 31)),
            "applications": (d(2026, 1, 12), d(2026, 3, 13)),
            "online": [d(2026, 4, 8), d(2026, 4, 15), d(2026, 4, 22), d(2026, 5, 6)],
            "in_person": (d(2026, 5, 21), VENUES["NL"]),
            "confirmed": 5,
        },
        {
            "slug": f"germany-{germany_start.year}",
            "relative": True,
            "country": "DE",
            "languages": ["de"],
            "planned": (germany_start, germany_start + datetime.timedelta(days=50)),
            "applications": (
                germany_start - datetime.timedelta(days=90),
                germany_start - datetime.timedelta(days=40),
            ),
            "online": [germany_start + datetime.timedelta(days=7 * i) for i in (0, 1, 2, 4)],
            "in_person": (germany_start + GERMAN_LENGTH, VENUES["DE"]),
            "confirmed": 5,
            "move": (3, germany_start + datetime.timedelta(days=35)),
        },
        {
            "slug": f"belgium-{belgium_start.year}",
            "relative": True,
            "country": "BE",
            "languages": ["fr", "nl", "de"],
            "planned": (belgium_start, belgium_start + datetime.timedelta(days=45)),
            "applications": belgium_applications,
            "online": [belgium_start + datetime.timedelta(days=7 * i) for i in range(4)],
            "in_person": (belgium_start + BELGIAN_LENGTH, VENUES["BE"]),
            # Dates are confirmed as the cohort nears; all of them once applications closed.
            "confirmed": 2 if belgium_applications[1] >= today else 5,
        },
    ]


def _announced(day):
    """When the programme team confirmed a date: about six weeks ahead, at 10:00."""
    return datetime.datetime.combine(
        day - datetime.timedelta(days=45), datetime.time(10, 0), tzinfo=datetime.UTC
    )


def _create_cohort(spec, editor):
    country = spec["country"]
    cohort = Cohort.objects.create(
        slug=spec["slug"],
        country=country,
        delivery_languages=spec["languages"],
        year=spec["planned"][0].year,
        planned_start=spec["planned"][0],
        planned_end=spec["planned"][1],
        seats=25,
        applications_open_on=spec["applications"][0],
        applications_close_on=spec["applications"][1],
    )
    slots = [(SessionKind.ONLINE, _online(day, country), "") for day in spec["online"]]
    day, venue = spec["in_person"]
    slots.append((SessionKind.IN_PERSON, _in_person(day, country), venue))
    for position, (kind, (starts, ends), venue) in enumerate(slots, start=1):
        session = Session.objects.create(
            cohort=cohort, kind=kind, position=position, starts_at=starts, ends_at=ends, venue=venue
        )
        before = session.snapshot()
        if position <= spec["confirmed"]:
            session.is_confirmed = True
            session.save()
            session.record_edit(before, editor, at=_announced(spec["online"][0]))
    if "move" in spec:
        index, new_day = spec["move"]
        session = cohort.sessions.order_by("position")[index]
        before = session.snapshot()
        session.starts_at, session.ends_at = _online(new_day, country)
        session.save()
        moved_at = before.starts_at - datetime.timedelta(days=10)
        session.record_edit(before, editor, at=min(moved_at, timezone.now()))
    return cohort


def _already_loaded(spec):
    """A cohort placed relative to the loading day is the same cohort on any later day."""
    if spec.get("relative"):
        prefix = spec["slug"].rsplit("-", 1)[0]
        return Cohort.objects.filter(
            slug__startswith=f"{prefix}-", country=spec["country"]
        ).exists()
    return Cohort.objects.filter(slug=spec["slug"]).exists()


def load_cohorts(editor, today=None, open_call=False):
    today = today or timezone.localdate()
    created = 0
    for spec in _cohort_specs(today, open_call):
        if _already_loaded(spec):
            continue
        _create_cohort(spec, editor)
        created += 1
    return created


def _event_specs(today):
    brussels = zoneinfo.ZoneInfo("Europe/Brussels")

    def at(day, hour):
        return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=brussels)

    d = datetime.date
    upcoming = min(today + datetime.timedelta(days=16), LAST_WEB_CONFERENCE_DAY)
    return [
        ("ai-act", EventKind.WEB_CONFERENCE, at(d(2025, 6, 17), 14), at(d(2025, 6, 17), 15)),
        ("video", EventKind.WEB_CONFERENCE, at(d(2025, 12, 9), 14), at(d(2025, 12, 9), 15)),
        ("lessons", EventKind.WEB_CONFERENCE, at(d(2026, 6, 16), 14), at(d(2026, 6, 16), 15)),
        ("procurement", EventKind.WEB_CONFERENCE, at(upcoming, 14), at(upcoming, 15)),
        ("final", EventKind.FINAL_CONFERENCE, at(FINAL_CONFERENCE, 14), at(FINAL_CONFERENCE, 17)),
    ]


def load_events(topics, today=None):
    """`topics` maps a demo key to its English EventTopic."""
    today = today or timezone.localdate()
    for key, kind, starts, ends in _event_specs(today):
        Event.objects.get_or_create(
            topic=topics[key],
            kind=kind,
            defaults={
                "starts_at": starts,
                "ends_at": ends,
                "join_url": f"https://meet.example.org/aicities-{key}",
                "recording_url": (
                    f"https://video.example.org/aicities-{key}" if ends.date() < today else ""
                ),
            },
        )


def ensure_topics(specs, locale):
    topics = {}
    for key, (title, summary) in specs.items():
        topic = EventTopic.objects.filter(title=title, locale=locale).first()
        if topic is None:
            topic = EventTopic.objects.create(title=title, summary=summary, locale=locale)
        topics[key] = topic
    return topics
