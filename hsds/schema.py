"""The official HSDS tabular data packages, each read once: resources, fields, keys.

Two versions: 3.0 (spec/), what an export writes unless asked otherwise, and 3.1
(spec-3.1/), which holds all of 3.0 and adds capacities, units and web addresses. An import
reads every package through 3.1, so a 3.0 package and a 3.1 one read alike.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SPEC_FOLDERS = {
    "3.0": Path(__file__).parent / "spec",
    "3.1": Path(__file__).parent / "spec-3.1",
}
VERSIONS = tuple(SPEC_FOLDERS)
EXPORT_VERSION = "3.0"  # what export_hsds writes without --hsds-version
READ_VERSION = "3.1"  # what an import reads a package as: 3.1 is 3.0 and more
DATAPACKAGE_PATH = SPEC_FOLDERS[EXPORT_VERSION] / "datapackage.json"


def datapackage_path(version=EXPORT_VERSION):
    return SPEC_FOLDERS[version] / "datapackage.json"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    format: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple = ()


@dataclass
class Resource:
    name: str
    path: str
    fields: dict[str, Field]
    # field name -> resource it points to (always at that resource's id)
    foreign_keys: dict[str, str] = field(default_factory=dict)

    @property
    def field_names(self):
        return list(self.fields)


@cache
def descriptor(version=READ_VERSION):
    return json.loads(datapackage_path(version).read_text(encoding="utf-8"))


@cache
def resources(version=READ_VERSION):
    """Resource name -> Resource, in the package's order."""
    result = {}
    for raw in descriptor(version)["resources"]:
        schema = raw["schema"]
        fields = {}
        for spec in schema["fields"]:
            constraints = spec.get("constraints", {})
            fields[spec["name"]] = Field(
                name=spec["name"],
                type=spec["type"],
                format=spec.get("format", ""),
                required=bool(constraints.get("required")),
                unique=bool(constraints.get("unique")),
                enum=tuple(constraints.get("enum", ())),
            )
        foreign_keys = {
            fk["fields"]: fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])
        }
        result[raw["name"]] = Resource(raw["name"], raw["path"], fields, foreign_keys)
    return result


def resource_for_path(path):
    for resource in resources().values():
        if resource.path == path:
            return resource
    return None
