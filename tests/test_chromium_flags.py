"""Chromium's launch flags are written once (core/chromium.py): the browser tests and the
README's screenshots start the same browser."""

import subprocess
import sys

from core.chromium import CHROMIUM_ARGS
from tests.test_deployment import BASE_DIR


def test_the_flags_are_written_in_one_place_only():
    written_in = subprocess.run(
        ["git", "grep", "--untracked", "-l", "-e", "--no-first" + "-run", "--", "*.py"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    ).stdout.split()

    assert written_in == ["core/chromium.py"]


def test_the_screenshots_and_the_browser_tests_launch_chromium_with_them():
    launched = subprocess.run(
        [
            sys.executable,
            "-c",
            "import runpy, sys; sys.argv = ['x'];"
            "found = runpy.run_path('bin/screenshots.py', run_name='not_main');"
            "import tests.browser.conftest as tests; print(found['CHROMIUM_ARGS'],"
            " tests.CHROMIUM_ARGS)",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert launched.strip() == f"{CHROMIUM_ARGS} {CHROMIUM_ARGS}"
