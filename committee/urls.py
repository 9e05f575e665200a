"""The committee's pages outside Wagtail's tree: a member's email choice from "my space"."""

from django.urls import path

from committee import views

app_name = "committee"

urlpatterns = [
    path("committee/emails/", views.notice_preferences, name="notice_preferences"),
]
