"""The figures' pages inside the language prefix: session feedback."""

from django.urls import path

from figures import views

app_name = "figures"

urlpatterns = [
    path("feedback/<str:token>/", views.feedback, name="feedback"),
]
