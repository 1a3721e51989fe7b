"""`make run`: the development server with a job worker beside it (bin/devserver.py), run as
a developer runs it, in processes of its own, on a database file of its own."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SET_UP = """
from django.contrib.auth.models import User
from django.core.management import call_command
from accounts.tasks import send_password_reset
call_command("migrate", verbosity=0)
casey = User.objects.create_user("casey", "casey@example.org", "correct horse battery staple")
send_password_reset.enqueue(user_ids=[casey.pk], domain="queued.example", use_https=False)
"""
# What the console email backend prints of a reset email: its recipient and its link.
EMAIL = re.compile(r"^To: (\S+)$\n(?:.*\n)*?^(http://\S+)$", re.MULTILINE)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.2)
    raise AssertionError(f"Nothing after {seconds} s")


def processes_using(database_url):
    """The pids of this machine's processes that run with this DATABASE_URL."""
    marker = f"DATABASE_URL={database_url}\0".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "environ").read_bytes():
                pids.append(int(entry.name))
        except OSError:  # ended meanwhile, or another user's
            pass
    return pids


def test_the_worker_runs_beside_the_server_and_stops_with_it(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    # A job queued by a process that has ended since, before any worker was running.
    subprocess.run([*manage, "shell", "-c", SET_UP], env=env, check=True, capture_output=True)
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    output = tmp_path / "output.txt"
    with output.open("wb") as file:
        devserver = subprocess.Popen(
            [sys.executable, str(ROOT / "bin" / "devserver.py"), f"127.0.0.1:{port}"],
            env=env,
            stdout=file,
            stderr=subprocess.STDOUT,
        )
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(cookies := http.cookiejar.CookieJar())
    )

    def emails():
        return EMAIL.findall(output.read_text())

    def reset_form():
        try:
            return browser.open(f"{site}/accounts/password/reset/").status == 200
        except urllib.error.URLError:
            return False

    try:
        wait_for(emails)
        assert emails()[0][0] == "casey@example.org"
        assert emails()[0][1].startswith("http://queued.example/accounts/password/reset/")

        wait_for(reset_form)
        token = next(cookie.value for cookie in cookies if cookie.name == "csrftoken")
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "email": "casey@example.org"})
        answer = browser.open(f"{site}/accounts/password/reset/", form.encode())
        assert answer.url == f"{site}/accounts/password/reset/sent/"
        wait_for(lambda: len(emails()) == 2)
        assert emails()[1][1].startswith(f"{site}/accounts/password/reset/")

        devserver.send_signal(signal.SIGINT)  # Ctrl-C
        assert devserver.wait(timeout=30) == 0
        assert processes_using(database_url) == []
    finally:
        for pid in processes_using(database_url):
            os.kill(pid, signal.SIGKILL)
