"""How much time and memory a dry run of a hostile HSDS package takes: one whose every row
is bad, so that it is all errors.

    .venv/bin/python bench/hostile_bench.py [--rows 10000 200000] [--database-url URL]

For each size it writes a .zip (datapackage.json, an organizations.csv with its header
alone, and a services.csv of that many rows, each with four errors: an organization id
that is not a UUID, no name, a status outside the enumeration, an age that is not a
number), migrates a fresh database, and dry-runs the package the way an admin upload does
(runs.execute on an ImportRun, the report saved on it), in a child process so that its
peak memory is its own. It prints wall time, peak resident memory (ru_maxrss) over the
process's memory at the start, the errors found and kept, and the size of the saved
report. SQLite by default (a file under a temporary folder); --database-url points it at
PostgreSQL.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

from import_bench import fresh_database  # bench/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parent.parent
NS = uuid.UUID("4f0e2a4c-8f43-4f7e-8a51-0d8c1e6b2a10")


def write_package(path, rows):
    """A zip whose services.csv has `rows` rows of four errors each."""
    from hsds.schema import resources

    service = resources()["service"]
    header = ",".join(service.field_names)
    blank = {name: "" for name in service.field_names}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps({"name": "hostile", "resources": []}))
        archive.writestr(
            "organizations.csv", ",".join(resources()["organization"].field_names) + "\n"
        )
        with archive.open("services.csv", "w") as out:
            out.write((header + "\n").encode())
            for n in range(rows):
                values = dict(
                    blank,
                    id=str(uuid.uuid5(NS, str(n))),
                    organization_id=f"org-{n}",
                    status="open",
                    minimum_age="twelve",
                )
                out.write((",".join(values.values()) + "\n").encode())


def step(package):
    """Runs in a child process: one dry run, then prints its figures as JSON."""
    import django

    django.setup()
    from hsds.models import ImportRun
    from hsds.runs import execute

    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    run = ImportRun.objects.create(source=package.name, dry_run=True)
    report = execute(run, package)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run.refresh_from_db()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak / 1024,
                "startup_mb": start_rss / 1024,
                "status": run.status,
                "rows": report.rows_read,
                "errors": report.error_count,
                "kept": len(report.errors),
                "report_kb": len(json.dumps(run.report)) / 1024,
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10000, 200000])
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if args.step:
        step(Path(args.step))
        return

    import django

    django.setup()
    work = Path(tempfile.mkdtemp(prefix="hsds-hostile-bench-"))
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings")
    try:
        print(
            f"{'bad rows':>9}{'zip (MB)':>10}{'errors':>10}{'kept':>7}{'time (s)':>10}"
            f"{'peak (MB)':>11}{'over start (MB)':>17}{'report (KB)':>13}"
        )
        for rows in args.rows:
            package = work / f"hostile-{rows}.zip"
            write_package(package, rows)
            db_env = fresh_database(work, f"db-{rows}", args.database_url, env)
            out = subprocess.run(
                [sys.executable, __file__, "--step", str(package)],
                env=db_env,
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(
                f"{rows:>9,}{package.stat().st_size / 2**20:>10.1f}{r['errors']:>10,}"
                f"{r['kept']:>7,}{r['seconds']:>10.1f}{r['peak_mb']:>11.0f}"
                f"{r['peak_mb'] - r['startup_mb']:>17.0f}{r['report_kb']:>13,.0f}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
