"""The systemd units in deploy/: every periodic job is a unit of its own with a timer, each runs
one command that exists, every process writes with a umask that keeps its files from other
users, and systemd itself finds nothing wrong with them (systemd-analyze verify)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

from aicities.systemd import exec_start_commands, read_unit

UNITS = settings.BASE_DIR / "deploy" / "systemd"
APP = "/srv/aicities/app"
SERVICES = sorted(path.name for path in UNITS.glob("*.service"))
TIMERS = sorted(path.name for path in UNITS.glob("*.timer"))
PERIODIC_JOBS = {
    "aicities-publish": ["publish_scheduled"],
    "aicities-alerts": ["send_opening_alerts"],
    "aicities-feedback": ["send_feedback_invitations"],
    "aicities-reminders": ["send_session_reminders"],
    "aicities-event-reminders": ["send_event_reminders"],
    "aicities-digest": ["send_committee_digests"],
    "aicities-anonymise": ["purge_expired_applications"],
    "aicities-prune": ["prune_records"],
    "aicities-requeue": ["requeue_stalled_emails"],
}
# The nightly backup runs as root (it reads the environment file and writes root's folder).
BACKUP = "aicities-backup"
SITE_SERVICES = [name for name in SERVICES if not name.startswith(BACKUP)]


def commands_of(name):
    return exec_start_commands(UNITS / name, {"GUNICORN_BIND": "127.0.0.1:8000"}, instance="1")


def test_each_periodic_job_is_its_own_unit_with_one_command_and_a_timer():
    for unit, command in PERIODIC_JOBS.items():
        assert f"{unit}.timer" in TIMERS
        [argv] = commands_of(f"{unit}.service")  # one ExecStart: a failure stops nothing else
        assert argv[:2] == [f"{APP}/.venv/bin/python", "manage.py"]
        assert argv[2:] == command
        assert read_unit(UNITS / f"{unit}.service")["Service"]["Type"] == ["oneshot"]
    assert {timer.removesuffix(".timer") for timer in TIMERS} == {*PERIODIC_JOBS, BACKUP}
    assert commands_of(f"{BACKUP}.service") == [[f"{APP}/deploy/backup"]]


def test_scheduled_pages_are_published_every_minute():
    timer = read_unit(UNITS / "aicities-publish.timer")["Timer"]
    assert timer["OnCalendar"] == ["minutely"]


def test_every_command_the_units_run_exists():
    commands = get_commands()
    for service in SITE_SERVICES:
        for argv in commands_of(service):
            if argv[1:2] == ["manage.py"]:
                assert argv[2] in commands, (service, argv)
            else:
                assert argv[0] == f"{APP}/.venv/bin/gunicorn" and argv[1] == "aicities.wsgi"


def test_every_service_runs_as_the_site_user_with_a_private_umask_and_the_environment_file():
    for service in SITE_SERVICES:
        settings_of = read_unit(UNITS / service)["Service"]
        assert settings_of["User"] == ["aicities"], service
        assert settings_of["UMask"] == ["0027"], service
        assert settings_of["EnvironmentFile"] == ["/etc/aicities/aicities.env"], service
        assert settings_of["WorkingDirectory"] == [APP], service


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="apt-get install systemd")
def test_systemd_finds_nothing_wrong_with_the_units(tmp_path):
    # A root where the programs the units name exist, with the distribution's own units.
    for program in (".venv/bin/python", ".venv/bin/gunicorn", "deploy/backup"):
        stub = tmp_path / APP.lstrip("/") / program
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text("#!/bin/sh\n")
        stub.chmod(0o755)
    (tmp_path / "etc/aicities").mkdir(parents=True)
    (tmp_path / "etc/aicities/aicities.env").write_text("")
    installed = tmp_path / "etc/systemd/system"
    shutil.copytree(UNITS, installed)
    distribution = tmp_path / "usr/lib/systemd/system"
    distribution.mkdir(parents=True)
    for target in Path("/lib/systemd/system").glob("*.target"):
        if not target.is_symlink():
            shutil.copy(target, distribution)
    names = [name.replace("@.service", "@1.service") for name in SERVICES + TIMERS]
    result = subprocess.run(
        ["systemd-analyze", "verify", f"--root={tmp_path}", *names],
        cwd=installed,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), (
        result.stdout + result.stderr
    )
