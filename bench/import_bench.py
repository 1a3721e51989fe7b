"""How long an HSDS import of 20,000 services takes, and how much memory it needs.

    .venv/bin/python bench/import_bench.py [--services 20000] [--database-url URL]

It writes a tabular package (20,000 services of 2,000 organizations, each with a location,
address, phone, two languages, hours, an area, a cost option and a category), migrates a
fresh database, then runs three steps, each in its own process so its peak memory is its
own:
- baseline: the least any importer does: read services.csv and organizations.csv and
  bulk-insert bare organizations and services, with no checks and no related records;
- import: manage.py import_hsds's import of the whole package into the empty database;
- re-import: the same package again (every record unchanged).
It prints wall time and peak resident memory (ru_maxrss) of each step. SQLite by default
(a file under a temporary folder); --database-url points it at PostgreSQL.
"""

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NS = uuid.UUID("9a1d1d8e-0b4c-4d8e-9a3e-5b7e2f9d3c01")
TERMS = ["employment", "emergency-shelter", "counseling-mental-health", "vacatur", "housing"]
TAXONOMY_ID = None  # filled from hsds.mapping in main()


def uid(*parts):
    return str(uuid.uuid5(NS, "/".join(map(str, parts))))


def write_package(folder, services, per_org=10):
    from hsds.mapping import OUR_TAXONOMY_ID
    from hsds.schema import DATAPACKAGE_PATH, EXPORT_VERSION, resources

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATAPACKAGE_PATH, folder / "datapackage.json")
    files, writers = {}, {}
    for name, res in resources(EXPORT_VERSION).items():
        files[name] = (folder / res.path).open("w", newline="", encoding="utf-8")
        writers[name] = csv.DictWriter(files[name], fieldnames=res.field_names)
        writers[name].writeheader()
    w = {name: writer.writerow for name, writer in writers.items()}
    w["taxonomy"]({"id": OUR_TAXONOMY_ID, "name": "Off-Ramps categories", "description": "x"})
    from directory.taxonomy import category_uuid

    for slug in TERMS:
        w["taxonomy_term"](
            {
                "id": uid("term", slug),
                "code": slug,
                "name": slug,
                "description": slug,
                "taxonomy_id": OUR_TAXONOMY_ID,
                "taxonomy": "Off-Ramps categories",
            }
        )
    assert category_uuid  # our own taxonomy's codes map by slug
    for o in range(services // per_org):
        w["organization"](
            {
                "id": uid("org", o),
                "name": f"Organization {o}",
                "description": "Serves youth.",
                "website": f"https://org{o}.example.org",
                "email": f"info@org{o}.example.org",
            }
        )
    for s in range(services):
        org, sid, loc = uid("org", s // per_org), uid("service", s), uid("location", s)
        w["service"](
            {
                "id": sid,
                "organization_id": org,
                "name": f"Service {s}",
                "description": "Drop-in help for young people, every weekday.",
                "status": "active",
                "minimum_age": 12,
                "maximum_age": 24,
                "eligibility_description": "Youth 12 to 24.",
                "assured_date": "2025-01-15",
                "application_process": "Call the intake line.",
            }
        )
        w["location"](
            {
                "id": loc,
                "location_type": "physical",
                "organization_id": org,
                "name": f"Site {s}",
                "latitude": "41.8",
                "longitude": "-87.6",
            }
        )
        w["address"](
            {
                "id": uid("address", s),
                "location_id": loc,
                "address_1": f"{s} Main St",
                "city": "Chicago",
                "state_province": "IL",
                "postal_code": "60601",
                "country": "US",
                "address_type": "physical",
            }
        )
        w["service_at_location"]({"id": uid("sal", s), "service_id": sid, "location_id": loc})
        w["phone"]({"id": uid("phone", s), "service_id": sid, "number": "312-555-0100"})
        for code in ("en", "es"):
            w["language"]({"id": uid("lang", s, code), "service_id": sid, "code": code})
        w["schedule"]({"id": uid("hours", s), "service_id": sid, "description": "Mon–Fri 9–5"})
        w["service_area"]({"id": uid("area", s), "service_id": sid, "name": "Cook County"})
        w["cost_option"]({"id": uid("cost", s), "service_id": sid, "option": "Free", "amount": 0})
        w["attribute"](
            {
                "id": uid("attr", s),
                "link_id": sid,
                "link_entity": "service",
                "taxonomy_term_id": uid("term", TERMS[s % len(TERMS)]),
            }
        )
    for f in files.values():
        f.close()


def step(name, package):
    """Runs in a child process: one step, then prints its time and peak memory as JSON."""
    import django

    django.setup()
    from django.db import transaction

    from directory.models import Organization, Service
    from hsds.importer import import_package

    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    if name == "baseline":
        with transaction.atomic():
            with (package / "organizations.csv").open(newline="", encoding="utf-8") as f:
                orgs = [Organization(id=r["id"], name=r["name"]) for r in csv.DictReader(f)]
            Organization.objects.bulk_create(orgs, batch_size=1000)
            with (package / "services.csv").open(newline="", encoding="utf-8") as f:
                services = [
                    Service(id=r["id"], organization_id=r["organization_id"], name=r["name"])
                    for r in csv.DictReader(f)
                ]
            Service.objects.bulk_create(services, batch_size=1000)
        counts = {"services": len(services)}
    else:
        report = import_package(package)
        assert report.ok, report.as_text()
        counts = {k: dict(v) for k, v in report.counts.items()}
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak / 1024,
                "startup_mb": start_rss / 1024,
                "counts": counts,
            }
        )
    )


def run_step(name, package, env):
    out = subprocess.run(
        [sys.executable, __file__, "--step", name, "--package", str(package)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=20000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--package", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if args.step:
        step(args.step, Path(args.package))
        return

    import django

    work = Path(tempfile.mkdtemp(prefix="hsds-bench-"))
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings")
    try:
        django.setup()
        package = work / "package"
        started = time.perf_counter()
        write_package(package, args.services)
        print(
            f"Wrote a package of {args.services:,} services in "
            f"{time.perf_counter() - started:.1f} s ({work})."
        )
        results = {}
        for name in ("baseline", "import", "re-import"):
            if name != "re-import":
                db_env = fresh_database(work, name, args.database_url, env)
            results[name] = run_step(name.replace("re-", ""), package, db_env)
        print(f"{'step':<12}{'time (s)':>10}{'peak memory (MB)':>18}")
        for name, r in results.items():
            print(f"{name:<12}{r['seconds']:>10.1f}{r['peak_mb']:>18.0f}")
        base, full = results["baseline"], results["import"]
        print(
            f"The import takes {full['seconds'] / base['seconds']:.1f}× the baseline's time "
            f"and {full['peak_mb'] - base['peak_mb']:+.0f} MB over its peak memory."
        )
        print("Import counts:", json.dumps(full["counts"]["service"]))
        print("Re-import counts:", json.dumps(results["re-import"]["counts"]["service"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fresh_database(work, name, database_url, env):
    url = database_url or f"sqlite:///{work / (name + '.sqlite3')}"
    env = dict(env, DATABASE_URL=url)
    for command in (["migrate", "--no-input", "-v0"], ["flush", "--no-input", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)
    return env


if __name__ == "__main__":
    main()
