"""What the programme shows on the home page and adds to site search: cohorts, next sessions
and the programme's figures."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from home.search import backend_name, folded, search_terms
from home.sections import Section
from home.visibility import discoverable_pages, section_or_page_in_language
from programme.facts import COUNTRIES
from programme.models import (
    Cohort,
    CohortIndexPage,
    Event,
    EventIndexPage,
    EventTopic,
    attach_topics,
)

COMING_COHORTS_SHOWN = 4
NEXT_SESSIONS_SHOWN = 5


def add_cohorts_to_home_page(page, request):
    """The call to apply, the programme's figures, the next sessions and the coming cohorts."""
    figures = Cohort.objects.aggregate(
        cohorts=models.Count("id", distinct=True),
        countries=models.Count("country", distinct=True),
    )
    current = list(Cohort.objects.not_finished().with_sessions())
    now = timezone.now()
    upcoming = [
        session
        for cohort in current
        for session in cohort.ordered_sessions
        if session.shows_date and not session.is_cancelled and session.starts_at >= now
    ]
    cohort_index = section_or_page_in_language(request, page, CohortIndexPage)
    return [
        Section(
            "programme/includes/home_call_to_action.html",
            {
                "open_cohorts": [c for c in current if c.is_open_for_applications],
                "cohort_index": cohort_index,
            },
            place="call_to_action",
        ),
        Section("programme/includes/home_figures.html", figures, order=20, place="figures"),
        Section(
            "programme/includes/home_cohorts.html",
            {
                "next_sessions": sorted(upcoming, key=lambda s: s.starts_at)[:NEXT_SESSIONS_SHOWN],
                "coming_cohorts": [
                    c for c in current if c.status not in ("completed", "cancelled")
                ][:COMING_COHORTS_SHOWN],
                "cohort_index": cohort_index,
            },
        ),
    ]


def add_matching_cohorts_to_search(query):
    """Cohorts whose country (as the reader says it) or venue contains the query, accents aside."""
    wanted = folded(query)
    countries = [code for code, name in COUNTRIES if wanted in folded(str(name))]
    candidates = (
        Cohort.objects.with_sessions()
        .filter(Q(country__in=countries) | Q(sessions__venue__gt=""))
        .distinct()
    )
    cohorts = [
        cohort
        for cohort in candidates
        if cohort.country in countries
        or any(wanted in folded(session.venue) for session in cohort.ordered_sessions)
    ]
    if not cohorts:
        return None
    cohort_index = discoverable_pages(
        CohortIndexPage.objects.filter(locale=Locale.get_active())
    ).first()
    if cohort_index is None:
        return None
    return Section(
        "programme/includes/search_cohorts.html", {"cohorts": cohorts, "cohort_index": cohort_index}
    )


def add_matching_events_to_search(query):
    """Events whose topic, in the reader's language (title or summary), matches the query."""
    locale = Locale.get_active()
    topics = get_search_backend(backend_name(locale.language_code)).search(
        search_terms(query), EventTopic.objects.filter(locale_id=locale.pk), operator="and"
    )
    keys = {topic.translation_key for topic in topics}
    if not keys:
        return None
    event_index = discoverable_pages(EventIndexPage.objects.filter(locale=locale)).first()
    if event_index is None:
        return None
    events = Event.objects.filter(topic__translation_key__in=keys).select_related("topic")
    return Section(
        "programme/includes/search_events.html",
        {"events": attach_topics(events), "event_index": event_index},
    )
