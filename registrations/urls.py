"""The registration pages, inside the language prefix."""

from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("events/<int:event_id>/register/", views.register_for_event, name="register"),
    path("events/registration/<str:token>/", views.registrant_page, name="registrant"),
    path("events/registration/<str:token>/cancel/", views.cancel_registration, name="cancel"),
]
