"""The CPU a signed-in directory request costs once its search is kept, in process.

    .venv/bin/python bench/page_cpu_bench.py [--database-url postgres://.../own_db]
        [--services 5000] [--repeat 40] [--profile 200] [--reuse]

The steady figure behind bench/load_bench.py's requests/s: on a shared machine the time a
request takes says more about the other processes than about the page, but the CPU it
costs does not. It fills a database (SQLite in a temporary file, or the PostgreSQL database
given, which it empties of organizations first: give it one of its own) with the demo data
plus --services generated services (bench/search_bench.py's generator), then, with the
production settings (DEBUG off, the collected static files, the access log), sends the
load bench's five signed-in searches (load_bench.SEARCHES) straight to Django's WSGI
handler, middleware and all, as gunicorn would. Each search is asked once first (its results
kept: directory/results.py), then --repeat times: the CPU of this process plus, on
PostgreSQL, its database backend's, per request. With --profile N it then runs N requests of
the five in turn under cProfile and prints where the CPU went.
"""

import argparse
import cProfile
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
PYTHON = sys.executable
SECRET_KEY = "page-cpu-bench-only-" + "Qx7v" * 12


def prepare(env, services):
    setup_env = {
        **env,
        "DEBUG": "true",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    for command in (["migrate", "--no-input", "-v0"], ["load_demo"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=setup_env, check=True)
    fill = f"""
import django, os, sys
sys.path.insert(0, "bench")
django.setup()
from search_bench import fill
fill({services}, clear=False)
"""
    subprocess.run([PYTHON, "-c", fill], cwd=ROOT, env=setup_env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )


def backend_cpu():
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:13]) / os.sysconf("SC_CLK_TCK")


class Site:
    """Requests straight to Django's WSGI handler, with a signed-in case worker's cookie."""

    def __init__(self):
        from django.conf import settings
        from django.contrib.auth.models import Group, User
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import Client

        User.objects.filter(username="cpubench").delete()
        user = User.objects.create_user("cpubench")
        user.groups.set(Group.objects.filter(name="Case worker"))
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        self.cookie = f"{name}={client.cookies[name].value}"
        self.handler = WSGIHandler()

    def get(self, path_and_query):
        path, _, query = path_and_query.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_COOKIE": self.cookie,
            "HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status = []
        body = b"".join(self.handler(environ, lambda s, headers, exc=None: status.append(s)))
        if not status[0].startswith("200") or b"Sign out" not in body:
            raise SystemExit(f"{path_and_query}: {status[0]}")
        return body


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="", help="a PostgreSQL database of its own")
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=40, help="requests per search (40)")
    parser.add_argument("--profile", type=int, default=0, help="requests under cProfile")
    parser.add_argument("--sort", default="tottime", help="cProfile order (tottime)")
    parser.add_argument("--lines", type=int, default=45)
    parser.add_argument("--reuse", action="store_true", help="the database is filled already")
    parser.add_argument("--keep", type=Path, help="SQLite: keep the database in this file")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="offramps-cpu-"))
    if args.database_url:
        url = args.database_url
    else:
        sqlite = args.keep or folder / "db.sqlite3"
        url = f"sqlite:///{sqlite}"
    env = {
        **{key: value for key, value in os.environ.items() if key != "TEST_DB_NAME"},
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",
        "STATIC_ROOT": str(folder / "static"),
    }
    if not args.reuse:
        started = time.monotonic()
        if args.database_url:
            code = "import django;django.setup();from directory.models import Organization;"
            code += "Organization.objects.all().delete()"
            subprocess.run(
                [PYTHON, "-c", code],
                cwd=ROOT,
                env={**env, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "config.settings"},
                check=False,
            )
        prepare(env, args.services)
        print(f"Demo data plus {args.services} services in {time.monotonic() - started:.0f} s")
    else:
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection
    from load_bench import SEARCHES

    site = Site()
    # A kept search lasts until the next minute (directory/results.py): within the run the
    # searches stay in the same minute, so that every request measured is one asked again.
    # Each search's first asking is counted, to show none happened within the measurement.
    from types import SimpleNamespace

    from django.utils import timezone

    from directory import results

    moment = timezone.localtime()
    results.timezone = SimpleNamespace(localtime=lambda: moment)
    computed = []
    compute = results.SearchResults.compute.__func__

    def counted(cls, *args, **kwargs):
        computed.append(1)
        return compute(cls, *args, **kwargs)

    results.SearchResults.compute = classmethod(counted)
    # The access log goes to stderr, as in production: written, then thrown away.
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved_stderr = os.dup(2)
    os.dup2(devnull, 2)
    try:
        for path in SEARCHES:  # first askings: compiled templates, kept results
            site.get(path)
            site.get(path)
        computed.clear()
        figures = {}
        for path in SEARCHES:
            cpu, db = time.process_time(), backend_cpu()
            wall = time.perf_counter()
            for _ in range(args.repeat):
                site.get(path)
            wall = (time.perf_counter() - wall) / args.repeat * 1000
            db = (backend_cpu() - db) / args.repeat * 1000
            cpu = (time.process_time() - cpu) / args.repeat * 1000
            figures[path] = (cpu, db, wall)
        profile = None
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for n in range(args.profile):
                site.get(SEARCHES[n % len(SEARCHES)])
            profile.disable()
    finally:
        os.dup2(saved_stderr, 2)
    print(
        f"{connection.vendor}, {args.services} services, {args.repeat} requests per search, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"Searches worked out afresh while measuring: {len(computed)} (0: every one kept)")
    print(f"{'search':58} {'app CPU':>8} {'db CPU':>7} {'total':>7} {'wall':>7}  (ms)")
    for path, (cpu, db, wall) in figures.items():
        print(f"{path:58} {cpu:8.1f} {db:7.1f} {cpu + db:7.1f} {wall:7.1f}")
    mean = [sum(f[i] for f in figures.values()) / len(figures) for i in range(3)]
    print(f"{'mean':58} {mean[0]:8.1f} {mean[1]:7.1f} {mean[0] + mean[1]:7.1f} {mean[2]:7.1f}")
    if profile is not None:
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats(args.sort).print_stats(args.lines)
        print(out.getvalue())
    shutil.rmtree(folder, ignore_errors=True)  # the static files (and a SQLite database)


if __name__ == "__main__":
    main()
