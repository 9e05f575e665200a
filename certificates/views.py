"""Public pages (verification, the issuer's keys) and the participant's private downloads."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from certificates import credentials
from certificates.enrolment import display_slug
from certificates.forms import VerificationForm
from certificates.issuing import pdf_bytes
from certificates.models import CalendarKey, Certificate, Enrolment, normalise_code
from certificates.ratelimit import lookup_verdict
from programme.calendars import calendar_for
from programme.models import Session
from web.cache_headers import mark_private
from web.request_hygiene import JunkRequest, body_too_large, load_json
from web.throttle import too_many_requests, too_many_requests_json

CALENDAR_SALT = "certificates.calendar"
# A credential is a few kilobytes; its JSON wrapper has no reason to nest.
CREDENTIAL_BODY_MAX_BYTES = 64 * 1024
JSON_MAX_DEPTH = 8


def is_staff(user):
    return user.is_active and (user.is_superuser or user.has_perm("certificates.view_certificate"))


def find_certificate(code):
    if not code:
        return None
    return (
        Certificate.objects.select_related("enrolment__cohort")
        .filter(code=code)
        .only(
            "code",
            "issued_at",
            "revoked_at",
            "language",
            "enrolment__name",
            "enrolment__cohort__country",
            "enrolment__cohort__planned_start",
            "enrolment__cohort__planned_end",
            "enrolment__cohort__year",
        )
        .first()
    )


def _too_many(request, verdict):
    return too_many_requests(request, verdict.retry_after, "certificates/too_many_lookups.html")


def _verification_page(request, form, code=None, looked_up=False):
    certificate = find_certificate(code) if looked_up else None
    response = render(
        request,
        "certificates/verify.html",
        {"form": form, "certificate": certificate, "looked_up": looked_up},
        status=404 if looked_up and certificate is None else 200,
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def verify(request):
    """The form; with ?code=… the result is shown under it."""
    if "code" not in request.GET:
        return _verification_page(request, VerificationForm())
    form = VerificationForm(request.GET)
    if not form.is_valid():
        return _verification_page(request, form)
    verdict = lookup_verdict(request)
    if not verdict.allowed:
        return _too_many(request, verdict)
    return _verification_page(request, form, form.cleaned_data["code"], looked_up=True)


@require_safe
def verify_code(request, code):
    """The address in the QR code."""
    verdict = lookup_verdict(request)
    if not verdict.allowed:
        return _too_many(request, verdict)
    form = VerificationForm(initial={"code": code})
    return _verification_page(request, form, normalise_code(code), looked_up=True)


def _own_certificate(request, code):
    """The certificate, to its holder or to staff; anonymous visitors are sent to log in."""
    user = request.user
    if not user.is_authenticated:
        return None
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment__cohort"), code=normalise_code(code)
    )
    if is_staff(user):
        return certificate
    if certificate.enrolment.user_id == user.pk and not certificate.is_revoked:
        return certificate
    raise Http404


def _to_login(request):
    """Anonymous visitors log in on the members' page, then come back."""
    return redirect_to_login(request.get_full_path(), reverse(settings.WAGTAIL_FRONTEND_LOGIN_URL))


def download_pdf(request, code):
    certificate = _own_certificate(request, code)
    if certificate is None:
        return _to_login(request)
    response = HttpResponse(pdf_bytes(certificate), content_type="application/pdf")
    name = display_slug(certificate.enrolment)
    response["Content-Disposition"] = f'attachment; filename="certificate-{name}.pdf"'
    return mark_private(response)


def download_credential(request, code):
    certificate = _own_certificate(request, code)
    if certificate is None:
        return _to_login(request)
    response = HttpResponse(
        credentials.credential_jwt(certificate), content_type="application/vc+jwt"
    )
    name = display_slug(certificate.enrolment)
    response["Content-Disposition"] = f'attachment; filename="open-badge-{name}.jwt"'
    return mark_private(response)


def calendar_token(user):
    """The private calendar address's token: the user and the current version of their key."""
    return signing.dumps([user.pk, CalendarKey.version_for(user.pk)], salt=CALENDAR_SALT)


def calendar_holder(token):
    """The user id of a token still in force, or None (forged, or replaced by a newer one).
    Tokens made before versions existed carry the bare user id and count as version 1."""
    try:
        value = signing.loads(token, salt=CALENDAR_SALT)
    except signing.BadSignature:
        return None
    user_id, version = value if isinstance(value, list) and len(value) == 2 else (value, 1)
    if not isinstance(user_id, int) or version != CalendarKey.version_for(user_id):
        return None
    return user_id


@require_POST
@login_required(login_url="members:login")
def renew_calendar(request):
    """Replace the participant's private calendar address; the old one stops working."""
    CalendarKey.renew(request.user)
    messages.success(
        request,
        gettext(
            "You have a new calendar address. The old one no longer works: update your calendar."
        ),
    )
    return redirect("members:my_space")


@require_safe
def private_calendar(request, token):
    """The sessions of the cohorts the token's holder is enrolled in, and no other."""
    user_id = calendar_holder(token)
    if user_id is None:
        raise Http404
    cohort_ids = Enrolment.objects.filter(user_id=user_id).values("cohort_id")
    sessions = (
        Session.objects.filter(cohort_id__in=cohort_ids)
        .select_related("cohort")
        .prefetch_related("cohort__sessions")
        .order_by("starts_at", "pk")
    )
    calendar = calendar_for(gettext("AI for Cities – my sessions"), sessions, private=True)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ai-for-cities-my-sessions.ics"'
    return mark_private(response)


# --- machine-readable: the issuer, its keys and the status of credentials --------------------


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def issuer(request):
    return _json(credentials.issuer_profile())


@require_safe
def achievement(request):
    return _json({"@context": credentials.CONTEXTS, **credentials.achievement()})


@require_safe
def jwks(request):
    return _json(credentials.public_jwks())


def _status(certificate):
    return {
        "code": certificate.code,
        "credential": f"urn:uuid:{certificate.credential_id}",
        "status": "revoked" if certificate.is_revoked else "valid",
        "revoked": certificate.is_revoked,
    }


@require_safe
def status_list(request):
    """The signed W3C Bitstring Status List of revoked certificates (a VC-JWT)."""
    revoked = Certificate.objects.revoked_status_indexes()
    token = credentials.status_list_jwt(revoked, timezone.now())
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def status(request, code):
    verdict = lookup_verdict(request)
    if not verdict.allowed:
        return too_many_requests_json(verdict.retry_after)
    certificate = Certificate.objects.filter(code=normalise_code(code)).first()
    if certificate is None:
        return _json({"status": "not found"}, status=404)
    return _json(_status(certificate))


def _posted_token(body):
    """The VC-JWT posted raw, or as {"credential": "…"} in a small, shallow JSON body."""
    if body.lstrip().startswith(b"{"):
        return str(load_json(body, CREDENTIAL_BODY_MAX_BYTES, JSON_MAX_DEPTH).get("credential", ""))
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise JunkRequest("not UTF-8") from error


@csrf_exempt
@require_POST
def verify_credential(request):
    """POST a VC-JWT: its signature is checked with the site's key, then its status."""
    verdict = lookup_verdict(request)
    if not verdict.allowed:
        return too_many_requests_json(verdict.retry_after)
    if body_too_large(request, CREDENTIAL_BODY_MAX_BYTES):
        return _json({"error": "too large"}, status=413)
    try:
        payload = credentials.read_credential(_posted_token(request.body))
    except (credentials.InvalidCredential, JunkRequest, AttributeError):
        return _json({"signature": "invalid"}, status=400)
    try:
        credential_id = uuid.UUID(str(payload.get("jti", "")).removeprefix("urn:uuid:"))
    except ValueError:
        credential_id = None
    certificate = Certificate.objects.filter(credential_id=credential_id).first()
    if certificate is None:
        return _json({"signature": "valid", "status": "not found"}, status=404)
    return _json({"signature": "valid", **_status(certificate)})
