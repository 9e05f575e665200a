"""The figures' pages inside the language prefix: the programme in figures, session feedback."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from figures import views

app_name = "figures"

urlpatterns = [
    path(_("programme-in-figures/"), views.figures_page, name="figures"),
    path("feedback/<str:token>/", views.feedback, name="feedback"),
]
