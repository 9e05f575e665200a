"""What a participant finds in "my space": their certificates and private calendar address."""

from django.urls import reverse

from certificates.models import Certificate, Enrolment
from certificates.views import calendar_token
from web.links import absolute_url


def enrolments_of(request):
    """The signed-in user's enrolments with their cohorts, read once per request ("my space"
    asks for its certificates and for the sessions awaiting feedback)."""
    memo = request.__dict__
    if "_enrolments" not in memo:
        memo["_enrolments"] = list(
            Enrolment.objects.filter(user=request.user).select_related("cohort")
        )
    return memo["_enrolments"]


def holder_space(request):
    """The signed-in user's valid certificates, enrolments and private calendar address."""
    user = request.user
    enrolments = enrolments_of(request)
    certificates = list(
        Certificate.objects.valid()
        .filter(enrolment__user=user)
        .select_related("enrolment__cohort")
        .order_by("-issued_at")
    )
    calendar_url = ""
    if enrolments:
        calendar_url = absolute_url(
            reverse("certificates:calendar", kwargs={"token": calendar_token(user)})
        )
    return {"certificates": certificates, "enrolments": enrolments, "calendar_url": calendar_url}
