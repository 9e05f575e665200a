"""What the programme shows on the home page and adds to site search: cohorts, next sessions
and the programme's figures."""

from django.db import models
from django.utils import timezone
from wagtail.models import Locale

from home.visibility import discoverable_pages
from programme.facts import COUNTRIES
from programme.models import Cohort, CohortIndexPage

COMING_COHORTS_SHOWN = 4
NEXT_SESSIONS_SHOWN = 5


def add_cohorts_to_home_page(page, request, context):
    context["key_figures"].update(
        Cohort.objects.aggregate(
            cohorts=models.Count("id", distinct=True),
            countries=models.Count("country", distinct=True),
        )
    )
    current = list(Cohort.objects.not_finished().with_sessions())
    context["open_cohorts"] = [c for c in current if c.is_open_for_applications]
    context["coming_cohorts"] = [c for c in current if c.status not in ("completed", "cancelled")][
        :COMING_COHORTS_SHOWN
    ]
    now = timezone.now()
    upcoming = [
        session
        for cohort in current
        for session in cohort.ordered_sessions
        if session.shows_date and not session.is_cancelled and session.starts_at >= now
    ]
    context["next_sessions"] = sorted(upcoming, key=lambda s: s.starts_at)[:NEXT_SESSIONS_SHOWN]
    context["cohort_index"] = (
        CohortIndexPage.objects.live()
        .filter(locale_id=page.locale_id)
        .only("id", "url_path", "locale_id")
        .first()
    )


def add_matching_cohorts_to_search(query, context):
    """Cohorts whose country, in the reader's language, matches the query."""
    lowered = query.casefold()
    countries = [code for code, name in COUNTRIES if lowered in str(name).casefold()]
    if not countries:
        return
    context["matching_cohorts"] = list(Cohort.objects.with_sessions().filter(country__in=countries))
    context["cohort_index"] = discoverable_pages(
        CohortIndexPage.objects.filter(locale=Locale.get_active())
    ).first()
