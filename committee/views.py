"""The members' side of the public site: sign in and out, reset a password, and "my space"."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.views.generic import TemplateView
from wagtail.models import Locale

from committee.access import group_names, is_committee_member, is_editor, is_member
from committee.emails import PASSWORD_RESET
from committee.forms import ThrottledSignInForm
from committee.models import CommitteeNoteIndexPage, CommitteeNotePage, LibraryPage
from committee.tasks import send_password_reset_email
from home.groups import PARTICIPANTS


class MemberLoginView(auth_views.LoginView):
    template_name = "committee/login.html"
    authentication_form = ThrottledSignInForm

    def get_default_redirect_url(self):
        return reverse_lazy("members:my_space")


class MemberLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("members:signed_out")


class QueuedPasswordResetForm(PasswordResetForm):
    """Queue the email instead of sending it in the request, so a mail outage is retried."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        base_url = f"{context['protocol']}://{context['domain']}"
        send_password_reset_email.enqueue(
            PASSWORD_RESET,
            context["user"].pk,
            language=get_language() or "en",
            base_url=base_url,
        )


class MemberPasswordResetView(auth_views.PasswordResetView):
    template_name = "committee/password_reset_form.html"
    form_class = QueuedPasswordResetForm
    success_url = reverse_lazy("members:password_reset_done")


class MemberPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "committee/password_reset_done.html"


class MemberPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "committee/password_reset_confirm.html"
    success_url = reverse_lazy("members:password_reset_complete")


class MemberPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "committee/password_reset_complete.html"


class SignedOutView(TemplateView):
    template_name = "committee/signed_out.html"


def _in_active_language(queryset):
    return queryset.live().filter(locale=Locale.get_active()).first() or queryset.live().first()


@login_required(login_url="members:login")
def my_space(request):
    """Where a member lands after signing in: the library, their notes, their certificates."""
    user = request.user
    notes = []
    if is_committee_member(user) or is_editor(user):
        notes = list(
            CommitteeNotePage.objects.filter(Q(owner=user) | Q(authors__account=user))
            .filter(locale=Locale.get_active())
            .distinct()
            .order_by("-date")[:20]
        )
    context = {
        "is_member": is_member(user),
        "is_committee_member": is_committee_member(user),
        "is_participant": PARTICIPANTS in group_names(user),
        "is_editor": is_editor(user),
        "library": _in_active_language(LibraryPage.objects.all()) if is_member(user) else None,
        "notes_index": _in_active_language(CommitteeNoteIndexPage.objects.all()),
        "my_notes": notes,
    }
    return render(request, "committee/my_space.html", context)
