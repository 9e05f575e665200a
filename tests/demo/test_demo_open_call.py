"""Loaded late in the programme's last year, the demo has no open call; `--open-call` on a new
database gives one, to walk the application journey."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from programme.models import Cohort

pytestmark = pytest.mark.django_db

# The day the issue was found: late in the programme's last year.
LOADED_ON = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)


def test_a_demo_loaded_after_the_last_call_can_open_one_to_try_the_application_form(client):
    """Loaded late in 2026 the demo has no open call; `--open-call` gives one, with an Apply
    link on the home page."""
    with time_machine.travel(LOADED_ON, tick=False):
        call_command("load_demo_content", quiet_accounts=True, open_call=True)
        open_cohorts = [c for c in Cohort.objects.all() if c.is_open_for_applications]
        assert [c.country for c in open_cohorts] == ["BE"]
        assert open_cohorts[0].planned_start > LOADED_ON.date()
        home = client.get("/en/")
    assert f"?cohort={open_cohorts[0].slug}" in home.content.decode()
