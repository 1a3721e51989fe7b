"""Shared by the HSDS tests: where the official material is, and small package builders."""

import csv
import json
from pathlib import Path

import pytest
from django.conf import settings

from directory.hsds.schema import resources

# CI clones the repository with a copy of shared/ beside it.
HSDS = Path(settings.BASE_DIR).parent / "shared" / "hsds-3.0"
EXAMPLES = HSDS / "examples"

needs_hsds = pytest.mark.skipif(
    not (HSDS / "datapackage.json").exists(),
    reason=f"the official HSDS 3.0 material is not at {HSDS} (shared/ beside the repository)",
)

ORG_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0001"
SERVICE_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0002"
LOCATION_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0003"


def write_package(folder, tables, datapackage=True):
    """Write {resource name: [row dicts]} as a tabular package; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if datapackage:
        (folder / "datapackage.json").write_text(json.dumps({"name": "test", "resources": []}))
    for name, rows in tables.items():
        fields = resources()[name].field_names
        with (folder / resources()[name].path).open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
    return folder


def small_package(**changes):
    """One organization with one service at one location; keyword args patch the service."""
    service = {
        "id": SERVICE_ID,
        "organization_id": ORG_ID,
        "name": "Night Shelter",
        "description": "Beds for youth.",
        "status": "active",
        "minimum_age": "12",
        "maximum_age": "24",
        **changes,
    }
    return {
        "organization": [{"id": ORG_ID, "name": "Harbor House", "description": "Shelter."}],
        "service": [service],
        "location": [
            {
                "id": LOCATION_ID,
                "location_type": "physical",
                "organization_id": ORG_ID,
                "name": "Main site",
            }
        ],
        "address": [
            {
                "id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0004",
                "location_id": LOCATION_ID,
                "address_1": "1 Main St",
                "city": "Riverton",
                "state_province": "IL",
                "postal_code": "60000",
                "country": "US",
                "address_type": "physical",
            }
        ],
        "service_at_location": [
            {
                "id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0005",
                "service_id": SERVICE_ID,
                "location_id": LOCATION_ID,
            }
        ],
    }
