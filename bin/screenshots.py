"""Take the README's screenshots from the running app: docs/screenshots/*.png.

    .venv/bin/python bin/screenshots.py        (or: make screenshots)

It starts the app on a free port against a temporary SQLite database holding the demo
directory and the demo accounts (DEBUG on, as after `make run`), signs in as the demo case
worker with the sign-in page's button, and photographs a 1280x800 viewport of the directory
and of a service page with Playwright driving Debian's Chromium (as tests/browser does; set
CHROMIUM to use another binary). optipng, where installed, then shrinks the PNGs without
loss. Nothing outside the temporary folder and docs/screenshots/ is touched.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from core.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the flags the tests use)

OUT = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def free_port(preferred=8000):
    """8000, as after `make run`, so the address on the pages looks familiar; else any."""
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]


def wait_until_up(url, server, log_path, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The app stopped before it answered:\n{log_path.read_text()}")
        try:
            with LOCAL.open(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"The app did not answer at {url} within {seconds} seconds:\n{log_path.read_text()}")


def take(url):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
        page.goto(f"{url}/accounts/login/")
        page.get_by_role("button", name="Sign in as the demo case worker").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Off-ramps for young people")

        page.goto(f"{url}/directory/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Find a service")
        page.screenshot(path=OUT / "directory.png")

        page.goto(f"{url}/directory/?q=Lantern+House")
        page.get_by_role("link", name="Emergency youth shelter").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Emergency youth shelter")
        page.screenshot(path=OUT / "service.png")
        browser.close()


def optimise(paths):
    """Shrink the PNGs without loss with optipng, where it is installed."""
    if shutil.which("optipng") is None:
        print("optipng is not installed (apt-get install optipng): the PNGs are as Chromium wrote.")
        return
    subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", *map(str, paths)], check=True)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="off-ramps-screenshots-") as tmp:
        env = {
            **os.environ,
            "DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "HSDS_UPLOAD_DIR": f"{tmp}/uploads",
        }
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "load_demo", "--verbosity", "0")
        manage(env, "demo_accounts", "--verbosity", "0")
        address = f"127.0.0.1:{free_port()}"
        log_path = Path(tmp) / "server.log"
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", address, "--noreload"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(f"http://{address}", server, log_path)
                take(f"http://{address}")
            finally:
                server.terminate()
                server.wait(timeout=10)
    paths = [OUT / "directory.png", OUT / "service.png"]
    optimise(paths)
    for path in paths:
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
