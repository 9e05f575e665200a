"""Admin wiring (the participants and certificates screens and their menu entry, enrolment from
an application's screen), and the certificates' part of the home page and of "my space"."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from applications.admin_actions import ADMIN_ACTIONS_HOOK, ApplicationAction
from applications.models import ApplicationStatus
from applications.notifications import DATE_CHANGE_TOLD_HOOK
from certificates import admin_views
from certificates.credentials import check_signing_key
from certificates.holders import holder_space
from certificates.invitations import invited_addresses
from certificates.models import Certificate, Enrolment
from certificates.reminders import next_reminders
from certificates.views import is_staff
from home.models import HOME_PAGE_HOOK, HomePage
from home.sections import Section
from members.access import is_participant
from members.my_space import MY_SPACE_HOOK, MySpaceSection
from programme.cohort_extras import JOIN_LINKS_HOOK
from web import page_cache
from web.health import HEALTH_CHECKS_HOOK


@hooks.register("register_admin_viewset")
def register_certificates_viewset():
    return admin_views.CertificatesViewSet()


@hooks.register(ADMIN_ACTIONS_HOOK)
def enrolment_from_the_application(request, application):
    """An accepted application leads to enrolment: the button while some of its participants
    are not enrolled yet, then a link to its cohort's participants."""
    if application.status != ApplicationStatus.ACCEPTED or not admin_views.can_view(request.user):
        return None
    enrolled = Enrolment.objects.filter(application=application).count()
    may_enrol = request.user.has_perm("certificates.add_enrolment") and not application.is_erased
    if may_enrol and enrolled < application.participants.count():
        return ApplicationAction(
            label=_("Enrol the participants of %(reference)s")
            % {"reference": application.reference},
            url=reverse("certificates_admin:enrol_application", args=[application.pk]),
            help=_(
                "Each participant gets an account and an invitation, in their language, to "
                "choose a password. Enrolling again changes nothing."
            ),
            post=True,
            order=50,
        )
    return ApplicationAction(
        label=_("Participants of %(cohort)s") % {"cohort": application.cohort},
        url=admin_views.cohort_url(application.cohort_id),
        order=50,
    )


@hooks.register(HOME_PAGE_HOOK)
def count_certified_participants(page, request):
    return [
        Section(
            "certificates/includes/certified_figure.html",
            {"certified": Certificate.objects.valid().count()},
            order=10,  # after the participants to train, before the programme's figures
            place="figures",
        )
    ]


@hooks.register(JOIN_LINKS_HOOK)
def enrolled_or_staff(user, cohort):
    """Only participants enrolled in `cohort`, and staff, see its sessions' join links."""
    # The enrolment first: one query for a participant; staff permissions cost two more.
    return Enrolment.objects.filter(cohort=cohort, user=user).exists() or is_staff(user)


@hooks.register(MY_SPACE_HOOK)
def certificates_in_my_space(request):
    """A participant's certificates and private calendar address."""
    if not is_participant(request.user):
        return None
    return MySpaceSection(
        "certificates/includes/my_space_certificates.html",
        holder_space(request),
        order=20,
    )


# The page cache (web/page_cache.py): the home page counts certified participants.
page_cache.register("certificates", models=[Certificate], pages=[HomePage])


@hooks.register(HEALTH_CHECKS_HOOK)
def signing_key_checks():
    return {"signing_key": check_signing_key}


@hooks.register(DATE_CHANGE_TOLD_HOOK)
def participants_told_by_their_invitation(change):
    return invited_addresses(change)


class NextRemindersPanel(Component):
    """The session reminders the timer will send next, for those who manage participants."""

    name = "next_reminders"
    template_name = "certificates/admin/next_reminders_panel.html"
    order = 125

    def get_context_data(self, parent_context=None):
        return {"reminders": next_reminders()}


@hooks.register("construct_homepage_panels")
def add_next_reminders(request, panels):
    if request.user.has_perm("certificates.view_enrolment"):
        panels.append(NextRemindersPanel())
