"""The public registration form of an event (a stable address per event, in six languages), and
the registrant's own pages, reached through their signed link: their place with the link to
join, and cancelling it."""

from csp.decorators import csp_update
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from applications.spam_check import recaptcha_script_url
from applications.views import privacy_page
from home.closing import programme_ended_on
from programme.models import attach_topics
from registrations.forms import CancelForm, RegistrationForm
from registrations.links import key_from_token
from registrations.models import EventRegistration, Registrant, RegistrantStatus
from registrations.places import cancel, is_full, register
from web.cache_headers import mark_private
from web.csp import RECAPTCHA_CSP
from web.throttle import Limit, client_address, hit, too_many_requests

LARGEST_ID = 2**63 - 1
CLOSED_BY_EDITORS = "closed"
PROGRAMME_ENDED = "ended"
EVENT_OVER = "over"


def registration_limit():
    # Open while the shared cache is down, like the application form.
    return Limit.from_setting(
        "registrations:submissions", "APPLICATION_RATE", open_when_cache_is_down=True
    )


def why_closed(registration, request, now=None):
    """Why the form takes no registration now, or None while it does."""
    now = now or timezone.now()
    if programme_ended_on(request) is not None:
        return PROGRAMME_ENDED
    if now >= registration.event.ends_at:
        return EVENT_OVER
    if registration.is_closed(now):
        return CLOSED_BY_EDITORS
    return None


def _language():
    return (get_language() or "en").split("-")[0]


def public_registration(event_id):
    """The registration of an event open to the public, or 404 (never opened)."""
    if event_id > LARGEST_ID:  # SQLite cannot even look it up
        raise Http404
    registration = get_object_or_404(
        EventRegistration.objects.select_related("event__topic"), event_id=event_id
    )
    if not registration.is_open and not registration.registrants.exists():
        raise Http404
    (registration.event,) = attach_topics([registration.event])
    return registration


@csp_update(RECAPTCHA_CSP)
def register_for_event(request, event_id):
    registration = public_registration(event_id)
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "privacy_page": privacy_page(request),
        "recaptcha_script": recaptcha_script_url(_language()),
        "recaptcha_site_key": settings.RECAPTCHA_PUBLIC_KEY,
        "full": is_full(registration),
    }
    closed = why_closed(registration, request)
    if closed:
        context.update(closed=closed, ended_on=programme_ended_on(request))
        status = 403 if request.method == "POST" else 200
        return TemplateResponse(request, "registrations/closed.html", context, status=status)
    if request.method != "POST":
        context.update(form=RegistrationForm(), show_errors=False)
        return TemplateResponse(request, "registrations/register.html", context)
    verdict = hit(registration_limit(), client_address(request))
    if not verdict.allowed:
        return too_many_requests(request, verdict.retry_after)
    form = RegistrationForm(request.POST, client_address=client_address(request))
    if not form.is_valid():
        context.update(form=form, show_errors=True)
        return TemplateResponse(request, "registrations/register.html", context)
    # What a new registrant would be told, whoever sent the form: the page never says whether
    # this address had registered before.
    context["waiting"] = is_full(registration)
    register(
        registration,
        form.cleaned_data,
        form_key=form.cleaned_data["started"].key,
        language=_language(),
        spam_check_done=form.spam_check_done,
    )
    return mark_private(TemplateResponse(request, "registrations/sent.html", context))


def registrant_from_token(token):
    key = key_from_token(token)
    registrant = (
        Registrant.objects.select_related("registration__event__topic")
        .filter(key=key, erased_at__isnull=True)
        .first()
        if key
        else None
    )
    if registrant is None:
        raise Http404
    (registrant.registration.event,) = attach_topics([registrant.registration.event])
    return registrant


def _private(response):
    response = mark_private(response)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def registrant_page(request, token):
    """The registrant's own page: their place, the link to join (only here), and cancelling."""
    registrant = registrant_from_token(token)
    event = registrant.registration.event
    context = {
        "registrant": registrant,
        "event": event,
        "token": token,
        "shows_join_link": registrant.is_confirmed and event.join_url and not event.is_past,
        "just_cancelled": request.GET.get("cancelled") == "1",
    }
    return _private(TemplateResponse(request, "registrations/registrant.html", context))


def cancel_registration(request, token):
    """Cancelling asks first (GET) and happens by POST, so a link opened by a mail scanner
    cancels nothing."""
    registrant = registrant_from_token(token)
    if request.method == "POST" and CancelForm(request.POST).is_valid():
        if registrant.status != RegistrantStatus.CANCELLED:
            cancel(registrant)
        return redirect(reverse("registrations:registrant", args=[token]) + "?cancelled=1")
    context = {
        "registrant": registrant,
        "event": registrant.registration.event,
        "form": CancelForm(),
        "token": token,
    }
    return _private(TemplateResponse(request, "registrations/cancel.html", context))
