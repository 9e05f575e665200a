"""deploy/manage runs a manage.py command as the service user with the environment file read
exactly as systemd reads it; in a production folder, manage.py without that environment
refuses to create a development SQLite database."""

import os
import pwd
import runpy
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

import aicities.production_folder
import aicities.settings.base
from tests.home.test_demo_and_production import SIGNING_KEY
from tests.services import public_temporary_folder

ROOT = settings.BASE_DIR
PEM = SIGNING_KEY.replace("\\n", "\n").strip()
ENV_FILE = f"""# as deploy/aicities.env.example shows it
DJANGO_SETTINGS_MODULE=aicities.settings.production
CERTIFICATE_SIGNING_KEY="{PEM}"
DEFAULT_FROM_EMAIL=AI for Cities <no-reply@aiforcities.eu>
ADMINS='Programme team <aiforcities@efus.eu>'
"""
# Stands for the virtualenv's python: shows who runs it, where, and with which environment.
FAKE_PYTHON = """#!/bin/sh
echo "user=$(id -un) cwd=$(pwd) args=$*"
env
"""


@pytest.fixture
def installed():
    """deploy/manage and the modules it uses, in a folder any user may read, with a fake
    virtualenv (the real one lives where other users cannot run it)."""
    with public_temporary_folder() as public:
        yield install(public)


def install(public):
    folder = public / "app"
    for relative in ["deploy/manage", "aicities/systemd.py", "aicities/production_folder.py"]:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / relative, folder / relative)
    (folder / "aicities/__init__.py").write_text("")
    python = folder / ".venv/bin/python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    env_file = public / "aicities.env"
    env_file.write_text(ENV_FILE)
    env_file.chmod(0o600)  # root's, as the guide installs it
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    return folder, env_file


def run_manage(folder, env_file, user, *arguments):
    return subprocess.run(
        [sys.executable, str(folder / "deploy/manage"), *arguments],
        env={"AICITIES_ENV_FILE": str(env_file), "AICITIES_USER": user, "PATH": os.environ["PATH"],
             "SECRET_KEY": "from-the-shell-never-passed-on"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.skipif(os.geteuid() != 0, reason="switching users needs root")
def test_a_command_runs_as_the_service_user_with_the_environment_as_systemd_reads_it(installed):
    folder, env_file = installed
    service_user = pwd.getpwnam("nobody").pw_name
    result = run_manage(folder, env_file, service_user, "createsuperuser", "--username", "eva")
    assert result.returncode == 0, result.stderr
    first, *lines = result.stdout.splitlines()
    assert (
        first == f"user={service_user} cwd={folder} args=manage.py createsuperuser --username eva"
    )
    environment = "\n".join(lines)
    assert f"CERTIFICATE_SIGNING_KEY={PEM}\n" in environment  # every line break kept
    assert "DEFAULT_FROM_EMAIL=AI for Cities <no-reply@aiforcities.eu>" in environment
    assert "ADMINS=Programme team <aiforcities@efus.eu>" in environment
    assert "from-the-shell" not in environment  # nothing leaks in from the caller's shell
    assert (folder / ".production-folder").exists()


def test_a_file_systemd_would_read_two_ways_is_refused_without_printing_it(installed):
    folder, env_file = installed
    env_file.write_text("# continued comment \\\nSECRET_KEY=hidden-value\n")
    result = run_manage(folder, env_file, pwd.getpwuid(os.geteuid()).pw_name, "check")
    assert result.returncode != 0
    assert "line 1" in result.stderr and "hidden-value" not in result.stderr + result.stdout


def test_an_unreadable_file_is_named(installed, tmp_path):
    folder, _env_file = installed
    result = run_manage(
        folder, tmp_path / "missing.env", pwd.getpwuid(os.geteuid()).pw_name, "check"
    )
    assert result.returncode != 0 and "missing.env" in result.stderr


def test_without_the_environment_a_production_folder_gets_no_sqlite_database(tmp_path, monkeypatch):
    marker = tmp_path / ".production-folder"
    database = tmp_path / "db.sqlite3"
    monkeypatch.setattr(aicities.production_folder, "MARKER", marker)
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}
    monkeypatch.setitem(aicities.settings.base.DATABASES, "default", sqlite)

    runpy.run_module("aicities.settings.dev")  # a development checkout: fine
    marker.write_text("")
    with pytest.raises(ImproperlyConfigured, match="deploy/manage"):
        runpy.run_module("aicities.settings.dev")
    assert not database.exists()
    database.write_text("")  # a database someone made on purpose is left alone
    runpy.run_module("aicities.settings.dev")
