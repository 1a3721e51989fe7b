"""Where the tests find the reference material kept in the project, so a clone tests alone.

- hsds/spec/: the official Open Referral HSDS 3.0 data package, the schemas the tests
  validate against and the examples they import (CC BY-SA 4.0, see hsds/spec/NOTICE.md).
  The compiled schemas are large, so they are stored gzip-compressed.
- hsds/spec-3.1/: the same of HSDS 3.1, its descriptor's capacity and unit tables completed
  as Open Referral's 3.1.1 did (see hsds/spec-3.1/NOTICE.md).
- tests/data/hsds-1.1/: Open Referral's HSDS 1.1 sample package (CC BY-SA 4.0, see its
  NOTICE.md).
- tests/data/: the text extraction of the NCJFCJ fact sheet PDF that
  factsheet/data/factsheet.json was built from.
"""

import gzip
import json
from pathlib import Path

from django.conf import settings

HSDS_SPEC = Path(settings.BASE_DIR) / "hsds" / "spec"
HSDS_EXAMPLES = HSDS_SPEC / "examples"
HSDS_31_SPEC = Path(settings.BASE_DIR) / "hsds" / "spec-3.1"
HSDS_31_EXAMPLES = HSDS_31_SPEC / "examples"
HSDS_11_SAMPLE = Path(settings.BASE_DIR) / "tests" / "data" / "hsds-1.1"
FACTSHEET_SEED = Path(settings.BASE_DIR) / "tests" / "data" / "factsheet-on-ramps-off-ramps.txt"


def hsds_datapackage(version="3.0"):
    spec = HSDS_SPEC if version == "3.0" else HSDS_31_SPEC
    return json.loads((spec / "datapackage.json").read_text(encoding="utf-8"))


def hsds_openapi():
    return json.loads((HSDS_SPEC / "schema" / "openapi.json").read_text(encoding="utf-8"))


def hsds_compiled_schema(name, version="3.0"):
    """One of the compiled schemas ("service", "service_list", "organization", ...); of 3.1,
    only "service" is kept."""
    spec = HSDS_SPEC if version == "3.0" else HSDS_31_SPEC
    with gzip.open(spec / "schema" / "compiled" / f"{name}.json.gz", "rt") as f:
        return json.load(f)


def hsds_schema(relative):
    """A schema of hsds/spec/schema/ ("taxonomy_term.json", "compiled/service.json"), with
    the files it refers to (taxonomy_term.json to taxonomy.json and metadata.json) put in
    place of their references."""
    if relative.startswith("compiled/"):
        return hsds_compiled_schema(relative.removeprefix("compiled/").removesuffix(".json"))
    schema = json.loads((HSDS_SPEC / "schema" / relative).read_text(encoding="utf-8"))

    def inline(node):
        if isinstance(node, dict):
            if "$ref" in node and node["$ref"].endswith(".json"):
                found = hsds_schema(node["$ref"])
                found.pop("$schema", None)
                found.pop("$id", None)
                return found
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    return inline(schema)
