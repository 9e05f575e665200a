"""Admin wiring: the participants and certificates screens and their menu entry."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from certificates import admin_views


@hooks.register("register_admin_urls")
def register_certificate_urls():
    return [
        path("certificates/", admin_views.CohortListView.as_view(), name="certificates_index"),
        path(
            "certificates/cohort/<int:pk>/",
            admin_views.CohortView.as_view(),
            name="certificates_cohort",
        ),
        path(
            "certificates/cohort/<int:pk>/enrol/",
            admin_views.enrol_cohort_view,
            name="certificates_enrol_cohort",
        ),
        path(
            "certificates/cohort/<int:pk>/issue/",
            admin_views.issue_cohort_view,
            name="certificates_issue_cohort",
        ),
        path(
            "certificates/application/<int:pk>/enrol/",
            admin_views.enrol_application_view,
            name="certificates_enrol_application",
        ),
        path(
            "certificates/enrolment/<int:pk>/issue/",
            admin_views.issue_view,
            name="certificates_issue",
        ),
        path(
            "certificates/enrolment/<int:pk>/completion/",
            admin_views.OverrideView.as_view(),
            name="certificates_override",
        ),
        path(
            "certificates/certificate/<int:pk>/revoke/",
            admin_views.RevokeView.as_view(),
            name="certificates_revoke",
        ),
    ]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        _("Participants and certificates"),
        reverse("certificates_index"),
        icon_name="tasks",
        order=220,
    )
