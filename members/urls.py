"""Member pages on the public site, inside the language prefix, with addresses in each language:
/en/members/login/, /fr/membres/connexion/, /de/mitglieder/anmelden/…

The English addresses of the other languages (/fr/members/login/, as they were first published)
redirect permanently to the same page's address in that language.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, include, path, resolve, reverse
from django.utils import translation
from django.utils.translation import pgettext_lazy

from members import views

app_name = "members"


def _(route):
    return pgettext_lazy("web address", route)


pages = [
    path("", views.my_space, name="my_space"),
    path(_("login/"), views.MemberLoginView.as_view(), name="login"),
    path(_("logout/"), views.MemberLogoutView.as_view(), name="logout"),
    path(_("signed-out/"), views.SignedOutView.as_view(), name="signed_out"),
    path(
        _("password/reset/"),
        views.MemberPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        _("password/reset/sent/"),
        views.MemberPasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        _("password/reset/<uidb64>/<token>/"),
        views.MemberPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        _("password/reset/complete/"),
        views.MemberPasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]


def english_address(request, rest):
    """301 from a member page's English address to its address in the request's language."""
    with translation.override("en"):
        try:
            match = resolve(f"/en/members/{rest}")
        except Resolver404:
            raise Http404 from None
    if match.func is english_address or match.namespace != app_name:
        raise Http404
    target = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    query = request.META.get("QUERY_STRING")
    return redirect(f"{target}?{query}" if query else target, permanent=True)


urlpatterns = [
    path(_("members/"), include(pages)),
    # Reached only in the languages whose address is not "members/" (English matches above).
    path("members/<path:rest>", english_address),
    path("members/", english_address, {"rest": ""}),
]
