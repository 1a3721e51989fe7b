"""Real HTTP load on the production server, and what a database restart costs.

    make bench-deps        # Debian's wrk
    .venv/bin/python bench/load_bench.py [--duration 60] [--workers 4] [--connections 8]
                                         [--services 5000] [--fault-duration 30] [--no-fault]

It starts a PostgreSQL cluster of its own (initdb and pg_ctl from /usr/lib/postgresql/*/bin,
run as the `postgres` user when started as root) on a free port, in a temporary folder, so
it never touches another server. It loads the demo data plus --services generated services
(bench/search_bench.py's generator), collects the static files and starts gunicorn as `make
serve` does (config/serve.py, DEBUG off) with --workers workers. A case worker signs in over
HTTP; then:

1. Load: `wrk` with --connections connections sends signed-in directory searches (five
   kinds, in turn) for --duration seconds. It prints requests/s, the latency percentiles,
   and the errors: socket errors, time-outs and any answer but 200 (a sign-in page counts).
   Then where the time went: the application's own time per request (from its access log)
   and the CPU seconds used by gunicorn, PostgreSQL and wrk.
2. Fault: the same load for --fault-duration seconds, with the PostgreSQL cluster restarted
   (pg_ctl restart, fast mode: every connection is cut) a third of the way in. It prints
   how many requests failed, and what /healthz answered, polled every 100 ms, over time.

Everything it started is stopped at the end, and the folder deleted.

On a shared machine the CPU a request costs is the steadier figure; bench/page_cpu_bench.py
measures it in process for the same five searches, and shows where it goes (--profile).
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "bench password for the load run"
SECRET_KEY = "load-bench-only-" + "Zq8w" * 12
# The searches, as bench/search_bench.py times them; wrk sends them in turn.
SEARCHES = [
    "/directory/",
    "/directory/?q=youth+counseling",
    "/directory/?category=housing&language=es",
    "/directory/?age=16&population=lgbtqia-affirming&free=true",
    "/directory/?sort=verified&page=5",
]

# wrk's script: the searches in turn, the session cookie, and a count of answers other than
# 200 (wrk itself counts only 4xx and 5xx). Its done() prints one JSON line.
WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
local threads = {}
wrk.headers["Cookie"] = "sessionid=%(session)s"

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("not_ok") end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "p50": %%d, "p95": %%d, "p99": %%d, "max": %%d, '
    .. '"not_ok": %%d, "connect": %%d, "read": %%d, "write": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, bad, e.connect, e.read, e.write, e.timeout))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds=120, what="it"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    sys.exit(f"Gave up waiting for {what} after {seconds} s.")


class Cluster:
    """A PostgreSQL cluster of the bench's own, in a temporary folder, on a free port."""

    def __init__(self, folder):
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not versions:
            sys.exit("No PostgreSQL server binaries in /usr/lib/postgresql/*/bin.")
        self.bin = versions[-1].parent
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(folder, "postgres")

    def run(self, name, *args, **kwargs):
        return subprocess.run(
            [*self.as_user, str(self.bin / name), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            **kwargs,
        )

    def start(self):
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start")
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "offramps")

    @property
    def log(self):
        return self.folder / "postgresql.log"

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/offramps"

    def restart(self):
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "restart")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def pids(self):
        pid_file = self.data / "postmaster.pid"
        if not pid_file.exists():
            return []
        parent = int(pid_file.read_text().split()[0])
        return [parent, *children(parent)]


def children(pid):
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found]


def cpu_seconds(pids):
    """User plus system CPU seconds of these processes (and their reaped children)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime: fields 14 to 17 of stat, 12 to 15 after the name.
        total += sum(int(value) for value in fields[11:15])
    return total / ticks


def prepare(env, services):
    """Migrate, load the demo data and the generated services, collect the static files."""
    # load_demo is for a demo site, never production.
    setup_env = {**env, "DEBUG": "true", "LOG_LEVEL": "WARNING"}
    for command in (["migrate", "--no-input", "-v0"], ["load_demo"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=setup_env, check=True)
    fill = f"""
import django, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
sys.path.insert(0, "bench")
django.setup()
from django.contrib.auth.models import Group, User
from search_bench import fill
fill({services}, clear=False)
user = User.objects.create_user("loadbench", password={PASSWORD!r})
user.groups.set(Group.objects.filter(name="Case worker"))
"""
    subprocess.run([PYTHON, "-c", fill], cwd=ROOT, env=setup_env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )


def sign_in(site):
    """The session cookie of a case worker signed in through the sign-in form."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    opener.open(f"{site}/accounts/login/").read()
    token = next(cookie.value for cookie in cookies if cookie.name == "csrftoken")
    form = {"csrfmiddlewaretoken": token, "username": "loadbench", "password": PASSWORD}
    with opener.open(f"{site}/accounts/login/", urllib.parse.urlencode(form).encode()) as answer:
        page = answer.read().decode()
    if "Sign out" not in page:
        sys.exit("Could not sign in as the bench's case worker.")
    return next(cookie.value for cookie in cookies if cookie.name == "sessionid")


def run_wrk(site, session, seconds, connections, script_path):
    paths = ", ".join(json.dumps(path) for path in SEARCHES)
    script_path.write_text(WRK_SCRIPT % {"paths": paths, "session": session})
    threads = max(1, min(2, connections))
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script_path),
            site,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def app_times(log_path, since):
    """The application's own milliseconds for each directory request after byte `since`."""
    text = log_path.read_text(errors="replace")[since:]
    return [int(ms) for ms in re.findall(r"GET /directory/ \d+ (\d+)ms", text)]


def report(name, figures, extra=""):
    failed = figures["not_ok"] + figures["connect"] + figures["read"] + figures["write"]
    failed += figures["timeout"]
    rps = figures["requests"] / figures["seconds"]
    print(f"\n{name}: {figures['requests']} requests in {figures['seconds']:.1f} s{extra}")
    print(f"  {rps:.1f} requests/s")
    print(
        "  latency ms: p50 {:.0f}, p95 {:.0f}, p99 {:.0f}, max {:.0f}".format(
            *(figures[key] / 1000 for key in ("p50", "p95", "p99", "max"))
        )
    )
    share = failed / figures["requests"] * 100 if figures["requests"] else 0
    print(
        f"  errors: {failed} ({share:.2f}%): {figures['not_ok']} answers other than 200, "
        f"{figures['connect']} connect, {figures['read']} read, {figures['write']} write, "
        f"{figures['timeout']} time-outs"
    )
    return failed


class HealthWatch(threading.Thread):
    """Polls /healthz every 100 ms (once the last answer came) and keeps (seconds since
    start, answer) on each change."""

    def __init__(self, site):
        super().__init__(daemon=True)
        self.site = site
        self.changes = []
        self.stopping = threading.Event()
        self.started_at = time.monotonic()

    def answer(self):
        try:
            # As long as wrk waits: under load the probe queues behind the searches.
            with urllib.request.urlopen(f"{self.site}/healthz", timeout=10) as response:
                return f"{response.status} {response.read().decode().strip()}"
        except urllib.error.HTTPError as error:
            return f"{error.code} {error.read().decode().strip()}"
        except OSError as error:
            return f"no answer ({error.__class__.__name__})"

    def run(self):
        while not self.stopping.is_set():
            answer = self.answer()
            if not self.changes or self.changes[-1][1] != answer:
                self.changes.append((time.monotonic() - self.started_at, answer))
            time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (60)")
    parser.add_argument("--fault-duration", type=int, default=30, help="seconds (30)")
    parser.add_argument("--no-fault", action="store_true", help="skip the restart run")
    parser.add_argument("--no-load", action="store_true", help="only the restart run")
    parser.add_argument("--server-log", type=Path, help="keep gunicorn's log in this file")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (1)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--services", type=int, default=5000, help="generated services (5000)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: run `make bench-deps` (Debian's wrk).")

    folder = Path(tempfile.mkdtemp(prefix="offramps-load-"))
    cluster = Cluster(folder)
    server = None
    try:
        print(f"PostgreSQL cluster of its own on port {cluster.port} ({cluster.bin})")
        cluster.start()
        port = free_port()
        site = f"http://127.0.0.1:{port}"
        env = {
            **{key: value for key, value in os.environ.items() if key != "TEST_DB_NAME"},
            "DATABASE_URL": cluster.url,
            "DEBUG": "false",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "HTTPS": "false",
            "STATIC_ROOT": str(folder / "static"),
            "WEB_BIND": f"127.0.0.1:{port}",
            "WEB_WORKERS": str(args.workers),
            "WEB_THREADS": str(args.threads),
            "CACHE_URL": os.environ.get("CACHE_URL", ""),
        }
        started = time.monotonic()
        prepare(env, args.services)
        took = time.monotonic() - started
        print(f"Demo data plus {args.services} services loaded in {took:.0f} s")

        server_log = folder / "server.log"
        with server_log.open("w") as file:
            server = subprocess.Popen(
                [PYTHON, "-m", "config.serve"], cwd=ROOT, env=env, stdout=file, stderr=file
            )
        wait_for(lambda: HealthWatch(site).answer().startswith("200"), what="gunicorn")
        session = sign_in(site)
        cores = os.cpu_count()
        print(
            f"gunicorn: {args.workers} workers x {args.threads} thread(s); wrk: "
            f"{args.connections} connections; machine: {cores} cores "
            f"(load average {os.getloadavg()[0]:.1f} before the run)"
        )
        run_wrk(site, session, 5, args.connections, folder / "load.lua")  # warm up
        if not args.no_load:
            measure_load(args, site, session, server, cluster, server_log, folder)
        if not args.no_fault:
            measure_fault(args, site, session, cluster, server_log, folder)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
            if args.server_log:
                shutil.copyfile(folder / "server.log", args.server_log)
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def measure_load(args, site, session, server, cluster, server_log, folder):
    gunicorn = [server.pid, *children(server.pid)]
    before = {
        "gunicorn": cpu_seconds(gunicorn),
        "postgres": cpu_seconds(cluster.pids()),
    }
    log_start = server_log.stat().st_size
    figures = run_wrk(site, session, args.duration, args.connections, folder / "load.lua")
    used = {
        "gunicorn": cpu_seconds(gunicorn) - before["gunicorn"],
        "postgres": cpu_seconds(cluster.pids()) - before["postgres"],
    }
    report("Load", figures)
    times = sorted(app_times(server_log, log_start))
    if times:
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"  time inside the application (access log): median {statistics.median(times):.0f}"
            f" ms, p95 {p95} ms, over {len(times)} requests"
        )
    cores = os.cpu_count()
    wall = figures["seconds"] * cores
    print(
        f"  CPU: gunicorn {used['gunicorn']:.1f} s, PostgreSQL {used['postgres']:.1f} s, "
        f"of {wall:.0f} core-seconds in the run ({cores} cores); wrk and the rest of the "
        "machine had the remainder"
    )
    per_request = {name: seconds / figures["requests"] * 1000 for name, seconds in used.items()}
    ceiling = cores * 1000 / sum(per_request.values())
    print(
        f"  CPU per request: gunicorn {per_request['gunicorn']:.1f} ms, PostgreSQL "
        f"{per_request['postgres']:.1f} ms: at most {ceiling:.0f} requests/s on {cores} "
        "cores with nothing else running"
    )


def measure_fault(args, site, session, cluster, server_log, folder):
    log_start = server_log.stat().st_size
    watch = HealthWatch(site)
    watch.start()
    result = {}
    load = threading.Thread(
        target=lambda: result.update(
            run_wrk(site, session, args.fault_duration, args.connections, folder / "f.lua")
        )
    )
    load.start()
    time.sleep(args.fault_duration / 3)
    restart_at = time.monotonic() - watch.started_at
    cluster.restart()
    restarted_in = time.monotonic() - watch.started_at - restart_at
    load.join()
    watch.stopping.set()
    watch.join()
    failed = report(
        "Fault",
        result,
        f"; PostgreSQL restarted at {restart_at:.1f} s, back in {restarted_in:.1f} s",
    )
    print(f"  requests failed through the restart: {failed} of {result['requests']}")
    print("  /healthz answered:")
    for at, answer in watch.changes:
        print(f"    from {at:5.1f} s: {answer}")
    log = server_log.read_text(errors="replace")[log_start:]
    attempts = len(re.findall(r"GET /directory/ 500 ", log))
    print(f"  attempts that lost the database (500 in the access log): {attempts}")
    print(f"  DB_RETRY_SECONDS={os.environ.get('DB_RETRY_SECONDS', '5')}")


if __name__ == "__main__":
    main()
