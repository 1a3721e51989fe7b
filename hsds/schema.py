"""The official HSDS 3.0 tabular data package, read once: resources, fields, keys."""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATAPACKAGE_PATH = Path(__file__).parent / "spec" / "datapackage.json"


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
def descriptor():
    return json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))


@cache
def resources():
    """Resource name -> Resource, in the package's order."""
    result = {}
    for raw in descriptor()["resources"]:
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
