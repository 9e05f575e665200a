from django.urls import path

from programme import views

app_name = "programme"

urlpatterns = [
    path("calendar/all.ics", views.all_calendar, name="all_calendar"),
    path("calendar/cohorts/<slug:slug>.ics", views.cohort_calendar, name="cohort_calendar"),
]
