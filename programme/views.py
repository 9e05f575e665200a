"""Calendar feed views for cohorts, sessions and events."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from programme.calendars import calendar_for
from programme.models import Cohort, Event, Session, attach_registration_links, attach_topics


def _ics_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def cohort_calendar(request, slug):
    cohort = get_object_or_404(Cohort.objects.with_sessions(), slug=slug)
    name = gettext("AI for Cities – %(cohort)s") % {"cohort": cohort}
    return _ics_response(calendar_for(name, cohort.ordered_sessions), f"{cohort.slug}.ics")


def all_calendar(request):
    sessions = Session.objects.select_related("cohort").prefetch_related("cohort__sessions")
    events = attach_registration_links(attach_topics(Event.objects.select_related("topic")))
    name = gettext("AI for Cities – all sessions and events")
    return _ics_response(calendar_for(name, sessions, events), "ai-for-cities.ics")
