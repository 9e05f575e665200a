"""Machine-readable addresses, the same in every language: the issuer, its keys, statuses."""

from django.urls import path

from certificates import views

urlpatterns = [
    path("certificates/issuer.json", views.issuer, name="certificates_issuer"),
    path("certificates/achievement.json", views.achievement, name="certificates_achievement"),
    path("certificates/jwks.json", views.jwks, name="certificates_jwks"),
    path(
        "certificates/status/revocation-list.jwt",
        views.status_list,
        name="certificates_status_list",
    ),
    path("certificates/status/<str:code>.json", views.status, name="certificates_status"),
    path(
        "certificates/credentials/verify",
        views.verify_credential,
        name="certificates_verify_credential",
    ),
]
