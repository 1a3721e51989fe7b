"""deploy/backup.sh and deploy/restore.sh: a backup of a database with data, restored into a
fresh database, holds every row of every table."""

import os
import subprocess

import psycopg
import pytest
from django.db import connection

from accounts.tasks import send_password_reset
from directory.models import Service
from tests.conftest import make_user
from tests.factories import make_location, make_organization, make_service
from tests.live_database import database_url, fresh_database
from tests.test_deployment import BASE_DIR

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
]


def row_counts(url):
    """Table name -> rows, for every table of the public schema."""
    with psycopg.connect(url) as database:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: database.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }


def script(name, *args, url, **env):
    return subprocess.run(
        [str(BASE_DIR / "deploy" / name), *args],
        env={**os.environ, "DATABASE_URL": url, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_backup_restores_into_a_fresh_database_with_every_row(tmp_path):
    shelter = make_organization("Harbor House")
    for number in range(30):
        make_service(f"Service {number}", organization=shelter, categories=["housing"])
    make_location(shelter, name="East house", address_1="1 Quiet Court", confidential=True)
    casey = make_user("casey", groups=["Case worker"])
    send_password_reset.enqueue(user_ids=[casey.pk], domain="example.org", use_https=True)
    before = row_counts(database_url())
    assert before["directory_service"] == 30

    backup = script("backup.sh", str(tmp_path / "backups"), url=database_url())
    assert backup.returncode == 0, backup.stderr
    file = backup.stdout.strip()
    assert file.startswith(str(tmp_path / "backups" / "off-ramps-")) and file.endswith(".dump")
    assert os.stat(file).st_mode & 0o077 == 0  # no one else may read it

    with fresh_database(f"{connection.settings_dict['NAME']}_restored") as restored:
        result = script("restore.sh", file, url=restored)
        assert result.returncode == 0, result.stderr

        assert row_counts(restored) == before
        with psycopg.connect(restored) as database:
            names = {row[0] for row in database.execute("SELECT name FROM directory_service")}
        assert names == set(Service.objects.values_list("name", flat=True))

        # A second restore into a database in use needs --replace, and then changes nothing.
        assert script("restore.sh", file, url=restored).returncode != 0
        replaced = script("restore.sh", file, "--replace", url=restored)
        assert replaced.returncode == 0, replaced.stderr
        assert row_counts(restored) == before


def test_backups_older_than_the_kept_days_are_deleted(tmp_path):
    old = tmp_path / "off-ramps-20200101T000000Z.dump"
    old.write_bytes(b"old")
    os.utime(old, (1577836800, 1577836800))
    other = tmp_path / "notes.txt"
    other.write_text("kept")

    result = script("backup.sh", str(tmp_path), url=database_url(), BACKUP_KEEP_DAYS="14")

    assert result.returncode == 0, result.stderr
    assert not old.exists()
    assert other.exists()
    assert len(list(tmp_path.glob("off-ramps-*.dump"))) == 1


def test_backup_needs_a_postgresql_url(tmp_path):
    result = script("backup.sh", str(tmp_path), url="sqlite:///var/db.sqlite3")

    assert result.returncode == 2
    assert "not a postgres:// URL" in result.stderr
