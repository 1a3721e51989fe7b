"""How the directory page's time grows with the size of the directory.

    .venv/bin/python bench/search_bench.py [--small 100] [--large 10000] [--database-url URL]

It builds two fresh databases, one with --small services and one with --large (each with
categories, languages, areas and a location), and times the directory page, signed in as a
case worker, for a handful of typical searches. The small directory is the baseline measured
in the same run, so the ratio says how the page scales whatever the machine's speed; the
page shows 20 results either way. SQLite by default (files under a temporary folder);
--database-url points both runs at one PostgreSQL database, in turn: it deletes every
organization there first, so give it a database of its own, never one with real data.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = [
    ("everything", {}),
    ("keyword", {"q": "youth counseling"}),
    ("category + language", {"category": "housing", "language": "es"}),
    ("age + tags + free", {"age": "16", "population": "lgbtqia-affirming", "free": "true"}),
    ("page 5 by verified", {"sort": "verified", "page": "5"}),
]
REPEAT = 15


def build_and_time(count):
    """Runs in a child process with DATABASE_URL set: fills the database, prints timings."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    fill(count)

    user = User.objects.create_user("bench")
    user.groups.set(Group.objects.filter(name="Case worker"))
    client = Client()
    client.force_login(user)
    for name, query in SEARCHES:
        client.get("/directory/", query)  # warm up
        times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            response = client.get("/directory/", query)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        print(f"{name}\t{statistics.median(times) * 1000:.1f}")


def fill(count, clear=True):
    """Adds `count` published services (with organizations, locations, categories, languages,
    tags and areas) to the database Django is set up with. `clear` first deletes every
    organization, and so every service: the other bench data of an earlier run included."""
    from datetime import timedelta

    from django.contrib.auth.models import User
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
    subcategories = list(Category.objects.filter(parent__isnull=False))
    languages = list(Language.objects.all())
    tags = list(PopulationTag.objects.all())
    areas = [
        ServiceArea.objects.create(name=f"Bench area {n}", slug=f"bench-area-{n}") for n in range(8)
    ]
    today = timezone.localdate()
    words = ["youth", "counseling", "shelter", "legal", "mentor", "jobs", "school", "health"]
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Organization {n}") for n in range(max(1, count // 5))
    )
    services = Service.objects.bulk_create(
        Service(
            organization=organizations[n % len(organizations)],
            name=f"Service {n} {words[n % 8]}",
            description=f"Helps {words[(n * 3) % 8]} and {words[(n * 5) % 8]} needs.",
            search_text=f"Service {n} {words[n % 8]} {words[(n * 3) % 8]} {words[(n * 5) % 8]}",
            minimum_age=[None, 12, 14, 16][n % 4],
            maximum_age=[None, 17, 21, 24][n % 4],
            cost=["free", "free", "sliding", "fee"][n % 4],
            publication="published",
            status="active",
            assured_date=today - timedelta(days=n % 500),
        )
        for n in range(count)
    )
    through = Service.categories.through
    through.objects.bulk_create(
        through(service=s, category=subcategories[(n + k) % len(subcategories)])
        for n, s in enumerate(services)
        for k in (0, 5)
    )
    through = Service.languages.through
    through.objects.bulk_create(
        through(service=s, language=languages[(n + k) % len(languages)])
        for n, s in enumerate(services)
        for k in (0, 1, 7)
    )
    through = Service.populations.through
    through.objects.bulk_create(
        through(service=s, populationtag=tags[n % len(tags)]) for n, s in enumerate(services)
    )
    through = Service.areas.through
    through.objects.bulk_create(
        through(service=s, servicearea=areas[n % len(areas)]) for n, s in enumerate(services)
    )
    locations = Location.objects.bulk_create(
        Location(organization=o, city="Alderton", address_1="1 Main St") for o in organizations
    )
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(service=s, location=locations[n % len(locations)])
        for n, s in enumerate(services)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--database-url")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        build_and_time(args.child)
        return

    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for count in (args.small, args.large):
            url = args.database_url or f"sqlite:///{Path(folder) / f'bench-{count}.sqlite3'}"
            env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(count)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results[count] = dict(line.split("\t") for line in out.strip().splitlines())

    small, large = results[args.small], results[args.large]
    print(f"Directory page, median of {REPEAT} requests (ms)")
    print(f"{'search':<22}{args.small:>10}{args.large:>10}   ratio")
    for name, _ in SEARCHES:
        a, b = small[name], large[name]
        print(f"{name:<22}{a:>10}{b:>10}   {float(b) / float(a):5.1f}x")


if __name__ == "__main__":
    main()
