"""A package of many bad rows keeps the import's memory flat: the report keeps the first
1,000 errors and counts the rest, and the rows are read as a stream. Memory is measured with
tracemalloc (what Python allocates, not the time it takes): ten times the rows may not cost
more than a little more memory. bench/hostile_bench.py gives the figures for 200,000 rows."""

import tracemalloc
import uuid
import zipfile

import pytest

from hsds.models import ImportRun
from hsds.report import KEPT_PROBLEMS
from hsds.runs import execute
from hsds.schema import resources

pytestmark = pytest.mark.django_db
NS = uuid.UUID("7b1d0f3e-2c44-4a55-9a3e-5f0c7d2b9e11")


def bad_package(path, rows):
    """A zip whose services.csv has `rows` rows of four errors each: an organization id that
    is not a UUID, no name, a status outside the enumeration, an age that is not a number."""
    fields = resources()["service"].field_names
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", '{"name": "hostile", "resources": []}')
        archive.writestr(
            "organizations.csv", ",".join(resources()["organization"].field_names) + "\n"
        )
        with archive.open("services.csv", "w") as out:
            out.write((",".join(fields) + "\n").encode())
            for n in range(rows):
                values = dict.fromkeys(fields, "") | {
                    "id": str(uuid.uuid5(NS, str(n))),
                    "organization_id": f"org-{n}",
                    "status": "open",
                    "minimum_age": "twelve",
                }
                out.write((",".join(values.values()) + "\n").encode())
    return path


def dry_run(package):
    """The dry run an admin upload makes, and the peak of what Python allocated for it."""
    run = ImportRun.objects.create(source=package.name, dry_run=True)
    tracemalloc.start()
    try:
        report = execute(run, package)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    run.refresh_from_db()
    return run, report, peak


def test_ten_times_the_bad_rows_keep_the_memory_flat_and_the_errors_bounded(tmp_path):
    small = bad_package(tmp_path / "small.zip", 2_000)
    large = bad_package(tmp_path / "large.zip", 20_000)

    run, report, small_peak = dry_run(small)
    assert report.error_count == 8_000
    run, report, large_peak = dry_run(large)

    assert run.status == ImportRun.Status.REJECTED
    assert report.error_count == 80_000  # every error counted
    # 72,000 more errors kept would take tens of MB; the rows, read as a stream, nothing.
    # (Measured: 1.4 MB for 2,000 rows, 3.8 MB for 20,000, the ids seen growing with them.)
    assert large_peak < small_peak + 4 * 2**20, (small_peak, large_peak)
    assert len(report.errors) == len(run.report["errors"]) == KEPT_PROBLEMS == 1_000
