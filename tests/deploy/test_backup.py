"""deploy/backup and deploy/restore: a backup of a live site (its PostgreSQL database, both file
stores and its environment file) restored into a fresh database and fresh folders serves the
same pages and files, private files still the site user's alone."""

import os
import stat
import subprocess
import uuid
from io import BytesIO
from pathlib import Path

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from committee.models import Resource
from tests.deploy.installation import install_copy
from tests.production.servers import gunicorn
from tests.services import free_port, public_temporary_folder
from web.storage import private_storage

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="backs up PostgreSQL: runs in the PostgreSQL pass"
    ),
]
SECRET = "k3J9x-PqZ8v_Lm2Ty7Wn4Rb6Hc1Fd5Gs0Ae3Ui8Oo2Yy9Tt4Rr7Ee1Ww6Qq5Zz0"


def database_url(name):
    config = connection.settings_dict
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    return f"postgres://{config['USER']}{password}@{config['HOST']}:{config['PORT'] or 5432}/{name}"


def environment_file(path, database, media, private, port):
    path.write_text(
        "DJANGO_SETTINGS_MODULE=aicities.settings.dev\nDEBUG=false\n"
        f"SECRET_KEY={SECRET}\nALLOWED_HOSTS=127.0.0.1\nBASE_URL=http://127.0.0.1:{port}\n"
        f"DATABASE_URL={database}\nMEDIA_ROOT={media}\nPRIVATE_MEDIA_ROOT={private}\n"
        "HEALTHZ_TOKEN=backup-test-token\n"
    )
    path.chmod(0o600)
    return path


def run(app, env_file, *command, **extra):
    result = subprocess.run(
        [str(app / "deploy" / command[0]), *command[1:]],
        env={**os.environ, "AICITIES_ENV_FILE": str(env_file), "AICITIES_USER": "root", **extra},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def png():
    buffer = BytesIO()
    PillowImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def fresh_database():
    name = f"aicities_restore_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(database_url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_a_backup_restored_into_a_fresh_database_and_folders_is_served(
    site_tree, settings, fresh_database
):
    with public_temporary_folder() as place:
        app = install_copy(place / "app")
        live_media, live_private = place / "media", place / "private"
        settings.MEDIA_ROOT = live_media
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                        "OPTIONS": {"location": live_media}},
            "private": {**settings.STORAGES["private"],
                        "OPTIONS": {**settings.STORAGES["private"]["OPTIONS"],
                                    "location": live_private}},
        }  # fmt: skip
        image = get_image_model().objects.create(
            title="Teal", file=ImageFile(BytesIO(png()), name="teal.png")
        )
        document = Resource.objects.create(
            title="Agenda", file=ContentFile(b"%PDF-1.4 agenda", name="agenda.pdf")
        )
        letter = private_storage().save("letters/letter.pdf", ContentFile(b"%PDF-1.4 signed"))
        port = free_port()
        live_env = environment_file(
            place / "live.env", database_url(connection.settings_dict["NAME"]), live_media,
            live_private, port,
        )  # fmt: skip

        backup = Path(run(app, live_env, "backup", "--to", str(place / "backups")).strip())
        assert sorted(path.name for path in backup.iterdir()) == [
            "MANIFEST", "aicities.env", "database.dump", "media.tar", "private.tar",
        ]  # fmt: skip
        assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in backup.iterdir())
        assert stat.S_IMODE(backup.stat().st_mode) == 0o700

        new_media, new_private = place / "restored-media", place / "restored-private"
        restored_env = environment_file(
            place / "restored.env", database_url(fresh_database), new_media, new_private, port
        )
        run(app, restored_env, "restore", str(backup))
        # Restoring twice into the same database is refused: never over a live site.
        again = subprocess.run(
            [str(app / "deploy/restore"), str(backup)], capture_output=True, text=True,
            env={**os.environ, "AICITIES_ENV_FILE": str(restored_env), "AICITIES_USER": "root"},
        )  # fmt: skip
        assert again.returncode != 0 and "not empty" in again.stderr

        assert (new_media / image.file.name).read_bytes() == png()
        assert (new_private / letter).read_bytes() == b"%PDF-1.4 signed"
        assert stat.S_IMODE((new_private / letter).stat().st_mode) == 0o600

        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTEST", "DATABASE_URL"))
        }
        environment.update(
            line.split("=", 1) for line in restored_env.read_text().splitlines() if "=" in line
        )
        with gunicorn({**environment, "PYTHONPATH": str(app)}, port) as base:
            assert fetch(f"{base}/en/")[0] == 200
            status, body = fetch(f"{base}{document.url}")
            assert (status, body) == (200, b"%PDF-1.4 agenda")
            status, body = fetch(f"{base}/healthz", Authorization="Bearer backup-test-token")
            assert status == 200, body


def fetch(url, **headers):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"Host": "127.0.0.1", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
