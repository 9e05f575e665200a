"""The fault suite's site, built once for the folder: servers, migrations, static files."""

import os
import re
import subprocess
import sys

import pytest

from tests.faults.site import PREPARE, Site, production_environment, smtp_sink
from tests.production.servers import PROJECT, free_port, gunicorn
from tests.services import private_postgres, private_redis


@pytest.fixture(scope="package")
def site(tmp_path_factory, migrated_postgres):
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs once, in the SQLite pass (it starts its own PostgreSQL)")
    folder = tmp_path_factory.mktemp("faults")
    port, smtp_port = free_port(), free_port()
    with private_postgres() as postgres, private_redis() as redis:
        environment = production_environment(
            postgres.url, redis.url, port, folder, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_port)
        )
        # Static files are collected while the database is migrated: two cores, two jobs.
        collecting = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=PROJECT, env=environment,
        )  # fmt: skip
        migrated_postgres(environment, postgres)
        assert collecting.wait(600) == 0, "collectstatic failed"
        prepared = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", PREPARE],
            cwd=PROJECT, env=environment, capture_output=True, text=True, check=True,
        )  # fmt: skip
        cohort_pk = int(re.search(r"COHORT (\d+)", prepared.stdout).group(1))
        log = folder / "gunicorn.log"
        with (
            smtp_sink(smtp_port, folder / "mail"),
            open(log, "w") as log_file,
            gunicorn(environment, port, workers=2, threads=4, timeout=None, log=log_file) as base,
        ):
            yield Site(base, environment, postgres, redis, log, cohort_pk, folder / "mail")
