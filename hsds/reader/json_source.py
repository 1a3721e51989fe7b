"""Read HSDS JSON: one service, a list of services, a paged /services response
(`contents`), the same of organizations (with their services) or of service_at_location
records (with their service and location), or the tabular JSON form
(`{"services.csv": [...], ...}`).

Nested records are flattened into the same tables as a tabular package's, each keeping the
link to the record it was nested in. Other records (a location, a taxonomy, ...) are named
as such, not read as a service missing its fields.
"""

import json
import re
from collections import Counter
from decimal import Decimal
from functools import cache
from itertools import accumulate

from django.utils.translation import gettext, gettext_lazy

from hsds.reader.rows import Row
from hsds.schema import resource_for_path, resources

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
        # HSDS 3.1
        "capacities": ("service_capacity", "service_id"),
        "additional_urls": ("url", "service_id"),
    },
    "service_at_location": {
        "service_areas": ("service_area", "service_at_location_id"),  # HSDS 3.1
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
        "additional_websites": ("url", "organization_id"),  # HSDS 3.1
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
    "service_capacity": {"unit": ("unit", "unit_id")},  # HSDS 3.1
}

# How deep JSON may nest: the deepest official HSDS example (an organization with all its
# records nested, hsds/spec/examples/organization_full.json) is 12 levels deep, 14 in a page.
MAX_DEPTH = 64
STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
NOT_BRACKET = re.compile(r"[^\[\]{}]+")
TOKEN = re.compile(STRING.pattern + r"|[\[\]{}]")
DEPTH = {"[": 1, "{": 1, "]": -1, "}": -1}


class TooDeep(ValueError):
    pass


def load_json(text):
    """The JSON text's value, numbers with a fraction as Decimal. Raises ValueError, and
    TooDeep for text nested deeper than MAX_DEPTH (which would exhaust Python's stack)."""
    brackets = NOT_BRACKET.sub("", STRING.sub("", text))
    if max(accumulate(map(DEPTH.__getitem__, brackets)), default=0) > MAX_DEPTH:
        raise TooDeep(f"nested deeper than {MAX_DEPTH} levels ({too_deep_at(text)})")
    return json.loads(text, parse_float=Decimal)


def too_deep_at(text):
    """“line L column C”: where the text first nests deeper than MAX_DEPTH."""
    depth = 0
    for match in TOKEN.finditer(text):
        depth += DEPTH.get(match.group(), 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - text.rfind("\n", 0, match.start())
            return gettext("at line %(line)s column %(column)s") % {"line": line, "column": column}
    return gettext("at its end")


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
            report.error(
                self.label,
                "",
                gettext("is not UTF-8 text (at byte %(start)s).") % {"start": exc.start},
            )
            return None
        try:
            return load_json(text)
        except TooDeep as exc:
            report.error(
                self.label, "", gettext("is %(exc)s: no HSDS record nests so deep.") % {"exc": exc}
            )
        except ValueError as exc:
            report.error(self.label, "", gettext("is not valid JSON: %(exc)s") % {"exc": exc})
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
            report.error(
                self.label, "", gettext("holds no HSDS records: %(reads)s") % {"reads": READS}
            )
            return
        yield from flatten_records(records, self.label, report, base)

    def tabular_rows(self, data, report):
        for name, records in data.items():
            resource = resource_for_path(name)
            if resource is None or not isinstance(records, list):
                report.warning(self.label, name, gettext("is not an HSDS 3.0 table: ignored."))
                continue
            self.nested = False
            self.present = getattr(self, "present", set()) | {resource.name}
            for i, record in enumerate(records):
                where = f"{self.label} {name}[{i}]"
                if not isinstance(record, dict):
                    report.error(where, "", gettext("is not an object."))
                    continue
                yield Row(resource.name, dict(record), where, frozenset(record))


# The JSON records import_hsds reads, and what it says of any other.
IMPORTED = ("service", "organization", "service_at_location")
API_ROOT = "api root"
READS = gettext_lazy(
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
        return gettext(
            "this file is the HSDS API's root (version and profile), not records; %(reads)s"
        ) % {"reads": READS}
    return gettext("this file holds HSDS %(kind)s records; %(reads)s") % {
        "kind": kind.replace("_", " "),
        "reads": READS,
    }


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
        path = (
            gettext("(the %(kind)s)") % {"kind": record_as.replace("_", " ")}
            if base is None
            else f"{base}[{i}]"
        )
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
        report.error(
            where,
            "",
            gettext("should be an object (one %(resource_name)s record).")
            % {"resource_name": resource_name},
        )
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
            report.error(where, key, gettext("should be a list."))
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
                gettext(
                    "%(resource)s %(id)s appears twice with different values (%(current)s at "
                    "%(where)s, %(value)s here)."
                )
                % {
                    "resource": again.resource,
                    "id": first.values.get("id"),
                    "current": repr(current),
                    "where": first.where,
                    "value": repr(value),
                },
            )
