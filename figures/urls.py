"""The figures' pages inside the language prefix: the figures, session feedback, open data."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from figures import views

app_name = "figures"

urlpatterns = [
    path(_("programme-in-figures/"), views.figures_page, name="figures"),
    path("feedback/<str:token>/", views.feedback, name="feedback"),
    path("self-assessment/<str:token>/", views.self_assessment, name="self_assessment"),
    # Stable addresses, the same words in every language (only the prefix changes).
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/dcat-ap.jsonld", views.dcat, name="dcat"),
    path("open-data/<slug:name>.<str:extension>", views.open_data_file, name="open_data_file"),
]
