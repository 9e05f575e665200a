"""Editors' screens: per cohort, enrolment, the attendance grid, completion, certificates."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from applications.models import Application, ApplicationStatus
from certificates.calendar_rule import CourseNotEnded, course_calendar, why_not_started
from certificates.completion import cohort_progress
from certificates.enrolment import enrol_application, enrol_cohort
from certificates.forms import OverrideForm, RevocationForm
from certificates.issuing import (
    AlreadyIssued,
    NotCompleted,
    issue,
    issue_for_cohort,
    record_override,
    revoke,
)
from certificates.models import Attendance, Certificate, Enrolment
from programme.models import Cohort


def can_view(user):
    return user.has_perm("certificates.view_enrolment")


def require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def cohort_url(cohort_id):
    return reverse("certificates_admin:cohort", args=[cohort_id])


class CertificatesView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"
    permission = "certificates.view_enrolment"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, self.permission)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("certificates_admin:index"),
                "label": _("Participants and certificates"),
            },
            {"url": "", "label": self.get_page_title()},
        ]


class CohortListView(CertificatesView):
    page_title = gettext_lazy("Participants and certificates")
    template_name = "certificates/admin/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        cohorts = Cohort.objects.annotate(
            enrolled=Count("enrolments", distinct=True),
            certified=Count(
                "enrolments__certificates",
                filter=Q(enrolments__certificates__revoked_at__isnull=True),
                distinct=True,
            ),
            accepted_applications=Count(
                "applications",
                filter=Q(applications__status=ApplicationStatus.ACCEPTED),
                distinct=True,
            ),
        ).order_by("planned_start", "country")
        return super().get_context_data(cohorts=cohorts, **kwargs)


class Cell:
    __slots__ = ("session", "record", "present", "field", "label", "refused")

    def __init__(self, enrolment, session, record, refused):
        self.session = session
        self.record = record
        self.present = bool(record and record.present)
        self.field = f"present-{enrolment.pk}-{session.pk}"
        self.label = f"{enrolment.name} – {session.title}"
        self.refused = refused  # why attendance cannot be recorded yet, or ""


def refusal(message):
    """The text of a refusal raised as a ValidationError."""
    return " ".join(message.messages)


class CohortView(CertificatesView):
    """One screen per cohort: enrol, record attendance, see who completed, issue, revoke."""

    template_name = "certificates/admin/cohort.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.cohort = get_object_or_404(Cohort.objects.with_sessions(), pk=kwargs["pk"])

    def get_page_title(self):
        return _("Participants of %(cohort)s") % {"cohort": self.cohort}

    def enrolments(self):
        return list(
            Enrolment.objects.filter(cohort=self.cohort).prefetch_related(
                "attendances__recorded_by", "certificates"
            )
        )

    def get_context_data(self, **kwargs):
        cohort = self.cohort
        sessions = cohort.ordered_sessions
        for session in sessions:
            session.attendance_refused = why_not_started(session)
        enrolments = self.enrolments()
        progress = cohort_progress(cohort, enrolments)
        rows = []
        for enrolment in enrolments:
            records = {a.session_id: a for a in enrolment.attendances.all()}
            valid = [c for c in enrolment.certificates.all() if not c.is_revoked]
            rows.append(
                {
                    "enrolment": enrolment,
                    "cells": [
                        Cell(enrolment, s, records.get(s.pk), s.attendance_refused)
                        for s in sessions
                    ],
                    "progress": progress[enrolment.pk],
                    "certificate": valid[0] if valid else None,
                    "revoked": [c for c in enrolment.certificates.all() if c.is_revoked],
                }
            )
        enrolled_by_application = {}
        for enrolment in enrolments:
            enrolled_by_application[enrolment.application_id] = (
                enrolled_by_application.get(enrolment.application_id, 0) + 1
            )
        applications = list(
            Application.objects.filter(cohort=cohort, status=ApplicationStatus.ACCEPTED)
            .annotate(participant_count=Count("participants"))
            .order_by("submitted_at", "pk")
        )
        for application in applications:
            application.enrolled = enrolled_by_application.get(application.pk, 0)
        user = self.request.user
        return super().get_context_data(
            cohort=cohort,
            sessions=sessions,
            rows=rows,
            applications=applications,
            completed=sum(1 for row in rows if row["progress"].completed),
            issue_refused=course_calendar(cohort).why_not_ended(),
            certified=sum(1 for row in rows if row["certificate"]),
            can_enrol=user.has_perm("certificates.add_enrolment"),
            can_record=user.has_perm("certificates.change_attendance"),
            can_override=user.has_perm("certificates.change_enrolment"),
            can_issue=user.has_perm("certificates.add_certificate"),
            can_revoke=user.has_perm("certificates.change_certificate"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        require(request.user, "certificates.change_attendance")
        require(request.user, "certificates.add_attendance")
        changed, refused = save_attendance(
            self.cohort, self.enrolments(), request.POST, request.user
        )
        for session, reason in refused.items():
            messages.error(request, f"{session.title}: {reason}")
        if changed:
            messages.success(
                request,
                ngettext("%(count)s attendance saved.", "%(count)s attendances saved.", changed)
                % {"count": changed},
            )
        elif not refused:
            messages.info(request, _("Nothing changed in the attendance."))
        return redirect(cohort_url(self.cohort.pk))


@transaction.atomic
def save_attendance(cohort, enrolments, data, user):
    """Apply the cells the editor changed since the screen was loaded; return how many, and
    the sessions whose changes were refused, each with the reason (one not started yet).

    Each cell carries the value it was shown with, so two editors working at once only
    overwrite each other where they both changed the same cell.
    """
    now = timezone.now()
    to_create, to_update, refused = [], [], {}
    reasons = {session.pk: why_not_started(session, now) for session in cohort.ordered_sessions}
    for enrolment in enrolments:
        records = {a.session_id: a for a in enrolment.attendances.all()}
        for session in cohort.ordered_sessions:
            field = f"present-{enrolment.pk}-{session.pk}"
            shown = data.get(f"shown-{enrolment.pk}-{session.pk}")
            if shown not in ("0", "1"):
                continue  # Not on the submitted screen (e.g. enrolled since).
            wanted = data.get(field) == "on"
            if wanted == (shown == "1"):
                continue
            if reasons[session.pk]:
                refused[session] = reasons[session.pk]
                continue
            record = records.get(session.pk)
            if record is None:
                to_create.append(
                    Attendance(
                        enrolment=enrolment,
                        session=session,
                        present=wanted,
                        recorded_by=user,
                        recorded_at=now,
                    )
                )
            elif record.present != wanted:
                record.present, record.recorded_by, record.recorded_at = wanted, user, now
                to_update.append(record)
    Attendance.objects.bulk_create(to_create)
    Attendance.objects.bulk_update(to_update, ["present", "recorded_by", "recorded_at"])
    return len(to_create) + len(to_update), refused


@require_POST
def enrol_application_view(request, pk):
    require(request.user, "certificates.add_enrolment")
    application = get_object_or_404(Application, pk=pk)
    if application.status != ApplicationStatus.ACCEPTED:
        messages.error(request, _("Only accepted applications enrol participants."))
    else:
        created = enrol_application(application, by=request.user)
        _enrolled_message(request, created)
    return redirect(cohort_url(application.cohort_id))


@require_POST
def enrol_cohort_view(request, pk):
    require(request.user, "certificates.add_enrolment")
    cohort = get_object_or_404(Cohort, pk=pk)
    _enrolled_message(request, enrol_cohort(cohort, by=request.user))
    return redirect(cohort_url(cohort.pk))


def _enrolled_message(request, created):
    if created:
        messages.success(
            request,
            ngettext(
                "%(count)s participant enrolled; an invitation is on its way.",
                "%(count)s participants enrolled; their invitations are on their way.",
                len(created),
            )
            % {"count": len(created)},
        )
    else:
        messages.info(request, _("Everyone was already enrolled."))


@require_POST
def issue_view(request, pk):
    require(request.user, "certificates.add_certificate")
    enrolment = get_object_or_404(Enrolment.objects.select_related("cohort"), pk=pk)
    try:
        certificate = issue(enrolment, by=request.user)
    except CourseNotEnded as error:
        messages.error(request, refusal(error))
    except NotCompleted:
        messages.error(
            request,
            _("%(name)s has not completed the cohort: no certificate issued.")
            % {"name": enrolment.name},
        )
    except AlreadyIssued:
        messages.info(
            request, _("%(name)s already holds a certificate.") % {"name": enrolment.name}
        )
    else:
        messages.success(
            request,
            _("Certificate %(code)s issued to %(name)s; it is emailed to them.")
            % {"code": certificate.code, "name": enrolment.name},
        )
    return redirect(cohort_url(enrolment.cohort_id))


@require_POST
def issue_cohort_view(request, pk):
    require(request.user, "certificates.add_certificate")
    cohort = get_object_or_404(Cohort.objects.with_sessions(), pk=pk)
    try:
        issued = issue_for_cohort(cohort, by=request.user)
    except CourseNotEnded as error:
        messages.error(request, refusal(error))
        return redirect(cohort_url(cohort.pk))
    if issued:
        messages.success(
            request,
            ngettext(
                "%(count)s certificate issued and emailed.",
                "%(count)s certificates issued and emailed.",
                len(issued),
            )
            % {"count": len(issued)},
        )
    else:
        messages.info(request, _("No new certificate: everyone who completed already has one."))
    return redirect(cohort_url(cohort.pk))


class DecisionView(CertificatesView):
    """A decision on one participant's record, with its reason: an override of completion, or a
    revocation. One template; each view says what it decides and on which button."""

    template_name = "certificates/admin/decision.html"
    destructive = False

    def explanation(self):
        return []

    def submit_label(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            explanation=self.explanation(),
            submit_label=self.submit_label(),
            destructive=self.destructive,
            **kwargs,
        )


class OverrideView(DecisionView):
    permission = "certificates.change_enrolment"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.enrolment = get_object_or_404(
            Enrolment.objects.select_related("cohort", "override_by"), pk=kwargs["pk"]
        )

    def get_page_title(self):
        return _("Completion of %(name)s") % {"name": self.enrolment.name}

    def explanation(self):
        paragraphs = [
            _(
                "An override decides completion whatever the attendance says; the reason is kept "
                "with your name and the time."
            )
        ]
        enrolment = self.enrolment
        if enrolment.completion_override:
            who = enrolment.override_by.get_username() if enrolment.override_by else "—"
            when = enrolment.override_at and formats.localize(
                timezone.localtime(enrolment.override_at)
            )
            paragraphs.append(
                _("Current override recorded by %(who)s on %(when)s.")
                % {"who": who, "when": when or ""}
            )
        return paragraphs

    def submit_label(self):
        return _("Save")

    def get_context_data(self, form=None, **kwargs):
        form = form or OverrideForm(
            initial={
                "decision": self.enrolment.completion_override,
                "reason": self.enrolment.override_reason,
            }
        )
        return super().get_context_data(
            enrolment=self.enrolment,
            form=form,
            back_url=cohort_url(self.enrolment.cohort_id),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = OverrideForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        record_override(
            self.enrolment,
            form.cleaned_data["decision"],
            form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(
            request, _("Completion of %(name)s saved.") % {"name": self.enrolment.name}
        )
        return redirect(cohort_url(self.enrolment.cohort_id))


class RevokeView(DecisionView):
    permission = "certificates.change_certificate"
    destructive = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.certificate = get_object_or_404(
            Certificate.objects.select_related("enrolment__cohort"), pk=kwargs["pk"]
        )

    def get_page_title(self):
        return _("Revoke certificate %(code)s") % {"code": self.certificate.code}

    def explanation(self):
        return [
            _(
                "Revoke certificate %(code)s of %(name)s. The public verification page will say "
                "it is revoked; this cannot be undone."
            )
            % {"code": self.certificate.code, "name": self.certificate.enrolment.name}
        ]

    def submit_label(self):
        return _("Revoke the certificate")

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(
            certificate=self.certificate,
            form=form or RevocationForm(),
            back_url=cohort_url(self.certificate.enrolment.cohort_id),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = RevocationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        revoke(self.certificate, form.cleaned_data["reason"], by=request.user)
        messages.success(
            request,
            _("Certificate %(code)s revoked; the verification page now says so.")
            % {"code": self.certificate.code},
        )
        return redirect(cohort_url(self.certificate.enrolment.cohort_id))


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


class CertificatesViewSet(ViewSet):
    """Participants and certificates, under /admin/certificates/."""

    # "certificates" is the namespace of the public pages (certificates/urls.py).
    name = "certificates_admin"
    url_prefix = "certificates"
    icon = "tasks"
    menu_label = gettext_lazy("Participants and certificates")
    menu_order = 220
    add_to_admin_menu = True
    menu_item_class = CertificatesMenuItem

    def get_urlpatterns(self):
        return [
            path("", CohortListView.as_view(), name="index"),
            path("cohort/<int:pk>/", CohortView.as_view(), name="cohort"),
            path("cohort/<int:pk>/enrol/", enrol_cohort_view, name="enrol_cohort"),
            path("cohort/<int:pk>/issue/", issue_cohort_view, name="issue_cohort"),
            path("application/<int:pk>/enrol/", enrol_application_view, name="enrol_application"),
            path("enrolment/<int:pk>/issue/", issue_view, name="issue"),
            path("enrolment/<int:pk>/completion/", OverrideView.as_view(), name="override"),
            path("certificate/<int:pk>/revoke/", RevokeView.as_view(), name="revoke"),
        ]
