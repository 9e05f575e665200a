"""The members' side of the public site: sign in and out, reset a password, and "my space".

Wrong passwords lock the sign-in through django-axes (members/lockout.py); the password reset
is limited per client address here and per recipient in its form.
"""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.generic import TemplateView
from wagtail.admin.views import account as wagtail_account

from members.access import is_member
from members.forms import ChosenPasswordForm, QueuedPasswordResetForm
from members.my_space import sections_for
from web.throttle import Limit, client_address, hit, too_many_requests


class MemberLoginView(auth_views.LoginView):
    template_name = "members/login.html"
    # A member already signed in goes on to "my space" (or to `next`), not to the form again.
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse_lazy("members:my_space")


class MemberLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("members:signed_out")


class AdminLogoutView(wagtail_account.LogoutView):
    """The admin's sign-out, by POST only, like the members' one.

    Wagtail's view deletes the session cookie whatever the method, so a GET (a link, an image
    on a page) answered 405 yet signed the browser out, while the session stayed valid on the
    server for whoever held its cookie. Here any other method gets the 405 and nothing else.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class MemberPasswordResetView(auth_views.PasswordResetView):
    template_name = "members/password_reset_form.html"
    form_class = QueuedPasswordResetForm
    success_url = reverse_lazy("members:password_reset_done")

    def post(self, request, *args, **kwargs):
        limit = Limit.from_setting("members:password-reset", "PASSWORD_RESET_RATE")
        verdict = hit(limit, client_address(request))
        if not verdict.allowed:
            return too_many_requests(request, verdict.retry_after)
        return super().post(request, *args, **kwargs)


class MemberPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "members/password_reset_done.html"


class MemberPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "members/password_reset_confirm.html"
    form_class = ChosenPasswordForm
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
