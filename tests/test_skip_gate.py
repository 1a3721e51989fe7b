"""In CI a skipped test fails the run, but for the browser and PostgreSQL-only groups."""

import os
import subprocess
import sys

from django.conf import settings

TESTS = """
import pytest

def test_runs():
    pass

@pytest.mark.browser
def test_in_a_browser():
    pytest.skip("no Chromium")

@pytest.mark.postgresql
def test_on_postgresql():
    pytest.skip("PostgreSQL only")
"""

A_STRAY_SKIP = """
def test_official_material():
    pytest.skip("the examples are missing")
"""


def run_pytest(folder, tests, ci):
    (folder / "pytest.ini").write_text("[pytest]\nmarkers =\n    browser\n    postgresql\n")
    (folder / "test_sample.py").write_text(tests)
    env = {**os.environ, "PYTHONPATH": str(settings.BASE_DIR), "CI": ci}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.skip_gate", "-p", "no:cacheprovider"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_in_ci_a_skipped_test_fails_the_run_and_is_named(tmp_path):
    result = run_pytest(tmp_path, TESTS + A_STRAY_SKIP, ci="true")

    assert result.returncode == 1, result.stdout
    assert "CI runs every test: 1 skipped, which fails the run" in result.stdout
    assert (
        "SKIPPED test_sample.py::test_official_material: Skipped: the examples are missing"
        in result.stdout
    )
    assert "test_in_a_browser" not in result.stdout


def test_in_ci_the_browser_and_postgresql_groups_may_skip(tmp_path):
    result = run_pytest(tmp_path, TESTS, ci="true")

    assert result.returncode == 0, result.stdout
    assert "1 passed, 2 skipped" in result.stdout


def test_outside_ci_a_skip_is_only_a_skip(tmp_path):
    result = run_pytest(tmp_path, TESTS + A_STRAY_SKIP, ci="")

    assert result.returncode == 0, result.stdout
    assert "1 passed, 3 skipped" in result.stdout
