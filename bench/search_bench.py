"""The directory page at state scale: p50/p95 per search, requests/s under load, the floor.

    .venv/bin/python bench/search_bench.py [--small 1000] [--large 50000]
        [--database-url postgres://...] [--sqlite/--no-sqlite] [--repeat 40] [--seconds 15]

For each database (SQLite in a temporary file, and PostgreSQL if --database-url is given)
and each size (--small and --large published services, each with categories, languages, a
population tag, an area and a location), it fills a fresh database, runs ANALYZE (VACUUM
ANALYZE on PostgreSQL), then:

- times the directory page, signed in as a case worker, for each search below (--repeat
  requests each, in turn, after a warm-up), in process: the server-side time, template
  included; and in the same run, the database floor: the same SQL statements, replayed
  straight on the connection with their parameters;
- builds the case worker's facet index (directory/facet_index.py) as a worker does after
  a change to the directory: the CPU it costs (this process's and the database's) and the
  memory it holds (tracemalloc);
- at --large only, starts gunicorn (2 workers, as in production) and keeps 8 signed-in
  clients busy with the one-word keyword search for --seconds: requests/s, errors and the
  workers' memory.

--database-url deletes every organization in that database first: give it a database of its
own, never one with real data. With BENCH_REUSE=1 in the environment, a database that
already holds the bench's services of that size is timed as it is, not filled again.
"""

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = [
    ("keyword + category + language", {"q": "counseling", "category": "housing", "language": "es"}),
    ("category + language", {"category": "housing", "language": "es"}),
    ("unfiltered", {}),
    ("page 40 by last verified", {"sort": "verified", "page": "40"}),
    ("one-word keyword", {"q": "shelter"}),
]
LOAD_SEARCH = {"q": "shelter"}
CLIENTS = 8
WORKERS = 2
WORDS = ["youth", "counseling", "shelter", "legal", "mentor", "jobs", "school", "health"]


def fill(count, clear=True):
    """A directory of `count` published, active services."""
    from datetime import timedelta

    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.utils import timezone

    from directory.models import (
        Category,
        Language,
        Location,
        Organization,
        PopulationTag,
        Service,
        ServiceArea,
        ServiceAtLocation,
    )

    # A database given with --database-url serves both runs: empty it of earlier bench data.
    if clear:
        Organization.objects.all().delete()
    ServiceArea.objects.filter(slug__startswith="bench-area-").delete()
    User.objects.filter(username="bench").delete()
    subcategories = list(Category.objects.filter(parent__isnull=False).select_related("parent"))
    languages = list(Language.objects.all())
    tags = list(PopulationTag.objects.all())
    areas = [
        ServiceArea.objects.create(name=f"Bench area {n}", slug=f"bench-area-{n}") for n in range(8)
    ]
    today = timezone.localdate()
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Organization {n}") for n in range(max(1, count // 5))
    )

    def links(n):
        return {
            "categories": [subcategories[(n + k) % len(subcategories)] for k in (0, 5)],
            "languages": [languages[(n + k) % len(languages)] for k in (0, 1, 7)],
            "populations": [tags[n % len(tags)]],
            "areas": [areas[n % len(areas)]],
        }

    services = []
    for n in range(count):
        service = Service(
            organization=organizations[n % len(organizations)],
            name=f"Service {n} {WORDS[n % 8]}",
            description=f"Helps {WORDS[(n * 3) % 8]} and {WORDS[(n * 5) % 8]} needs.",
            minimum_age=[None, 12, 14, 16][n % 4],
            maximum_age=[None, 17, 21, 24][n % 4],
            cost=["free", "free", "sliding", "fee"][n % 4],
            publication="published",
            status="active",
            assured_date=None if n % 50 == 0 else today - timedelta(days=n % 500),
        )
        # What save() would store, from the names the links below will have.
        service.set_search_document(
            {name: [str(item) for item in items] for name, items in links(n).items()}
        )
        services.append(service)
    Service.objects.bulk_create(services, batch_size=2000)
    for name, column in Service.RELATED.items():
        through = getattr(Service, name).through
        through.objects.bulk_create(
            (
                through(**{"service": service, column: item})
                for n, service in enumerate(services)
                for item in links(n)[name]
            ),
            batch_size=5000,
        )
    locations = Location.objects.bulk_create(
        Location(organization=o, city="Alderton", address_1="1 Main St") for o in organizations
    )
    ServiceAtLocation.objects.bulk_create(
        (
            ServiceAtLocation(service=s, location=locations[n % len(locations)])
            for n, s in enumerate(services)
        ),
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        # As autovacuum soon would: PostgreSQL's keyword postings are read by index-only
        # scans, which need the table's visibility map (directory/search_index.py).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    user = User.objects.create_user("bench")
    user.groups.set(Group.objects.filter(name="Case worker"))
    return user


def percentile(times, fraction):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def backend_cpu():
    """CPU seconds used so far by this connection's PostgreSQL backend (0 on SQLite, whose
    work is this process's own)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:13]) / os.sysconf("SC_CLK_TCK")


def timed(client, query, repeat, statements=None):
    """{p50, p95 (wall ms), cpu (ms of this process and the database per request)}, and the
    floor: the `statements` replayed straight on the connection after each request."""
    from django.db import connection

    times, floors = [], []
    cpu_start, db_start = time.process_time(), backend_cpu()
    floor_cpu = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get("/directory/", query)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        if statements:
            start_cpu = time.process_time() + backend_cpu()
            start = time.perf_counter()
            with connection.cursor() as cursor:
                for sql, params in statements:
                    cursor.execute(sql, params)
                    cursor.fetchall()
            floors.append(time.perf_counter() - start)
            floor_cpu += time.process_time() + backend_cpu() - start_cpu  # not the page's
    cpu = time.process_time() - cpu_start - floor_cpu + backend_cpu() - db_start
    figures = {
        "p50": percentile(times, 0.5) * 1000,
        "p95": percentile(times, 0.95) * 1000,
        "cpu": cpu / repeat * 1000,
    }
    if floors:
        figures["floor"] = percentile(floors, 0.5) * 1000
    return figures


def time_searches(user, repeat):
    """{search: {"first": figures, "again": figures}} in ms, in process (timed()).

    "first": the search worked out from the database each time (its cached results are
    not read: directory/results.py), as when a search is first asked after a change to
    the directory; the floor is of these statements. "again": the same search asked again,
    its results from the cache, as the load below asks it."""
    from unittest import mock

    from django.db import connection
    from django.test import Client

    from directory import results

    client = Client()
    client.force_login(user)
    figures = {}
    for name, query in SEARCHES:
        statements = []

        def capture(execute, sql, params, many, context, statements=statements):
            statements.append((sql, params))
            return execute(sql, params, many, context)

        with mock.patch.object(results, "cache_key", lambda filterset: None):
            assert client.get("/directory/", query).status_code == 200  # warm up, fill caches
            with connection.execute_wrapper(capture):  # the statements of a warm request
                assert client.get("/directory/", query).status_code == 200
            # The statements of the search itself, not those of the session and the user.
            statements = [(sql, params) for sql, params in statements if "directory_" in sql]
            first = timed(client, query, repeat, statements)
        assert client.get("/directory/", query).status_code == 200  # into the cache
        figures[name] = {"first": first, "again": timed(client, query, repeat)}
    return figures


def index_cost(user):
    """{cpu: ms of this process and the database to build the case worker's facet index
    (directory/facet_index.py), as each worker does after a change to the directory;
    memory: MB it holds}."""
    import gc
    import tracemalloc

    from directory.facet_index import FacetIndex
    from directory.models import Service

    visible = Service.objects.visible_to(user)
    builds = []
    for _ in range(3):
        start = time.process_time() + backend_cpu()
        FacetIndex(visible)
        builds.append(time.process_time() + backend_cpu() - start)
    gc.collect()
    tracemalloc.start()
    index = FacetIndex(visible)
    memory = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del index
    return {"cpu": min(builds) * 1000, "memory": memory / 2**20}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load(user, seconds):
    """{requests/s, p50, p95, errors, cpu ms per request, worker memory MB} with wrk keeping
    CLIENTS connections busy on a gunicorn server of WORKERS workers."""
    from urllib.parse import urlencode

    from django.conf import settings
    from django.test import Client
    from load_bench import WRK_SCRIPT, children, cpu_seconds

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    path = f"/directory/?{urlencode(LOAD_SEARCH)}"
    url = f"http://127.0.0.1:{port}{path}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        with tempfile.TemporaryDirectory() as folder:
            script = Path(folder) / "search.lua"
            script.write_text(WRK_SCRIPT % {"paths": json.dumps(path), "session": session})

            def wrk(duration):
                out = subprocess.run(
                    ["wrk", "-t2", f"-c{CLIENTS}", f"-d{duration}s", "--timeout", "10s"]
                    + ["-s", str(script), f"http://127.0.0.1:{port}"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                return json.loads(out.strip().splitlines()[-1])

            wrk(3)  # warm every worker up
            workers = children(server.pid)
            cpu = cpu_seconds(workers)
            figures = wrk(seconds)
            cpu = cpu_seconds(workers) - cpu
        requests = max(1, figures["requests"])
        return {
            "rate": figures["requests"] / figures["seconds"],
            "p50": figures["p50"] / 1000,
            "p95": figures["p95"] / 1000,
            "errors": figures["not_ok"]
            + sum(figures[k] for k in ("connect", "read", "write", "timeout")),
            "requests": figures["requests"],
            "cpu": cpu / requests * 1000,
            "memory": [rss_mb(pid) for pid in workers],
        }
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def child(count, repeat, seconds):
    """Runs in a child process with DATABASE_URL set: prints its figures as JSON."""
    import django

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    from django.contrib.auth.models import User

    from directory.models import Service

    reuse = os.environ.get("BENCH_REUSE") and Service.objects.count() == count
    user = User.objects.get(username="bench") if reuse else fill(count)
    result = {"fill_seconds": time.perf_counter() - start, "index": index_cost(user)}
    result["searches"] = time_searches(user, repeat)
    if seconds:
        result["load"] = load(user, seconds)
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=50_000)
    parser.add_argument("--database-url")
    parser.add_argument("--sqlite", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.repeat, args.seconds)
        return

    with tempfile.TemporaryDirectory() as folder:
        # As in production: DEBUG off, static files collected (config/wsgi.py needs them).
        production = {
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "STATIC_ROOT": f"{folder}/static",
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env={**os.environ, **production},
            check=True,
        )
        databases = []
        if args.sqlite:
            databases.append(("SQLite", lambda count: f"sqlite:///{folder}/bench-{count}.sqlite3"))
        if args.database_url:
            databases.append(("PostgreSQL", lambda count: args.database_url))
        for label, url in databases:
            results = {}
            for count in (args.large, args.small):
                env = {**os.environ, **production, "DATABASE_URL": url(count)}
                seconds = args.seconds if count == args.large else 0
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(count), "--repeat", str(args.repeat)]
                    + ["--seconds", str(seconds)],
                    env=env,
                    check=True,
                    stdout=subprocess.PIPE,
                    text=True,
                ).stdout
                results[count] = json.loads(out.strip().splitlines()[-1])
            report(label, args, results)


def report(label, args, results):
    small, large = results[args.small]["searches"], results[args.large]["searches"]
    print(f"\n{label}: directory page, signed in, {args.repeat} requests per search (ms)")
    print(
        "first: worked out from the database; again: the same search from the cache. "
        "cpu: this process's and the database's CPU per request; floor: the first's SQL "
        "alone; ratio: p95 against the same search at the small size."
    )
    print(
        f"{'search':<31}{'':>4}{'p50':>7}{'p95':>7}{'cpu':>7}{'floor':>7}{'/floor':>7}"
        f"{'p95 small':>10}{'ratio':>7}"
    )
    for name, _ in SEARCHES:
        for kind in ("first", "again"):
            big, base = large[name][kind], small[name][kind]
            floor = big.get("floor")
            print(
                f"{name if kind == 'first' else '':<31}{kind:>6}{big['p50']:7.1f}{big['p95']:7.1f}"
                f"{big['cpu']:7.1f}"
                + (f"{floor:7.1f}{big['p50'] / max(floor, 0.01):6.1f}x" if floor else f"{'':>14}")
                + f"{base['p95']:10.1f}{big['p95'] / base['p95']:6.1f}x"
            )
    figures = results[args.large]["load"]
    print(
        f"wrk, {CLIENTS} connections, gunicorn with {WORKERS} workers, {LOAD_SEARCH}, "
        f"{args.seconds} s: {figures['rate']:.0f} requests/s, p50 {figures['p50']:.0f} ms, "
        f"p95 {figures['p95']:.0f} ms, {figures['errors']} errors of {figures['requests']}; "
        f"{figures['cpu']:.1f} ms of gunicorn CPU per request; worker memory "
        f"{', '.join(f'{m:.0f}' for m in figures['memory'])} MB"
    )
    for size in (args.large, args.small):
        index = results[size]["index"]
        print(
            f"facet index at {size:,}: built in {index['cpu']:.0f} ms of CPU, "
            f"holding {index['memory']:.1f} MB"
        )
    print(f"(filling {args.large:,} services took {results[args.large]['fill_seconds']:.0f} s)")
    print(f"load average at the end: {', '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
