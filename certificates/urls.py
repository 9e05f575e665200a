"""Certificate pages inside the language prefix: verification, downloads, private calendar."""

from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("certificates/verify/", views.verify, name="verify"),
    path("certificates/verify/<str:code>/", views.verify_code, name="verify_code"),
    path("certificates/<str:code>/certificate.pdf", views.download_pdf, name="download_pdf"),
    path(
        "certificates/<str:code>/open-badge.jwt",
        views.download_credential,
        name="download_credential",
    ),
    path("certificates/calendar/new/", views.renew_calendar, name="renew_calendar"),
    path("certificates/calendar/<str:token>.ics", views.private_calendar, name="calendar"),
]
