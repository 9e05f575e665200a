"""The application page's views: the form (GET/POST) and the confirmation with the reference."""

from urllib.parse import urlencode

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from applications.forms import ApplicationForm, ParticipantFormSet
from applications.models import Application
from applications.submission import store_application
from programme.models import Cohort

RECEIPT_SALT = "applications.received"
PARTICIPANTS_PREFIX = "participants"


def open_cohorts():
    cohorts = list(Cohort.objects.with_sessions())
    open_ids = [cohort.pk for cohort in cohorts if cohort.is_open_for_applications]
    upcoming = [
        cohort
        for cohort in cohorts
        if cohort.status == "planned" and cohort.applications_open_on is not None
    ]
    return Cohort.objects.filter(pk__in=open_ids).order_by("planned_start"), upcoming


def _with_extra_participant(data):
    """The posted data with one more, empty participant row (adding a row without JavaScript)."""
    data = data.copy()
    key = f"{PARTICIPANTS_PREFIX}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, "1")) + 1)
    except ValueError:
        data[key] = "1"
    return data


def application_form(page, request):
    cohorts, upcoming = open_cohorts()
    context = {"page": page, "self": page, "request": request, "upcoming_cohorts": upcoming}
    if not cohorts:
        status = 403 if request.method == "POST" else 200
        return TemplateResponse(
            request, "applications/applications_closed.html", context, status=status
        )
    if request.method == "POST" and "add_participant" in request.POST:
        form = ApplicationForm(request.POST, cohorts=cohorts)
        participants = ParticipantFormSet(
            _with_extra_participant(request.POST), prefix=PARTICIPANTS_PREFIX
        )
        context.update(form=form, participants=participants, show_errors=False)
        return TemplateResponse(request, "applications/application_page.html", context)
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, cohorts=cohorts)
        participants = ParticipantFormSet(request.POST, prefix=PARTICIPANTS_PREFIX)
        form_ok = form.is_valid()
        participants_ok = participants.is_valid()
        if form_ok and participants_ok:
            application = store_application(form, participants)
            token = signing.dumps(application.reference, salt=RECEIPT_SALT)
            # Wagtail page URLs allow only letters, digits and hyphens: the token goes in the query.
            received = page.url + page.reverse_subpage("received")
            return redirect(f"{received}?{urlencode({'receipt': token})}")
        context.update(form=form, participants=participants, show_errors=True)
        return TemplateResponse(request, "applications/application_page.html", context)
    form = ApplicationForm(cohorts=cohorts)
    participants = ParticipantFormSet(prefix=PARTICIPANTS_PREFIX)
    context.update(form=form, participants=participants, show_errors=False)
    return TemplateResponse(request, "applications/application_page.html", context)


def application_received(page, request, token):
    try:
        reference = signing.loads(token, salt=RECEIPT_SALT)
    except signing.BadSignature:
        raise Http404
    application = Application.objects.filter(reference=reference).select_related("cohort").first()
    if application is None:
        raise Http404
    context = {"page": page, "self": page, "request": request, "application": application}
    return TemplateResponse(request, "applications/application_received.html", context)
