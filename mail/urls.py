"""The public address of one-click unsubscribe (mail/unsubscribe.py)."""

from django.urls import path

from mail import views

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
