"""Read an HSDS 3.0 package into rows, one table row per record, whatever its form.

- a tabular data package: a folder or a .zip holding datapackage.json and one CSV per
  object (services.csv, organizations.csv, ...). CSV files are streamed row by row.
- HSDS JSON: one service, a list of services, a paged /services response (`contents`),
  the same of organizations (with their services) or of service_at_location records
  (with their service and location), or the tabular JSON form
  (`{"services.csv": [...], ...}`). Nested records are flattened into the same tables,
  each keeping the link to the record it was nested in. Other records (a location, a
  taxonomy, ...) are named as such, not read as a service missing its fields.

Every row carries where it came from, so problems are reported by file, row and field.
"""

import csv
import io
import json
import zipfile
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path, PurePosixPath

from hsds.cells import restore
from hsds.schema import resource_for_path, resources

csv.field_size_limit(16 * 1024 * 1024)


class SourceError(Exception):
    """The path is not something we can read as HSDS at all."""


@dataclass
class Row:
    resource: str
    values: dict
    where: str
    # The fields the source gives for this record (its CSV header, its JSON keys), so that
    # a field the source leaves out is left alone rather than emptied.
    keys: frozenset = frozenset()


def open_source(path, label=None):
    path = Path(path)
    label = label or path.name
    if path.is_dir():
        return TabularSource(FolderFiles(path), label)
    if not path.is_file():
        raise SourceError(f"{path} does not exist.")
    if zipfile.is_zipfile(path):
        return TabularSource(ZipFiles(path), label)
    with path.open("rb") as head:
        start = head.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.suffix.lower() == ".json" or start[:1] in (b"{", b"["):
        return JsonSource(path, label)
    raise SourceError(
        f"{label} is not a folder, a .zip of a tabular data package, or an HSDS JSON file."
    )


class FolderFiles:
    def __init__(self, root):
        self.root = root

    def names(self):
        return sorted(p.name for p in self.root.iterdir() if p.is_file())

    def open(self, name):
        return (self.root / name).open("rb")


class ZipFiles:
    """The files of a .zip, from the folder that holds datapackage.json (or the CSVs)."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        members = [n for n in self.zip.namelist() if not n.endswith("/")]
        anchors = [n for n in members if PurePosixPath(n).name == "datapackage.json"] or [
            n for n in members if PurePosixPath(n).suffix.lower() == ".csv"
        ]
        anchors.sort(key=lambda n: (n.count("/"), n))
        self.prefix = str(PurePosixPath(anchors[0]).parent) + "/" if anchors else ""
        if self.prefix == "./":
            self.prefix = ""
        self.members = {
            n[len(self.prefix) :]: n
            for n in members
            if n.startswith(self.prefix) and "/" not in n[len(self.prefix) :]
        }

    def names(self):
        return sorted(self.members)

    def open(self, name):
        return self.zip.open(self.members[name])


class TabularSource:
    kind = "tabular data package"

    def __init__(self, files, label):
        self.files = files
        self.label = label
        self.present = set()  # resources whose file is in the package, rows or not

    def resource_paths(self, report):
        """Resource name -> file name, from the package's datapackage.json if it has one."""
        paths = {name: res.path for name, res in resources().items()}
        names = self.files.names()
        if "datapackage.json" not in names:
            report.warning(
                f"{self.label}", "", "no datapackage.json: reading the standard HSDS file names."
            )
            return paths, names
        try:
            with self.files.open("datapackage.json") as f:
                theirs = json.loads(f.read().decode("utf-8-sig"))
            for raw in theirs.get("resources", []):
                if raw.get("name") in paths and isinstance(raw.get("path"), str):
                    paths[raw["name"]] = raw["path"]
        except (ValueError, AttributeError) as exc:
            report.error("datapackage.json", "", f"is not valid JSON ({exc}).")
        return paths, names

    def rows(self, report):
        paths, names = self.resource_paths(report)
        claimed = set(paths.values()) | {"datapackage.json"}
        for name in names:
            if name not in claimed and name.lower().endswith(".csv"):
                report.warning(name, "", "is not an HSDS 3.0 table: ignored.")
        if not any(paths[r] in names for r in ("service", "organization")):
            report.error(self.label, "", "holds neither services.csv nor organizations.csv.")
        for resource_name, path in paths.items():
            if path in names:
                yield from self.read_csv(resource_name, path, report)

    def read_csv(self, resource_name, path, report):
        resource = resources()[resource_name]
        with self.files.open(path) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            reader = csv.reader(text)
            row_number = 1
            try:
                header = [name.strip() for name in next(reader, [])]
                if not header:
                    report.error(path, "", "is empty: it needs at least a header row.")
                    return
                check_header(path, header, resource, report)
                self.present.add(resource_name)
                width = len(header)
                keys = frozenset(header)
                for cells in reader:
                    row_number += 1
                    if not cells or cells == [""]:
                        continue
                    if len(cells) != width:
                        report.error(
                            f"{path}, row {row_number}",
                            "",
                            f"has {len(cells)} cells where the header has {width}.",
                        )
                        continue
                    values = {k: restore(v) for k, v in zip(header, cells, strict=True) if k}
                    yield Row(resource_name, values, f"{path}, row {row_number}", keys)
            except UnicodeDecodeError as exc:
                report.error(
                    f"{path}, row {row_number + 1}",
                    "",
                    f"is not UTF-8 text (byte 0x{exc.object[exc.start]:02x}): save the "
                    "file as UTF-8 and import it again.",
                )
            except csv.Error as exc:
                report.error(f"{path}, row {row_number + 1}", "", f"cannot be read as CSV: {exc}")


def check_header(path, header, resource, report):
    seen = set()
    for name in header:
        if name in seen:
            report.error(f"{path}, row 1", name, "the column appears twice.")
        seen.add(name)
        if name and name not in resource.fields:
            report.warning(f"{path}, row 1", name, "is not an HSDS 3.0 field: ignored.")
    for field in resource.fields.values():
        if field.required and field.name not in seen:
            report.error(f"{path}, row 1", field.name, "this required column is missing.")


# Nested arrays: parent resource -> {key: (child resource, child's field naming the parent)}
NESTED = {
    "service": {
        "phones": ("phone", "service_id"),
        "schedules": ("schedule", "service_id"),
        "service_areas": ("service_area", "service_id"),
        "service_at_locations": ("service_at_location", "service_id"),
        "languages": ("language", "service_id"),
        "funding": ("funding", "service_id"),
        "cost_options": ("cost_option", "service_id"),
        "required_documents": ("required_document", "service_id"),
        "contacts": ("contact", "service_id"),
    },
    "service_at_location": {
        "contacts": ("contact", "service_at_location_id"),
        "phones": ("phone", "service_at_location_id"),
        "schedules": ("schedule", "service_at_location_id"),
    },
    "location": {
        "languages": ("language", "location_id"),
        "addresses": ("address", "location_id"),
        "contacts": ("contact", "location_id"),
        "accessibility": ("accessibility", "location_id"),
        "phones": ("phone", "location_id"),
        "schedules": ("schedule", "location_id"),
    },
    "organization": {
        "funding": ("funding", "organization_id"),
        "contacts": ("contact", "organization_id"),
        "phones": ("phone", "organization_id"),
        "locations": ("location", "organization_id"),
        "programs": ("program", "organization_id"),
        "organization_identifiers": ("organization_identifier", "organization_id"),
        "services": ("service", "organization_id"),
    },
    "contact": {"phones": ("phone", "contact_id")},
    "phone": {"languages": ("language", "phone_id")},
}
# Nested objects: parent resource -> {key: (child resource, parent's field naming the child)}
OBJECTS = {
    "service": {
        "organization": ("organization", "organization_id"),
        "program": ("program", "program_id"),
    },
    "service_at_location": {
        "service": ("service", "service_id"),
        "location": ("location", "location_id"),
    },
    "attribute": {"taxonomy_term": ("taxonomy_term", "taxonomy_term_id")},
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", "taxonomy_id")},
}


class JsonSource:
    kind = "HSDS JSON"
    nested = True

    def __init__(self, path, label):
        self.path = path
        self.label = label

    def load(self, report):
        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            report.error(self.label, "", f"is not UTF-8 text (at byte {exc.start}).")
            return None
        try:
            return json.loads(text, parse_float=Decimal)
        except ValueError as exc:
            report.error(self.label, "", f"is not valid JSON: {exc}")
            return None

    def rows(self, report):
        data = self.load(report)
        if data is None:
            return
        if isinstance(data, dict) and any(str(k).endswith(".csv") for k in data):
            yield from self.tabular_rows(data, report)
            return
        if isinstance(data, dict) and isinstance(data.get("contents"), list):
            records, base = data["contents"], "contents"
        elif isinstance(data, list):
            records, base = data, ""
        elif isinstance(data, dict):
            records, base = [data], None
        else:
            report.error(self.label, "", f"holds no HSDS records: {READS}")
            return
        yield from flatten_records(records, self.label, report, base)

    def tabular_rows(self, data, report):
        for name, records in data.items():
            resource = resource_for_path(name)
            if resource is None or not isinstance(records, list):
                report.warning(self.label, name, "is not an HSDS 3.0 table: ignored.")
                continue
            self.nested = False
            self.present = getattr(self, "present", set()) | {resource.name}
            for i, record in enumerate(records):
                where = f"{self.label} {name}[{i}]"
                if not isinstance(record, dict):
                    report.error(where, "", "is not an object.")
                    continue
                yield Row(resource.name, dict(record), where, frozenset(record))


# The JSON records import_hsds reads, and what it says of any other.
IMPORTED = ("service", "organization", "service_at_location")
API_ROOT = "api root"
READS = (
    "import_hsds reads services (one, a list or a page of them, or inside "
    "service_at_location records), organizations with their services, or a tabular package."
)


@cache
def markers():
    """HSDS object -> the JSON keys that only that kind of object has (services first)."""
    kinds = ["service", *(name for name in resources() if name != "service")]

    def keys(name):
        return (
            set(resources()[name].fields) | set(NESTED.get(name, {})) | set(OBJECTS.get(name, {}))
        )

    return {
        name: keys(name) - set().union(*(keys(other) for other in kinds if other != name))
        for name in kinds
    }


def record_kind(obj):
    """Which HSDS object a JSON record is: the kind whose own keys it has most of.

    A record with none of them (only an id and a name, say) is taken as a service.
    """
    if not isinstance(obj, dict):
        return "service"
    if "openapi_url" in obj or "profile" in obj:
        return API_ROOT
    scores = {kind: len(obj.keys() & own) for kind, own in markers().items()}
    best = max(scores, key=scores.get)
    return best if scores[best] else "service"


def not_imported(kind):
    if kind == API_ROOT:
        return f"this file is the HSDS API's root (version and profile), not records; {READS}"
    return f"this file holds HSDS {kind.replace('_', ' ')} records; {READS}"


def flatten_services(services, label, report, base=""):
    """The rows of a list of nested services (the exporter's own records)."""
    return flatten_records(services, label, report, base, kind="service")


def flatten_records(records, label, report, base="", kind=None):
    """The rows of a list of nested records, each record once (merged where repeated).

    Services, organizations and service_at_location records are read with everything
    nested in them; any other kind of record is reported once, as what it is.
    """
    merged = {}
    others = Counter()
    for i, record in enumerate(records):
        record_as = kind or record_kind(record)
        if record_as not in IMPORTED:
            others[record_as] += 1
            continue
        path = f"(the {record_as.replace('_', ' ')})" if base is None else f"{base}[{i}]"
        for row in flatten(record, record_as, path, None, report, label):
            if record_as == "service_at_location" and row.where == f"{label} {path}.service":
                # The file gives this service's locations: those of its records.
                row.keys |= {"service_at_locations"}
            key = (row.resource, row.values.get("id"))
            if key[1] is None:
                merged[(row.resource, id(row))] = row
            elif key not in merged:
                merged[key] = row
            else:
                merge_into(merged[key], row, report)
    for other in others:
        report.error(label, "", not_imported(other))
    return list(merged.values())


def flatten(obj, resource_name, path, parent_link, report, label):
    """Rows of one nested record and of everything nested in it."""
    where = f"{label} {path}"
    if not isinstance(obj, dict):
        report.error(where, "", f"should be an object (a {resource_name}).")
        return
    fields = resources()[resource_name].fields
    values = {k: v for k, v in obj.items() if k in fields}
    if parent_link and values.get(parent_link[0]) in (None, ""):
        values[parent_link[0]] = parent_link[1]
    own_id = values.get("id")
    row = Row(resource_name, values, where, frozenset(obj) | frozenset(values))
    children = []
    for key, (child, link) in OBJECTS.get(resource_name, {}).items():
        if isinstance(obj.get(key), dict):
            if values.get(link) in (None, "") and obj[key].get("id"):
                values[link] = obj[key]["id"]
            children.append(flatten(obj[key], child, f"{path}.{key}", None, report, label))
    nested = dict(NESTED.get(resource_name, {}))
    nested["attributes"] = ("attribute", "link_id")
    nested["metadata"] = ("metadata", "resource_id")
    for key, (child, link) in nested.items():
        items = obj.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            report.error(where, key, "should be a list.")
            continue
        for i, item in enumerate(items):
            if child == "attribute" and isinstance(item, dict):
                item = {"link_entity": resource_name, **item}
            if child == "metadata" and isinstance(item, dict):
                item = {"resource_type": resource_name, **item}
            children.append(
                flatten(item, child, f"{path}.{key}[{i}]", (link, own_id), report, label)
            )
    yield row
    for rows in children:
        yield from rows


def merge_into(first, again, report):
    """The same record nested twice (a phone under its service and its location)."""
    first.keys |= again.keys
    for key, value in again.values.items():
        if value in (None, ""):
            continue
        current = first.values.get(key)
        if current in (None, ""):
            first.values[key] = value
        elif current != value and not key.endswith("_id") and key not in ("link_entity",):
            report.error(
                again.where,
                key,
                f"{again.resource} {first.values.get('id')} appears twice with different "
                f"values ({current!r} at {first.where}, {value!r} here).",
            )
