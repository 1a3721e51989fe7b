"""How fast the directory page answers "near a ZIP code", "open now" and "24/7 only".

    .venv/bin/python bench/where_when_bench.py [--services 50000] [--database-url URL]
        [--reuse] [--queries-only] [--code FOLDER]

It fills one fresh database with --services services (one location each, spread over
Illinois with coordinates; four in five with weekly opening times, some 24/7), then times
the directory page, signed in as a case worker, for each search: median and 95th
percentile of REPEAT requests, in milliseconds, and the CPU each request used (this process
and, on PostgreSQL on this machine, its connection's server process), with the load
average. SQLite by default (a file under a temporary folder); --database-url points it at
PostgreSQL: it deletes every organization
there first, so give it a database of its own, never one with real data. --reuse times
the database the last run filled; --queries-only times the distance filter's own queries
(the first page nearest first, and the count), not the page; --code times another copy of
the project's code (such as the main branch's) on the same database, to compare.

Each search is timed twice: "first", worked out each time (the search's results cache,
directory/results.py, not read: as when the search is first asked after a change to the
directory; what the worker keeps of the directory, its facet index and the places and
moments asked, is warm), and "again", the same search asked again (from the results cache
where it is kept).
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = [
    ("everything", {}),
    ("near 62901, 5 miles", {"near": "62901", "radius": "5"}),
    ("near 62901, 10 miles", {"near": "62901", "radius": "10"}),
    ("near 62901, 25 miles", {"near": "62901", "radius": "25"}),
    ("near 62901, 50 miles", {"near": "62901", "radius": "50"}),
    ("near 60601, 50 miles", {"near": "60601", "radius": "50"}),
    ("near + keyword", {"near": "60601", "radius": "25", "q": "youth"}),
    ("open now", {"open_now": "true"}),
    ("open Tue 18:30", {"open_day": "2026-12-01", "open_time": "18:30"}),
    ("24/7 only", {"always_open": "true"}),
    ("open now + near", {"open_now": "true", "near": "60601", "radius": "25"}),
]
# The distance filter's own queries: (ZIP code, miles). 62901 is inland, 60601 on the lake.
DISTANCES = [
    ("62901", 5),
    ("62901", 10),
    ("62901", 25),
    ("62901", 50),
    ("60601", 25),
    ("60601", 50),
]
REPEAT = 30


def backend_cpu():
    """CPU seconds used so far by this connection's PostgreSQL backend (0 on SQLite, whose
    work is this process's own; and where the server is not on this machine)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(value) for value in fields[11:13]) / os.sysconf("SC_CLK_TCK")


def cpu_now():
    """CPU seconds so far of this process and its database connection's backend."""
    return time.process_time() + backend_cpu()


def fill_database(count):
    """count services, one location each, four in five with weekly opening times."""
    from datetime import time as clock

    from directory.models import (
        Location,
        OpeningTime,
        Organization,
        Schedule,
        Service,
        ServiceAtLocation,
    )

    rng = random.Random(12)
    words = ["youth", "counseling", "shelter", "legal", "mentor", "jobs", "school", "health"]
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Organization {n}") for n in range(max(1, count // 5))
    )
    services = Service.objects.bulk_create(
        (
            Service(
                organization=organizations[n % len(organizations)],
                name=f"Service {n} {words[n % 8]}",
                search_text=f"Service {n} {words[n % 8]} {words[(n * 3) % 8]}",
                publication="published",
                status="active",
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    locations = Location.objects.bulk_create(
        (
            Location(
                organization=services[n].organization,
                city="Bench",
                latitude=round(rng.uniform(36.9, 42.5), 6),
                longitude=round(rng.uniform(-91.5, -87.5), 6),
                confidential=n % 10 == 0,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    ServiceAtLocation.objects.bulk_create(
        (
            ServiceAtLocation(service=service, location=location)
            for service, location in zip(services, locations, strict=True)
        ),
        batch_size=2000,
    )
    shapes = [
        ("MO,TU,WE,TH,FR", clock(9), clock(17)),
        ("MO,TU,WE,TH,FR,SA,SU", clock(0), clock(0)),
        ("TU,TH", clock(12), clock(20)),
        ("MO,TU,WE,TH,FR,SA,SU", clock(20), clock(2)),
    ]
    schedules = [
        Schedule(service=s, byday=days, opens_at=opens, closes_at=closes)
        for n, s in enumerate(services)
        if n % 5
        for days, opens, closes in [shapes[n % 4]]
    ]
    Schedule.objects.bulk_create(schedules, batch_size=2000)
    for start in range(0, count, 5000):
        OpeningTime.rebuild(services=[s.pk for s in services[start : start + 5000]])


def timed(client, query):
    """(median, p95, CPU) of REPEAT requests of the directory page, in ms, and the page."""
    times = []
    cpu = cpu_now()
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get("/directory/", query)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    cpu = (cpu_now() - cpu) / REPEAT * 1000
    p95 = statistics.quantiles(times, n=20)[-1]
    return f"{statistics.median(times):.1f}\t{p95:.1f}\t{cpu:.1f}", response


def build_and_time(count, reuse=False, queries_only=False, code=ROOT):
    """Runs in a child process with DATABASE_URL set: fills the database, prints timings."""
    from unittest import mock

    import django

    sys.path.insert(0, str(code))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from directory import results
    from directory.models import (
        Organization,
        Service,
    )

    call_command("migrate", verbosity=0)
    if reuse and Service.objects.count() == count:
        fill = False  # --reuse: the database of the last run, as it is
    else:
        fill = True
        Organization.objects.all().delete()
    User.objects.filter(username="bench").delete()
    if fill:
        fill_database(count)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    user = User.objects.create_user("bench")
    user.groups.set(Group.objects.filter(name="Case worker"))
    client = Client()
    client.force_login(user)
    for name, query in [] if queries_only else SEARCHES:
        with mock.patch.object(results, "cache_key", lambda filterset: None):
            client.get("/directory/", query)  # warm up
            first, response = timed(client, query)
        client.get("/directory/", query)  # into the results cache, if it is kept
        again, response = timed(client, query)
        found = re.search(r'id="results"[^>]*>([\d,]+) service', response.content.decode())[1]
        print(f"{name}\t{first}\t{again}\t{found}")

    # The distance filter alone, as the page runs it: the first page of 20 nearest first,
    # and the count of what is within the radius (no facets, no template).
    from directory.geo import zip_centre

    visible = Service.objects.visible_to(user)
    for code, miles in DISTANCES:
        latitude, longitude = zip_centre(code)
        near = visible.near(latitude, longitude, miles)
        times, cpu = [], 0.0
        for attempt in range(REPEAT + 1):
            start_cpu = cpu_now()
            start = time.perf_counter()
            found = near.count()
            page = list(near.order_by("distance", "name", "pk").values_list("pk", "distance")[:20])
            if attempt:  # the first one warms up
                times.append((time.perf_counter() - start) * 1000)
                cpu += cpu_now() - start_cpu
        p95 = statistics.quantiles(times, n=20)[-1]
        cpu = cpu / REPEAT * 1000
        name = f"query: {code}, {miles} mi"
        print(f"{name}\t{statistics.median(times):.1f}\t{p95:.1f}\t{cpu:.1f}\t{found:,}")
        assert len(page) == min(found, 20)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--database-url")
    parser.add_argument(
        "--reuse", action="store_true", help="time the database of the last run, unfilled"
    )
    parser.add_argument(
        "--queries-only", action="store_true", help="time the distance queries, not the page"
    )
    parser.add_argument(
        "--code", default=str(ROOT), help="the project folder whose code to time (default: this)"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        build_and_time(
            args.child, reuse=args.reuse, queries_only=args.queries_only, code=Path(args.code)
        )
        return

    load_before = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(args.services), "--code", args.code]
            + (["--reuse"] if args.reuse else [])
            + (["--queries-only"] if args.queries_only else []),
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"Directory page at {args.services:,} services, {REPEAT} requests (ms)")
    print(f"Load average before and after: {load_before}; {load}")
    print(f"{'':<24}{'first':^24}{'again':^24}")
    print(f"{'search':<24}" + f"{'median':>8}{'p95':>8}{'cpu':>8}" * 2 + f"{'results':>9}")
    for line in out.strip().splitlines():
        name, *figures, found = line.split("\t")
        if len(figures) == 3:  # the distance queries: one kind
            figures += [""] * 3
        print(f"{name:<24}" + "".join(f"{figure:>8}" for figure in figures) + f"{found:>9}")


if __name__ == "__main__":
    main()
