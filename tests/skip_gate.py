"""In CI every test runs: a skipped test fails the run, with the reason it gave.

Two groups may skip, because CI cannot always run them and says so: the browser tests
(marked `browser`, skipped where Chromium cannot be installed) and the PostgreSQL-only tests
(marked `postgresql`, skipped on SQLite; .ci/run runs the suite on both databases). The gate
is on when the environment variable CI is true, as .ci/run and most CI services set it.
"""

import os

import pytest

MAY_SKIP = {"browser", "postgresql"}


def pytest_configure(config):
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        config.pluginmanager.register(SkipGate(), "skip-gate")


class SkipGate:
    def __init__(self):
        self.skipped = []

    def pytest_collectreport(self, report):
        self.check(report)

    def pytest_runtest_logreport(self, report):
        self.check(report)

    def check(self, report):
        marks = set(getattr(report, "keywords", ()))  # a collection report has none
        expected_failure = hasattr(report, "wasxfail")
        if report.skipped and not expected_failure and not marks & MAY_SKIP:
            self.skipped.append(report)

    def pytest_sessionfinish(self, session):
        if self.skipped and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        if not self.skipped:
            return
        terminalreporter.write_sep(
            "=", f"CI runs every test: {len(self.skipped)} skipped, which fails the run", red=True
        )
        for report in self.skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            terminalreporter.write_line(f"SKIPPED {report.nodeid}: {reason}")
