"""The production tests send the application form too: reCAPTCHA answers yes
(tests/fixtures/applications.py). Their servers start on a copy of a migrated SQLite file."""

import shutil

import pytest

from tests.production.servers import environment_for, manage


@pytest.fixture(autouse=True)
def recaptcha_passes(recaptcha_passes):
    return recaptcha_passes


@pytest.fixture(scope="session")
def migrated_sqlite_template(django_db_setup, tmp_path_factory):
    """A SQLite file with every migration applied: the copy of the test database kept when
    pytest-django migrated it (tests/conftest.py), or, when the tests run on PostgreSQL, one
    migrated here once."""
    if django_db_setup is not None:
        return django_db_setup
    template = tmp_path_factory.mktemp("migrated") / "migrated.sqlite3"
    manage(environment_for(f"sqlite:///{template}"), "migrate", "--noinput")
    return template


@pytest.fixture
def migrated_sqlite(migrated_sqlite_template):
    """`migrated_sqlite(path)`: a copy of the migrated template at `path`, as a DATABASE_URL."""

    def copy_to(path):
        shutil.copyfile(migrated_sqlite_template, path)
        return f"sqlite:///{path}"

    return copy_to
