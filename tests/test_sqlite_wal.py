"""SQLite runs in write-ahead-log mode: a page is read while a large import holds the
database file's write lock, where SQLite's default rollback journal would make it wait."""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
COUNT = (
    "from directory.models import Category; from django.db import connection; "
    "print(Category.objects.count(), connection.cursor().execute('PRAGMA journal_mode')"
    ".fetchone()[0])"
)


def test_a_reader_is_not_blocked_by_a_writer_holding_the_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("TEST_DB_NAME", None)
    subprocess.run([*MANAGE, "migrate", "-v0"], env=env, check=True, cwd=ROOT)

    with closing(sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)) as writer:
        writer.execute("BEGIN EXCLUSIVE")  # as an import's write does once its changes spill
        writer.execute("DELETE FROM directory_category")
        read = subprocess.run(
            [*MANAGE, "shell", "-c", COUNT],
            env={**env, "PYTHONWARNINGS": "ignore"},
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        writer.execute("ROLLBACK")

    assert read.returncode == 0, read.stderr  # not "database is locked"
    count, mode = read.stdout.split()[-2:]
    assert mode == "wal"
    assert int(count) > 0  # the categories as they were before the writer's transaction
