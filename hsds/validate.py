"""Check rows against the official HSDS 3.0 data package before anything is written.

Errors: a missing required value, a value of the wrong type (number, date, datetime,
time, uuid), a value outside an enumeration, a duplicate id or unique value, a required
reference to a record that is in neither the package nor our database.
Warnings (the value or link is dropped): a malformed email or web address in a field we
import, an optional reference that points nowhere.
Lengths are our columns' concern, not HSDS's: fields.fit() and importer.fit_to_columns()
cut or leave out what is too long once it is in our fields.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.dateparse import parse_datetime, parse_time
from django.utils.translation import gettext, gettext_lazy, ngettext

from hsds.report import grouped
from hsds.schema import resources

# The fields the importer reads, per resource (ids and foreign keys are always kept).
KEEP = {
    "organization": {
        "name",
        "alternate_name",
        "description",
        "website",
        "email",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
        "logo",
        "uri",
        "parent_organization_id",
    },
    "service": {
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "assurer_email",
        "wait_time",
        "fees",
        "accreditations",
        "licenses",
        "alert",
    },
    "location": {
        "location_type",
        "url",
        "name",
        "alternate_name",
        "description",
        "transportation",
        "latitude",
        "longitude",
        "external_identifier",
        "external_identifier_type",
    },
    "address": {
        "attention",
        "address_1",
        "address_2",
        "city",
        "state_province",
        "region",
        "postal_code",
        "country",
        "address_type",
    },
    "service_at_location": {"description"},
    "phone": {"number", "extension", "type", "description"},
    "contact": {"name", "title", "department", "email"},
    "language": {"name", "code", "note"},
    "schedule": {
        "description",
        "notes",
        "freq",
        "byday",
        "opens_at",
        "closes_at",
        "valid_from",
        "valid_to",
        "dtstart",
        "timezone",
        "until",
        "count",
        "wkst",
        "interval",
        "byweekno",
        "bymonthday",
        "byyearday",
        "schedule_link",
        "attending_type",
    },
    "service_area": {"name"},
    "cost_option": {"option", "amount", "amount_description"},
    "attribute": {"link_id", "link_entity", "link_type", "value", "label"},
    "taxonomy_term": {"code", "name", "description", "parent_id", "taxonomy", "language"}
    | {"term_uri"},
    "taxonomy": {"name", "description", "uri", "version"},
    # HSDS 3.1
    "service_capacity": {"available", "maximum", "description", "updated"},
    "unit": {"name", "identifier"},
    "url": {"label", "url"},
}
# The tables kept whole, as given (hsds/store.py).
KEEP.update(
    {
        name: set(resources()[name].fields)
        for name in (
            "service_area",
            "cost_option",
            "program",
            "funding",
            "required_document",
            "accessibility",
            "organization_identifier",
            "metadata",
            "meta_table_description",
        )
    }
)
# Records worth having but never worth refusing a package for: one whose required reference
# points nowhere is left out, with a warning, instead of being an error.
LEFT_OUT_WHEN_UNLINKED = {"service_capacity": gettext_lazy("the capacity is left out")}
# References that may point at a record already in our database instead of the package.
IN_DATABASE = {"organization", "location", "service"}
NUL = "\x00"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
validate_url = URLValidator()


class Invalid(Exception):
    def __init__(self, message, level="error"):
        super().__init__(message)
        self.level = level


@dataclass
class Tables:
    """The valid rows, by resource and id, and where each came from; the ids of the rows
    with errors, and where the first of each came from.

    Nothing more of a row with errors is kept, so that a package of bad rows takes little
    memory however large (bench/hostile_bench.py): its ids are what finds a duplicate id,
    or a reference to a row with errors.
    """

    rows: dict = field(default_factory=lambda: {name: {} for name in resources()})
    where: dict = field(default_factory=dict)  # (resource, id) -> where, of valid rows
    invalid: dict = field(default_factory=lambda: {name: {} for name in resources()})
    in_database: dict = field(default_factory=lambda: {name: set() for name in IN_DATABASE})
    present: set = field(default_factory=set)  # the resources the source has rows for
    nested: bool = False  # JSON: a record's own keys say which of its lists it gives
    has_disclosure: bool = False  # it holds the "Off-Ramps disclosure" taxonomy (build())
    has_legal: bool = False  # it holds the "Off-Ramps legal relief" taxonomy (build())
    has_populations: bool = False  # it holds the "Off-Ramps populations" taxonomy (build())

    def get(self, resource, record_id):
        return self.rows[resource].get(record_id)

    def drop(self, resource, record_id):
        self.rows[resource].pop(record_id, None)
        self.invalid[resource].setdefault(record_id, self.where.get((resource, record_id), ""))

    def first_at(self, resource, record_id):
        """Where the first row with this id is, if one was read."""
        if record_id in self.rows[resource]:
            return self.where[(resource, record_id)]
        return self.invalid[resource].get(record_id)


def parse(spec, raw):
    """The value of one cell, typed; None when empty. Raises Invalid."""
    if isinstance(raw, str):
        check_text(raw)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, (dict, list, bool)):
        raise Invalid(
            gettext("should be a single %(type)s value, not %(given)s.")
            % {"type": spec.type, "given": type(raw).__name__}
        )
    if spec.type == "number":
        try:
            value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
        except InvalidOperation:
            raise Invalid(gettext("%(raw)s is not a number.") % {"raw": repr(raw)}) from None
        if not value.is_finite():
            raise Invalid(gettext("%(raw)s is not a number.") % {"raw": repr(raw)})
        return value
    text = raw if isinstance(raw, str) else str(raw)
    if spec.type == "date":
        if not DATE_RE.match(text.strip()):
            raise Invalid(
                gettext("%(text)s is not a date in the form YYYY-MM-DD.") % {"text": repr(text)}
            )
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise Invalid(gettext("%(text)s is not a valid date.") % {"text": repr(text)}) from None
    if spec.type == "datetime":
        try:
            value = parse_datetime(text.strip())
        except ValueError:
            value = None
        if value is None:
            raise Invalid(
                gettext("%(text)s is not a date and time (ISO 8601).") % {"text": repr(text)}
            )
        return value
    if spec.type == "time":
        try:
            value = parse_time(text.strip())
        except ValueError:
            value = None
        if value is None:
            raise Invalid(
                gettext("%(text)s is not a time in the form HH:MM:SS.") % {"text": repr(text)}
            )
        return value
    if spec.format == "uuid":
        try:
            return str(uuid.UUID(text.strip()))
        except ValueError:
            raise Invalid(gettext("%(text)s is not a UUID.") % {"text": repr(text)}) from None
    if spec.enum:
        if text.strip() not in spec.enum:
            allowed = ", ".join(spec.enum)
            raise Invalid(
                gettext("%(text)s is not one of: %(allowed)s.")
                % {"text": repr(text), "allowed": allowed}
            )
        return text.strip()
    return text


def check_text(raw):
    """Refuse what no database's text holds, alike on all: a NUL character (PostgreSQL
    refuses it, SQLite keeps it), and half of a UTF-16 pair (a JSON escape like \\ud800)."""
    if NUL in raw:
        at = raw.index(NUL) + 1
        raise Invalid(
            gettext(
                "holds a NUL character (\\x00) at character %(at)s, which text cannot hold: "
                "remove it."
            )
            % {"at": grouped(at)}
        )
    if not raw.isascii():
        try:
            raw.encode()
        except UnicodeEncodeError as exc:
            raise Invalid(
                gettext(
                    "holds %(raw)s at character %(start)s, half of a UTF-16 pair, which is not "
                    "text: remove it."
                )
                % {"raw": repr(raw[exc.start]), "start": grouped(exc.start + 1)}
            ) from None


def check_format(spec, value):
    """Email and web address formats, checked on the fields we import: a warning."""
    try:
        if spec.format == "email":
            validate_email(value.strip())
            return value.strip()
        if spec.format == "uri":
            return web_address(value.strip())
    except ValidationError:
        if spec.format == "email":
            text = gettext("%(value)s is not an email address: left out.")
        else:
            text = gettext("%(value)s is not a web address: left out.")
        raise Invalid(
            text % {"value": repr(value)},
            level="warning",
        ) from None
    return value


# A web address written without its scheme: www.example.org, example.org/help.
SCHEMELESS = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$", re.IGNORECASE)


class Completed(str):
    """A web address given without its scheme, read with https:// in front."""


def web_address(text):
    """The web address, "https://" put in front of one given without a scheme
    ("www.example.org"). Raises ValidationError when it is not a web address either way."""
    try:
        validate_url(text)
        return text
    except ValidationError:
        if "://" in text or "@" in text or not SCHEMELESS.match(text):
            raise
    completed = f"https://{text}"
    validate_url(completed)
    return Completed(completed)


PROGRESS_EVERY = 1000  # rows


def checking(read, total):
    """What a run shows while it checks rows: "Checking: 2,000 of 9,500 rows read"."""
    if total is None or read > total:
        return ngettext("Checking: %(read)s row read", "Checking: %(read)s rows read", read) % {
            "read": grouped(read)
        }
    return ngettext(
        "Checking: %(read)s of %(total)s row read",
        "Checking: %(read)s of %(total)s rows read",
        total,
    ) % {"read": grouped(read), "total": grouped(total)}


def validate(source, report, progress=None, known_ids=None):
    """Read every row of the source, check it, and return the valid rows as Tables.

    known_ids(resource, ids) returns the ids that exist in our database.
    """
    tables = Tables()
    specs = resources()
    # In nested JSON a record's link to its parent is implied by where it sits, so the
    # JSON schemas require no *_id field: only the tables do (and we need a service's
    # organization either way).
    seen_unique = {}
    completed = 0  # web addresses given without a scheme
    for row in source.rows(report):
        report.rows_read += 1
        if progress and report.rows_read % PROGRESS_EVERY == 0:
            read, total = report.rows_read, getattr(source, "rows_total", None)
            progress(checking(read, total), read=read, total=total)
        resource = specs[row.resource]
        implied = getattr(source, "nested", False)
        keep = KEEP.get(row.resource, set()) | set(resource.foreign_keys) | {"id"}
        values, ok = {}, True
        for name, spec in resource.fields.items():
            try:
                value = parse(spec, row.values.get(name))
                if value is None:
                    if name in row.unsaid:
                        pass
                    elif spec.required and not (implied and is_implied_link(row.resource, name)):
                        raise Invalid(gettext("a value is required."))
                elif name in keep and spec.format in ("email", "uri"):
                    value = check_format(spec, value)
                    if isinstance(value, Completed):
                        completed += 1
                        value = str(value)
            except Invalid as problem:
                if problem.level == "warning":
                    report.warning(row.where, name, str(problem))
                    value = None
                else:
                    report.error(row.where, name, str(problem))
                    ok = False
                    continue
            if value is not None and name == "id" and tables.first_at(row.resource, value):
                first = tables.first_at(row.resource, value)
                report.error(
                    row.where,
                    name,
                    gettext("the id %(value)s is also at %(first)s.")
                    % {"value": value, "first": first},
                )
                ok = False
            elif value is not None and spec.unique and name != "id":
                key = (row.resource, name, value)
                if key in seen_unique:
                    report.error(
                        row.where,
                        name,
                        gettext("the value %(value)s is also at %(first)s.")
                        % {"value": value, "first": seen_unique[key]},
                    )
                    ok = False
                else:
                    seen_unique[key] = row.where
            if name in keep:
                values[name] = value
        record_id = values.get("id")
        if record_id is None:
            continue
        values["_keys"] = row.keys
        tables.present.add(row.resource)
        if ok:
            tables.rows[row.resource][record_id] = values
            tables.where[(row.resource, record_id)] = row.where
        else:
            tables.invalid[row.resource].setdefault(record_id, row.where)
    del seen_unique
    if completed:
        report.notes.append(
            ngettext(
                "%(count)s web address was given without “https://” (www.example.org): it "
                "was read with https:// in front.",
                "%(count)s web addresses were given without “https://” (www.example.org): "
                "they were read with https:// in front.",
                completed,
            )
            % {"count": grouped(completed)}
        )
    tables.nested = getattr(source, "nested", False)
    tables.present |= getattr(source, "present", set())
    check_references(tables, report, known_ids)
    return tables


def is_implied_link(resource, name):
    return name.endswith("_id") and (resource, name) != ("service", "organization_id")


def reference_order():
    """Resources ordered so that every resource comes after those it points to."""
    specs, done, order = resources(), set(), []

    def visit(name):
        if name in done:
            return
        done.add(name)
        for target in specs[name].foreign_keys.values():
            visit(target)
        order.append(name)

    for name in specs:
        visit(name)
    return order


def check_references(tables, report, known_ids):
    specs = resources()
    if known_ids:
        for target in IN_DATABASE:
            wanted = set()
            for name, spec in specs.items():
                for fk, fk_target in spec.foreign_keys.items():
                    if fk_target == target:
                        wanted |= {v[fk] for v in tables.rows[name].values() if v.get(fk)}
            missing = wanted - tables.rows[target].keys()
            tables.in_database[target] = set(known_ids(target, missing)) if missing else set()
    for name in reference_order():
        spec = specs[name]
        for record_id, values in list(tables.rows[name].items()):
            for fk, target in spec.foreign_keys.items():
                value = values.get(fk)
                if value is None or value in tables.rows[target]:
                    continue
                if value in tables.in_database.get(target, ()):
                    continue
                if value in tables.invalid[target]:
                    error = gettext("points to %(target)s %(id)s, which has errors (see above).")
                    warning = gettext(
                        "points to %(target)s %(id)s, which has errors (see above): link left out."
                    )
                else:
                    error = gettext("points to %(target)s %(id)s, which is not in the package.")
                    warning = gettext(
                        "points to %(target)s %(id)s, which is not in the package: link left out."
                    )
                points = {"target": target, "id": value}
                where = tables.where[(name, record_id)]
                if spec.fields[fk].required and name in LEFT_OUT_WHEN_UNLINKED:
                    left_out = gettext(
                        "points to %(target)s %(id)s, which is not in the package or has "
                        "errors: %(left_out)s."
                    )
                    points["left_out"] = LEFT_OUT_WHEN_UNLINKED[name]
                    report.warning(where, fk, left_out % points)
                    tables.drop(name, record_id)
                    break
                if spec.fields[fk].required:
                    report.error(where, fk, error % points)
                    tables.drop(name, record_id)
                    break
                report.warning(where, fk, warning % points)
                values[fk] = None
