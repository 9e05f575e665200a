"""The admin for European staff: dates day before month with a 24-hour clock, shown and read
back in every admin language; and no moderation step that leads nowhere."""

import datetime

import pytest
from django import forms
from django.utils import formats, translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput
from wagtail.models import Page

from tests.conftest import LANGUAGE_CODES

MOMENT = datetime.datetime(2026, 3, 5, 14, 30)


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_admin_dates_are_day_first_with_a_24_hour_clock_in_every_language(language):
    with translation.override(language):
        field = forms.DateTimeField(widget=AdminDateTimeInput())
        assert field.widget.format_value(MOMENT) == "05.03.2026 14:30"
        assert field.clean("05.03.2026 14:30").replace(tzinfo=None) == MOMENT
        day = forms.DateField(widget=AdminDateInput())
        assert day.widget.format_value(MOMENT.date()) == "05.03.2026"
        assert day.clean("05.03.2026") == MOMENT.date()  # 5 March, never 3 May


@pytest.mark.django_db
def test_editors_are_not_offered_a_moderation_step_that_reaches_no_one(
    client, site_tree, editor, settings
):
    page = Page.objects.get(pk=site_tree.about.pk)
    client.force_login(editor)
    edit = f"/admin/pages/{page.pk}/edit/"
    response = client.get(edit)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Submit to Moderators approval" not in html and "Submit for moderation" not in html
    assert "Publish" in html
    # Turned on (deploy/README.md, "Editors"), Wagtail's default workflow is back.
    settings.WAGTAIL_WORKFLOW_ENABLED = True
    assert "Submit to Moderators approval" in client.get(edit).content.decode()


def test_italian_admin_dates_are_in_lower_case():
    moment = datetime.datetime(2026, 12, 7, 14, 30)
    with translation.override("it"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "lunedì 07 dicembre 2026 14:30"
        assert formats.date_format(moment.date(), "YEAR_MONTH_FORMAT") == "dicembre 2026"
        assert formats.date_format(moment.date(), "N j, Y") == "dic. 7, 2026"


@pytest.mark.django_db
def test_staff_avatars_never_come_from_gravatar(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert b"gravatar" not in response.content.lower()
