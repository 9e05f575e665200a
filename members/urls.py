"""Member pages on the public site, inside the language prefix: /<lang>/members/…"""

from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("members/", views.my_space, name="my_space"),
    path("members/login/", views.MemberLoginView.as_view(), name="login"),
    path("members/logout/", views.MemberLogoutView.as_view(), name="logout"),
    path("members/signed-out/", views.SignedOutView.as_view(), name="signed_out"),
    path(
        "members/password/reset/",
        views.MemberPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "members/password/reset/sent/",
        views.MemberPasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "members/password/reset/<uidb64>/<token>/",
        views.MemberPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "members/password/reset/complete/",
        views.MemberPasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
