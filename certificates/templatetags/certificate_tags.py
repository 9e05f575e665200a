"""Template tags for the participant's certificates and the cohort page's join links."""

from django import template
from django.urls import reverse

from certificates.models import Certificate, Enrolment
from certificates.views import calendar_token, is_staff

register = template.Library()


@register.simple_tag(takes_context=True)
def my_certificates(context):
    """The logged-in user's valid certificates, enrolments and private calendar address."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"certificates": [], "enrolments": [], "calendar_url": ""}
    enrolments = list(Enrolment.objects.filter(user=user).select_related("cohort"))
    certificates = list(
        Certificate.objects.valid()
        .filter(enrolment__user=user)
        .select_related("enrolment__cohort")
        .order_by("-issued_at")
    )
    calendar_url = ""
    if enrolments:
        calendar_url = request.build_absolute_uri(
            reverse("certificates:calendar", kwargs={"token": calendar_token(user)})
        )
    return {"certificates": certificates, "enrolments": enrolments, "calendar_url": calendar_url}


@register.simple_tag(takes_context=True)
def shows_join_links(context, cohort):
    """Only participants enrolled in `cohort`, and staff, see its sessions' join links."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    # The enrolment first: one query for a participant; staff permissions cost two more.
    return Enrolment.objects.filter(cohort=cohort, user=user).exists() or is_staff(user)
