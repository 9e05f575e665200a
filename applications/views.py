"""The application page's views: the form (GET/POST) and the confirmation with the reference."""

import uuid
from urllib.parse import urlencode

from csp.decorators import csp_update
from django.conf import settings
from django.core import signing
from django.db import IntegrityError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Page, Site

from applications.alerts import OpeningAlertForm, confirm, subscribe
from applications.decisions import change_status
from applications.forms import ApplicationForm, ParticipantFormSet
from applications.letters import LETTER_MAX_BYTES
from applications.records import Application, ApplicationStatus
from applications.spam_check import recaptcha_script_url
from applications.status_links import reference_from_status_token
from applications.submission import application_sent_with, store_application
from home.closing import programme_ended_on
from home.site_cache import contact_for
from programme.models import Cohort
from web.cache_headers import mark_private
from web.csp import RECAPTCHA_CSP
from web.request_hygiene import body_too_large, too_large
from web.throttle import Limit, client_address, hit, too_many_requests

RECEIPT_SALT = "applications.received"
PARTICIPANTS_PREFIX = "participants"
# The letter and the form's fields: anything larger is refused before it is read.
APPLICATION_BODY_MAX_BYTES = LETTER_MAX_BYTES + 1024 * 1024


def privacy_page(request):
    """The privacy notice in the reader's language (or the source page if not translated)."""
    site = Site.find_for_request(request)
    contact = contact_for(site) if site else None
    if contact is None or contact.privacy_page_id is None:
        return None
    page = Page.objects.filter(pk=contact.privacy_page_id).first()
    return page.localized if page else None


def _reader_country(upcoming):
    """Pre-select the first country whose window is announced, if any."""
    return upcoming[0].country if upcoming else None


def open_cohorts():
    cohorts = list(Cohort.objects.with_sessions())
    open_ids = [cohort.pk for cohort in cohorts if cohort.is_open_for_applications]
    upcoming = [
        cohort
        for cohort in cohorts
        if cohort.status == "planned" and cohort.applications_open_on is not None
    ]
    return Cohort.objects.filter(pk__in=open_ids).order_by("planned_start"), upcoming


def _as_new_application(data):
    """A new application has no stored participants: ignore a tampered INITIAL_FORMS count."""
    data = data.copy()
    data[f"{PARTICIPANTS_PREFIX}-INITIAL_FORMS"] = "0"
    return data


def _with_extra_participant(data):
    """The posted data with one more, empty participant row (adding a row without JavaScript)."""
    data = data.copy()
    key = f"{PARTICIPANTS_PREFIX}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, "1")) + 1)
    except ValueError:
        data[key] = "1"
    return data


def chosen_cohort(request, cohorts):
    """The open cohort named in the address (`?cohort=<slug>`, as Apply links give it)."""
    slug = request.GET.get("cohort", "")
    return next((cohort for cohort in cohorts if cohort.slug == slug), None) if slug else None


def application_limit():
    # Open while the shared cache is down: an application must never meet a dead end.
    return Limit.from_setting(
        "applications:submissions", "APPLICATION_RATE", open_when_cache_is_down=True
    )


def programme_has_ended(page, request):
    """Once the programme has ended, no form here starts anything: the page says so (a POST
    is refused with the same words)."""
    ended_on = programme_ended_on(request)
    if ended_on is None:
        return None
    context = {"page": page, "self": page, "request": request, "ended_on": ended_on}
    status = 403 if request.method == "POST" else 200
    return TemplateResponse(request, "applications/programme_ended.html", context, status=status)


@csp_update(RECAPTCHA_CSP)
def application_form(page, request):
    """The form (GET/POST); reCAPTCHA's sources are allowed on this page and no other."""
    if ended := programme_has_ended(page, request):
        return ended
    if request.method == "POST" and body_too_large(request, APPLICATION_BODY_MAX_BYTES):
        return too_large(request, APPLICATION_BODY_MAX_BYTES)
    cohorts, upcoming = open_cohorts()
    context = {
        "page": page,
        "self": page,
        "request": request,
        "upcoming_cohorts": upcoming,
        "privacy_page": privacy_page(request),
        "recaptcha_script": recaptcha_script_url((get_language() or "en").split("-")[0]),
        "recaptcha_site_key": settings.RECAPTCHA_PUBLIC_KEY,
        # A cohort's slug is the same in every language: the switcher keeps it preselected.
        "kept_query": ("cohort",),
    }
    if not cohorts:
        status = 403 if request.method == "POST" else 200
        context["alert_form"] = OpeningAlertForm(initial={"country": _reader_country(upcoming)})
        return TemplateResponse(
            request, "applications/applications_closed.html", context, status=status
        )
    if request.method == "POST" and "add_participant" in request.POST:
        form = ApplicationForm(request.POST, cohorts=cohorts)
        participants = ParticipantFormSet(
            _with_extra_participant(_as_new_application(request.POST)),
            prefix=PARTICIPANTS_PREFIX,
        )
        context.update(form=form, participants=participants, show_errors=False)
        return TemplateResponse(request, "applications/application_page.html", context)
    if request.method == "POST":
        verdict = hit(application_limit(), client_address(request))
        if not verdict.allowed:
            return too_many_requests(request, verdict.retry_after)
        # Before anything else: a form sent again (its visitor never saw the first answer)
        # shows the application it became, whatever it says now.
        received = page.url + page.reverse_subpage("received")
        stored_before = application_sent_with(request.POST.get("started"))
        if stored_before is not None:
            return redirect(receipt_address(received, stored_before, again=True))
        form = ApplicationForm(
            request.POST, request.FILES, cohorts=cohorts, client_address=client_address(request)
        )
        participants = ParticipantFormSet(
            _as_new_application(request.POST), prefix=PARTICIPANTS_PREFIX
        )
        form_ok = form.is_valid()
        participants_ok = participants.is_valid()
        if form_ok and participants_ok:
            try:
                application, stored_now = store_application(form, participants)
            except IntegrityError:  # the same form, stored meanwhile for another cohort
                application = application_sent_with(request.POST.get("started"))
                if application is None:
                    raise
                stored_now = False
            return redirect(receipt_address(received, application, again=not stored_now))
        context.update(form=form, participants=participants, show_errors=True)
        return TemplateResponse(request, "applications/application_page.html", context)
    chosen = chosen_cohort(request, cohorts)
    form = ApplicationForm(
        cohorts=cohorts,
        initial={"cohort": chosen.pk, "country": chosen.country} if chosen else None,
    )
    participants = ParticipantFormSet(prefix=PARTICIPANTS_PREFIX)
    context.update(form=form, participants=participants, show_errors=False)
    return TemplateResponse(request, "applications/application_page.html", context)


def receipt_address(received, application, again=False):
    """The confirmation page of `application` (at `received`), through a signed reference.

    Wagtail page URLs allow only letters, digits and hyphens: the token goes in the query.
    """
    query = {"receipt": signing.dumps(application.reference, salt=RECEIPT_SALT)}
    if again:
        query["again"] = "1"
    return f"{received}?{urlencode(query)}"


def application_received(page, request, token):
    try:
        reference = signing.loads(token, salt=RECEIPT_SALT)
    except signing.BadSignature:
        raise Http404
    application = Application.objects.filter(reference=reference).select_related("cohort").first()
    if application is None:
        raise Http404
    context = {
        "page": page,
        "self": page,
        "request": request,
        "application": application,
        "sent_again": request.GET.get("again") == "1",
    }
    return mark_private(
        TemplateResponse(request, "applications/application_received.html", context)
    )


def application_status(page, request):
    """Where an application stands, reached through the private link of the acknowledgement."""
    token = request.POST.get("token") or request.GET.get("token", "")
    reference = reference_from_status_token(token)
    application = (
        Application.objects.filter(reference=reference)
        .select_related("cohort")
        .prefetch_related("cohort__sessions")
        .first()
        if reference
        else None
    )
    if application is None:
        raise Http404
    if request.method == "POST" and request.POST.get("withdraw") and application.can_withdraw:
        change_status(application, ApplicationStatus.WITHDRAWN)
        status_page = page.url + page.reverse_subpage("status")
        return redirect(f"{status_page}?{urlencode({'token': token, 'withdrawn': 1})}")
    context = {
        "page": page,
        "self": page,
        "request": request,
        "application": application,
        "cohort": application.cohort,
        "token": token,
        "just_withdrawn": request.GET.get("withdrawn") == "1",
        # The switcher leads to this status page in the other languages, with its token.
        "route_suffix": page.reverse_subpage("status"),
        "kept_query": ("token",),
    }
    return mark_private(TemplateResponse(request, "applications/application_status.html", context))


def request_opening_alert(page, request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if ended := programme_has_ended(page, request):
        return ended
    limit = Limit.from_setting("applications:opening-alerts", "OPENING_ALERT_RATE")
    verdict = hit(limit, client_address(request))
    if not verdict.allowed:
        return too_many_requests(request, verdict.retry_after)
    form = OpeningAlertForm(request.POST)
    context = {"page": page, "self": page, "request": request}
    if not form.is_valid():
        _cohorts, upcoming = open_cohorts()
        context.update(alert_form=form, upcoming_cohorts=upcoming, show_alert_errors=True)
        return TemplateResponse(request, "applications/applications_closed.html", context)
    subscribe(form.cleaned_data["email"], form.cleaned_data["country"])
    context["alert_country"] = dict(form.fields["country"].choices)[form.cleaned_data["country"]]
    return TemplateResponse(request, "applications/alert_requested.html", context)


def confirm_opening_alert(page, request):
    try:
        token = uuid.UUID(request.GET.get("token", ""))
    except ValueError:
        raise Http404
    alert = confirm(token)
    if alert is None:
        raise Http404
    context = {"page": page, "self": page, "request": request, "alert": alert}
    return mark_private(TemplateResponse(request, "applications/alert_confirmed.html", context))
