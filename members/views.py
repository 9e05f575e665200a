"""The members' side of the public site: sign in and out, reset a password, and "my space"."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.views.generic import TemplateView

from mail.tasks import queue_email
from members.access import is_member
from members.emails import PASSWORD_RESET
from members.forms import ThrottledSignInForm
from members.my_space import sections_for


class MemberLoginView(auth_views.LoginView):
    template_name = "members/login.html"
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
        queue_email(PASSWORD_RESET, context["user"].pk, language=get_language() or "en")


class MemberPasswordResetView(auth_views.PasswordResetView):
    template_name = "members/password_reset_form.html"
    form_class = QueuedPasswordResetForm
    success_url = reverse_lazy("members:password_reset_done")


class MemberPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "members/password_reset_done.html"


class MemberPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "members/password_reset_confirm.html"
    success_url = reverse_lazy("members:password_reset_complete")


class MemberPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "members/password_reset_complete.html"


class SignedOutView(TemplateView):
    template_name = "members/signed_out.html"


@login_required(login_url="members:login")
def my_space(request):
    """Where a member lands after signing in; each app adds its own section."""
    context = {"is_member": is_member(request.user), "sections": sections_for(request)}
    return render(request, "members/my_space.html", context)
