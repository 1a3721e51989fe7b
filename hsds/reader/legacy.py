"""Read an HSDS 1.x or 2.x tabular package into the rows an HSDS 3.0 package gives.

The older versions keep the same records in other tables and columns: physical_addresses
and postal_addresses (3.0: addresses, with their type), regular_schedules (a weekday number
and two times: 3.0: a weekly schedule) and holiday_schedules (dates, open or closed),
services_taxonomy and taxonomy (3.0: attributes and taxonomy terms), eligibility (3.0: the
service's eligibility description), services_at_location, accessibility_for_disabilities.
Each old row becomes the 3.0 row it means, still named by its own file and row, so the
checks, the build and the report read it as any other.

Their ids are often numbers: any id that is not a UUID becomes one, deterministically, from
a namespace, the package's name (`source_key`), the table and the id. Importing the same
package again makes the same UUIDs, so its records are updated in place.
"""

import re
import uuid
from pathlib import PurePosixPath

from django.utils.translation import gettext, ngettext

from hsds.reader.json_source import TooDeep, load_json
from hsds.reader.rows import Row
from hsds.reader.tabular import DAMAGED, MAX_DATAPACKAGE, at_row, read_table
from hsds.schema import resources

# All the UUIDs made from the ids of old packages are in this namespace.
NAMESPACE = uuid.UUID("6f9a3c1e-5b7d-5e0a-9c41-2d8e7f1b3a55")
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}
TRUE = {"true", "yes", "y", "1", "t", "closed"}
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", re.IGNORECASE)
DATE_START = re.compile(r"^\d{4}-\d{2}-\d{2}")
# A datapackage.json copied from the specification names it so: no help telling sources apart.
GENERIC_NAMES = {"", "human_services_data", "hsds", "datapackage", "data"}


class Table:
    """How an old table's rows become 3.0 rows of `resource`."""

    def __init__(self, resource, rename=None, fixed=None, own=None, always_new_ids=False):
        self.resource = resource
        self.rename = rename or {}
        self.fixed = fixed or {}
        # Ids of this table are made into UUIDs under this name (the 3.0 resource's, unless
        # two old tables share it: their ids may be the same numbers).
        self.own = own or resource
        # The table shares its 3.0 resource with another whose ids may be the same UUIDs.
        self.always_new_ids = always_new_ids


TABLES = {
    "organizations": Table("organization", rename={"url": "website"}),
    "programs": Table("program"),
    "services": Table("service"),
    "locations": Table("location"),
    "services_at_location": Table("service_at_location"),
    "service_at_location": Table("service_at_location"),
    "contacts": Table("contact"),
    "phones": Table("phone"),
    "physical_addresses": Table(
        "address", fixed={"address_type": "physical"}, own="physical_addresses"
    ),
    "postal_addresses": Table(
        "address", fixed={"address_type": "postal"}, own="postal_addresses", always_new_ids=True
    ),
    "regular_schedules": Table("schedule", own="regular_schedules"),
    "holiday_schedules": Table("schedule", own="holiday_schedules", always_new_ids=True),
    "services_taxonomy": Table(
        "attribute",
        rename={
            "service_id": "link_id",
            "taxonomy_id": "taxonomy_term_id",
            "taxonomy_detail": "value",
        },
        fixed={"link_entity": "service"},
        own="services_taxonomy",
    ),
    "service_attributes": Table(
        "attribute",
        rename={"service_id": "link_id"},
        fixed={"link_entity": "service"},
        own="service_attributes",
    ),
    "other_attributes": Table(
        "attribute", rename={"link_type": "link_entity"}, own="other_attributes"
    ),
    "taxonomy": Table("taxonomy_term", rename={"vocabulary": "taxonomy"}),
    "taxonomy_terms": Table("taxonomy_term", rename={"term": "name", "vocabulary": "taxonomy"}),
    "service_areas": Table("service_area", rename={"service_area": "name"}),
    "funding": Table("funding"),
    "required_documents": Table("required_document"),
    "languages": Table("language"),
    "accessibility_for_disabilities": Table(
        "accessibility", rename={"accessibility": "description"}
    ),
    "metadata": Table("metadata"),
    "meta_table_descriptions": Table("meta_table_description"),
}
TABLES["service_taxonomy"] = TABLES["services_taxonomy"]
TABLES["meta_table_description"] = TABLES["meta_table_descriptions"]
# Read before the rest, folded into other rows.
ELIGIBILITY = "eligibility"
# Old tables HSDS 3.0 has no place for.
NO_PLACE = {"payment_accepted", "payments_accepted"}
# Tables only the old versions have: one of them (and no 3.0 table) makes a package old.
OLD_ONLY = {
    "physical_addresses",
    "postal_addresses",
    "regular_schedules",
    "holiday_schedules",
    "services_taxonomy",
    "service_taxonomy",
    "services_at_location",
    "accessibility_for_disabilities",
    "service_attributes",
    "other_attributes",
    "taxonomy",
    "eligibility",
    "payment_accepted",
    "payments_accepted",
}
NEW_ONLY = {"addresses", "schedules", "attributes", "accessibility", "taxonomies", "cost_options"}
# 2.0's own tables.
TWO_ONLY = {"service_attributes", "other_attributes", "taxonomy_terms"}
# Columns that are read into others, not ignored.
FOLDED = {
    "address": {"address_3", "address_4"},
    "schedule": {"weekday", "closed", "start_date", "end_date"},
    "phone": {"language"},
    "language": {"language"},
    "service": {"fees"},
    "taxonomy_term": {"parent_name"},
}
# Which 3.0 resource a reference points to, beyond the data package's foreign keys.
MORE_REFERENCES = {
    ("attribute", "link_id"): "service",
    ("taxonomy_term", "parent_id"): "taxonomy_term",
    ("organization", "parent_organization_id"): "organization",
}
# The resource an attribute's link_entity names.
ENTITIES = {"service", "organization", "location", "service_at_location", "contact", "phone"}


def table_name(path):
    return PurePosixPath(path).stem.lower()


def is_uuid(text):
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def read_descriptor(files, names):
    """The package's datapackage.json as a dict ({} without one, or when unreadable: the
    3.0 reader then says why)."""
    found = [n for n in names if PurePosixPath(n).name == "datapackage.json"]
    if not found:
        return {}
    try:
        with files.open(sorted(found, key=lambda n: n.count("/"))[0]) as f:
            text = f.read(MAX_DATAPACKAGE + 1)
        if len(text) > MAX_DATAPACKAGE:
            return {}
        data = load_json(text.decode("utf-8-sig"))
    except (TooDeep, ValueError, AttributeError, *DAMAGED):
        return {}
    return data if isinstance(data, dict) else {}


def detect(files):
    """The HSDS version an old package is in ("1.0", "1.1", "2.0"), or None for a 3.x one."""
    names = files.names()
    tables = {table_name(n) for n in names if n.lower().endswith(".csv")}
    if tables & NEW_ONLY:
        return None
    stated = str(read_descriptor(files, names).get("version") or "")
    match = re.match(r"^v?([12])(?:\.(\d+))?", stated.strip())
    if not tables & OLD_ONLY:
        # Only the tables every version has: older if its ids are not UUIDs.
        if not numbered(files, names):
            return None
        return f"{match.group(1)}.{match.group(2) or 0}" if match else "1.x"
    if match:
        return f"{match.group(1)}.{match.group(2) or 0}"
    if tables & TWO_ONLY:
        return "2.0"
    # The 1.1 sample names these two tables in the plural, 1.0 in the singular.
    if tables & {"payments_accepted", "meta_table_descriptions"}:
        return "1.1"
    return "1.0"


def numbered(files, names):
    """Whether the first organization's or service's id is not a UUID (a number, mostly)."""
    for table in ("organizations", "services"):
        path = next((n for n in names if table_name(n) == table and n.endswith(".csv")), None)
        if not path:
            continue
        for _where, _keys, values in read_table(files, path, _Quiet()):
            return bool((values.get("id") or "").strip()) and not is_uuid(values["id"].strip())
    return False


def source_key(descriptor, label):
    """What tells this package's ids from another's: its datapackage.json's id, homepage or
    name, else the file's name without its dates and numbers (export-2026-11-29.zip and
    export-2026-11-30.zip are the same source)."""
    for key in ("id", "homepage", "name"):
        value = str(descriptor.get(key) or "").strip()
        if value and value.lower() not in GENERIC_NAMES:
            return value
    stem = PurePosixPath(str(label)).name.split(".")[0].lower()
    stem = re.sub(r"[-_ .]*(\d{4}-?\d{2}-?\d{2}|\d{8}|v?\d+(\.\d+)*)$", "", stem)
    return re.sub(r"[-_ .]+$", "", stem) or "package"


class LegacySource:
    kind = "tabular data package"
    nested = False

    def __init__(self, files, label, version):
        self.files = files
        self.label = label
        self.version = version
        self.present = set()
        self.renamed_ids = 0  # ids that were not UUIDs

    def make_id(self, table, value):
        """The UUID of an old id in `table`: the id itself when it is a UUID."""
        text = str(value).strip()
        if not text:
            return ""
        if is_uuid(text):
            return str(uuid.UUID(text))
        self.renamed_ids += 1
        return str(uuid.uuid5(NAMESPACE, f"{self.key}\x1f{table}\x1f{text}"))

    def paths(self, names):
        """Old table name -> its file, for the package's CSV files (from datapackage.json
        where it names them, in a sub-folder or not)."""
        found = {}
        for name in names:
            if name.lower().endswith(".csv"):
                found.setdefault(table_name(name), name)
        for raw in self.descriptor.get("resources", []) or []:
            if isinstance(raw, dict) and isinstance(raw.get("path"), str) and raw["path"] in names:
                found[table_name(raw["path"])] = raw["path"]
        return found

    def rows(self, report):
        for name, why in self.files.refused():
            report.error(name, "", why)
        names = self.files.names()
        self.descriptor = read_descriptor(self.files, names)
        self.key = source_key(self.descriptor, self.label)
        report.read_as = self.version
        paths = self.paths(names)
        self.with_languages = "languages" in paths
        if "services" not in paths and "organizations" not in paths:
            report.error(
                self.label, "", gettext("holds neither services.csv nor organizations.csv.")
            )
        for table, path in sorted(paths.items()):
            if table in NO_PLACE:
                report.warning(path, "", gettext("HSDS 3.0 has no place for this table: not read."))
            elif table not in TABLES and table != ELIGIBILITY:
                report.warning(
                    path,
                    "",
                    gettext("is not an HSDS %(version)s table: ignored.")
                    % {"version": self.version},
                )
        self.rows_total = None
        eligibility = self.eligibility(paths.get(ELIGIBILITY), report)
        addressed = self.address_types(paths, report)
        for table in (t for t in TABLES if t in paths):
            yield from self.read(table, paths[table], report, eligibility, addressed)
        if self.renamed_ids:
            report.notes.append(
                gettext(
                    "Its ids are not UUIDs: each became a UUID made from “%(key)s”, its table "
                    "and the id, so importing this package again (under the same name) updates "
                    "the same records."
                )
                % {"key": self.key}
            )

    def eligibility(self, path, report):
        """service id -> the eligibility rows' texts, to go into its eligibility description;
        None without an eligibility table."""
        if not path:
            return None
        found = {}
        for _where, _keys, values in read_table(self.files, path, report):
            service = self.make_id("service", values.get("service_id") or "")
            text = (values.get("eligibility") or "").strip()
            if service and text:
                found.setdefault(service, []).append(text)
        return found

    def address_types(self, paths, report):
        """location id -> the types of address it has."""
        found = {}
        for table, kind in (("physical_addresses", "physical"), ("postal_addresses", "postal")):
            if table not in paths:
                continue
            for _where, _keys, values in read_table(self.files, paths[table], _Quiet()):
                location = self.make_id("location", values.get("location_id") or "")
                found.setdefault(location, set()).add(kind)
        return found

    def read(self, table, path, report, eligibility, addressed):
        spec = TABLES[table]
        resource = resources()[spec.resource]
        header = []

        def header_read(names):
            header.extend(names)
            self.present.add(spec.resource)
            folded = FOLDED.get(spec.resource, set())
            for name in names:
                target = spec.rename.get(name, name)
                if name and target not in resource.fields and name not in folded:
                    report.warning(
                        at_row(path, 1),
                        name,
                        gettext("HSDS 3.0 has no place for this column: ignored."),
                    )
            if spec.resource == "service" and "status" not in names:
                report.warning(
                    path,
                    "status",
                    gettext("there is no status column: every service is read as active."),
                )

        unplaced = 0
        for where, keys, values in read_table(self.files, path, report, header_read):
            translated = self.translate(table, spec, resource, values, where, report)
            if translated is None:
                continue
            if spec.resource == "metadata" and not is_uuid(translated.get("resource_id") or ""):
                unplaced += 1
                continue
            if spec.resource == "service" and eligibility is not None:
                extra = eligibility.get(translated.get("id"), [])
                if "eligibility_description" not in values:
                    translated["eligibility_description"] = "; ".join(extra)
            if spec.resource == "location" and not translated.get("location_type"):
                kinds = addressed.get(translated.get("id"), set())
                translated["location_type"] = "postal" if kinds == {"postal"} else "physical"
            given = frozenset(translated) | {spec.rename.get(k, k) for k in keys}
            unsaid = frozenset(
                name
                for name, field in resource.fields.items()
                if field.required and name not in given
            )
            yield Row(spec.resource, translated, where, given, unsaid)
            # Only beside a languages table: alone, they would say every service has none.
            if spec.resource == "phone" and values.get("language") and self.with_languages:
                yield from self.phone_languages(translated, values["language"], where)
        if unplaced:
            report.warning(
                path,
                "resource_id",
                ngettext(
                    "%(rows)s row names its record by an id that is not a UUID, which does "
                    "not say its table: left out.",
                    "%(rows)s rows name their record by an id that is not a UUID, which does "
                    "not say its table: left out.",
                    unplaced,
                )
                % {"rows": unplaced},
            )

    def translate(self, table, spec, resource, values, where, report):
        """An old row as the 3.0 row it means; None (with an error) when it cannot be."""
        row = {}
        for name, value in values.items():
            target = spec.rename.get(name, name)
            if target in resource.fields:
                row[target] = value
        row.update(spec.fixed)
        # Ids and references.
        if row.get("id"):
            old = row["id"].strip()
            if spec.always_new_ids and is_uuid(old):
                row["id"] = str(uuid.uuid5(NAMESPACE, f"{table}\x1f{uuid.UUID(old)}"))
            else:
                row["id"] = self.make_id(spec.own, old)
        for name in resource.fields:
            target = resource.foreign_keys.get(name) or MORE_REFERENCES.get((spec.resource, name))
            if spec.resource == "attribute" and name == "link_id":
                entity = (row.get("link_entity") or "service").strip()
                target = entity if entity in ENTITIES else "service"
            if target and row.get(name):
                row[name] = self.make_id(target, row[name])
        getattr(self, f"fix_{spec.resource}", lambda *args: None)(row, values, table)
        weekly = spec.resource == "schedule" and table == "regular_schedules"
        if weekly and not self.weekly(row, values, where, report):
            return None
        if spec.resource == "metadata":
            return self.metadata(row, where, report)
        return row

    def fix_service(self, row, values, table):
        if "fees" in values and "fees_description" not in values:
            row["fees_description"] = values["fees"]  # 1.x and 2.x: fees; 3.0: fees_description
        if "status" not in values:
            row["status"] = "active"

    def fix_phone(self, row, values, table):
        extension = (row.get("extension") or "").strip()
        if extension and not extension.isdigit():
            row["extension"] = "".join(c for c in extension if c.isdigit())  # "ext. 5": 5

    def fix_address(self, row, values, table):
        more = [values.get(k, "").strip() for k in ("address_2", "address_3", "address_4")]
        row["address_2"] = ", ".join(part for part in more if part)

    def fix_language(self, row, values, table):
        given = (values.get("language") or "").strip()
        if given and not row.get("name") and not row.get("code"):
            row["code" if LANGUAGE_CODE.match(given) else "name"] = given

    def fix_taxonomy_term(self, row, values, table):
        old = (values.get("id") or "").strip()
        if not row.get("code") and old and not is_uuid(old) and not old.isdigit():
            row["code"] = old  # a 211 taxonomy names its terms by their code (BD-1800.2000)

    def fix_schedule(self, row, values, table):
        if table != "holiday_schedules":
            return
        row["valid_from"] = values.get("start_date", "")
        row["valid_to"] = values.get("end_date", "")
        if (values.get("closed") or "").strip().lower() in TRUE:
            row["opens_at"] = row["closes_at"] = ""
            row["description"] = row.get("description") or "Closed"

    def weekly(self, row, values, where, report):
        """A regular schedule's weekday as the 3.0 weekly byday; False (with an error) when
        it names no day."""
        if (row.get("byday") or "").strip():
            row["freq"] = row.get("freq") or "WEEKLY"
            return True
        given = (values.get("weekday") or "").strip()
        if not given:
            return True
        day = day_of(given)
        if day is None:
            report.error(
                where,
                "weekday",
                gettext("%(day)s is not a day of the week (1 is Monday, 7 is Sunday).")
                % {"day": repr(given)},
            )
            return False
        row["byday"] = day
        row["freq"] = row.get("freq") or "WEEKLY"
        return True

    def metadata(self, row, where, report):
        """1.x gives a date and time of the change, 3.0 its date."""
        stamp = (row.get("last_action_date") or "").strip()
        if DATE_START.match(stamp):
            row["last_action_date"] = stamp[:10]
        return row

    def phone_languages(self, phone, text, where):
        """A 1.x phone's languages ("en, es") as 3.0 language rows of the phone."""
        for part in re.split(r"[,;/]", text):
            given = part.strip()
            if not given:
                continue
            key = "code" if LANGUAGE_CODE.match(given) else "name"
            row = {
                "id": str(uuid.uuid5(NAMESPACE, f"phone-language\x1f{phone['id']}\x1f{given}")),
                "phone_id": phone["id"],
                key: given,
            }
            self.present.add("language")
            yield Row("language", row, where, frozenset(row))


def day_of(text):
    """ "MO" from 1, "1", "Monday", "Mon" or "MO"; 0 and 7 are Sunday. None if no day."""
    lowered = text.strip().lower()
    if lowered.isdigit():
        number = int(lowered)
        if 1 <= number <= 7:
            return DAYS[number - 1]
        return "SU" if number == 0 else None
    if lowered.upper() in DAYS:
        return lowered.upper()
    for name, code in DAY_NAMES.items():
        if len(lowered) >= 3 and name.startswith(lowered):
            return code
    return None


class _Quiet:
    """A report that hears nothing: a file read twice has its problems said once."""

    def error(self, *args):
        pass

    def warning(self, *args):
        pass
