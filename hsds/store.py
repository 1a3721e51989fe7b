"""The source's own records, kept as given for what we do not model (hsds.models.SourceRecord).

Import: source_records() picks, from the checked rows, the records of the tables in STORED
and finds each its owner among the package's services, organizations and locations (a
phone's languages go with the phone's service, a program with the first service that names
it, else its organization; metadata with the record it is about). Package-level records
(meta_table_description) have no owner. A service_at_location's description is kept with
its service (the link itself is our ServiceAtLocation). write_source_records() replaces,
for each owner the import wrote, its stored records of the tables the package gives.

Export: records(owner, table) gives an owner's stored records as HSDS JSON, from the
prefetched `source_records`; our own fields decide where they say something (a cost option
is written as given only while our Free / Fee / Sliding scale still says what it says; a
service area only while the service still covers the area it maps to).
"""

from datetime import date, datetime, time
from decimal import Decimal

from hsds.columns import is_structured
from hsds.models import SourceRecord
from hsds.schema import resources

# The tables kept as given, whole.
STORED = [
    "cost_option",
    "service_area",
    "program",
    "funding",
    "required_document",
    "accessibility",
    "organization_identifier",
    "metadata",
    "meta_table_description",
    "language",  # only a phone's languages: a service's are ours (Language)
]
# A schedule of words alone (no days, times or dates): a service's is in its hours text, a
# location's nowhere else; kept whole, its id and notes too.
WORDS = "words_schedule"
# A service's or a location's languages as given (their ids and notes): the service's
# Languages of ours say which are still true.
SERVICE_LANGUAGE, LOCATION_LANGUAGE = "service_language", "location_language"
# HSDS 3.1's web addresses beside a service's url (additional_urls) and an organization's
# website (additional_websites); a service's referral form is our referral_form_url.
SERVICE_URL, ORGANIZATION_URL = "url", "organization_url"
# A location's addresses beside the one our Location holds (its physical one, else its
# first: hsds.columns.physical_address), a postal one say: kept as given and exported,
# never of a confidential location.
OTHER_ADDRESS = "other_address"
# Tables whose records may be the package's own, of no service, location or organization.
PACKAGE_LEVEL = {"meta_table_description", "metadata"}
# A service's own fields that we keep as given (the rest are Service's).
SERVICE_EXTRAS = ["program_id"]
# What a service_at_location says beside its service and location (ServiceAtLocation keeps
# those two): its description, kept with the service.
LINK_EXTRAS = ["description"]
# Of the records we model (Contact, Phone, Schedule), their links to other records that the
# source gives beside their service: the same contact at a location, say.
LINKS = {
    "contact": ["organization_id", "location_id", "service_at_location_id"],
    "phone": ["organization_id", "location_id", "service_at_location_id"],
    "schedule": ["location_id", "service_at_location_id"],
}
BATCH = 500


def json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


def given(values):
    """A checked row's values as JSON, without its id and what it leaves empty."""
    return {
        key: json_value(value)
        for key, value in values.items()
        if key not in ("id", "_keys") and value not in (None, "")
    }


class Owners:
    """Who each stored record goes with: ("service" | "organization" | "location", id)."""

    def __init__(self, tables, plan):
        self.rows = tables.rows
        self.services = set(plan.services)
        self.organizations = set(plan.organizations)
        self.locations = set(plan.locations)
        self.links = {k: v.get("service_id") for k, v in self.rows["service_at_location"].items()}
        self.phone_services = {}
        for phone_id, phone in self.rows["phone"].items():
            service = phone.get("service_id")
            if not service and phone.get("contact_id"):
                service = self.rows["contact"].get(phone["contact_id"], {}).get("service_id")
            if service in self.services:
                self.phone_services[phone_id] = service
        self.organization_phones = {}  # an organization's phones: its one phone, in full
        for phone_id, phone in self.rows["phone"].items():
            if phone.get("organization_id") in self.organizations:
                self.organization_phones.setdefault(phone["organization_id"], {})[phone_id] = phone
        self.programs = {}
        for service_id in sorted(self.services):
            program = self.rows["service"].get(service_id, {}).get("program_id")
            if program:
                self.programs.setdefault(program, service_id)
        self.found = {}  # record id -> owner, for metadata
        # Any record of the package -> the service, location or organization it hangs off.
        self.holders = {}
        for kind, link in (
            ("organization", "organization_id"),
            ("location", "location_id"),
            ("service", "service_id"),
        ):
            known = getattr(self, f"{kind}s")
            for rows in self.rows.values():
                for record_id, values in rows.items():
                    if values.get(link) in known:
                        self.holders[record_id] = (kind, values[link])
        for attribute_id, attribute in self.rows["attribute"].items():
            self.holders.setdefault(attribute_id, self.about_known(attribute.get("link_id")))
        for record_id, service in self.phone_services.items():
            self.holders[record_id] = ("service", service)

    def service(self, service_id):
        return ("service", service_id) if service_id in self.services else None

    def owner(self, table, values):
        if table in ("cost_option", "required_document"):
            return self.service(values.get("service_id"))
        if table == "service_area":
            return self.service(
                values.get("service_id") or self.links.get(values.get("service_at_location_id"))
            )
        if table == "language":
            return self.service(self.phone_services.get(values.get("phone_id")))
        if table == "funding":
            return self.service(values.get("service_id")) or self.organization(values)
        if table == "program":
            return self.service(self.programs.get(values["id"])) or self.organization(values)
        if table == "organization_identifier":
            return self.organization(values)
        if table == "accessibility":
            location = values.get("location_id")
            return ("location", location) if location in self.locations else None
        if table == "metadata":
            return self.about(values.get("resource_type"), values.get("resource_id"))
        return None

    def language(self, values):
        """(table, owner) of a language that is no phone's: a service's, or a location's."""
        service = self.service(values.get("service_id"))
        if service:
            return SERVICE_LANGUAGE, service
        location = values.get("location_id")
        if location in self.locations:
            return LOCATION_LANGUAGE, ("location", location)
        return "language", None

    def modelled(self, table, values):
        """The service a contact, phone or schedule of ours is kept with."""
        if table == "phone":
            return self.service(self.phone_services.get(values["id"]))
        return self.service(
            values.get("service_id") or self.links.get(values.get("service_at_location_id"))
        )

    def organization(self, values):
        org = values.get("organization_id")
        return ("organization", org) if org in self.organizations else None

    def about(self, kind, record_id):
        if kind in ("service", "organization", "location") and record_id in getattr(
            self, f"{kind}s"
        ):
            return (kind, record_id)
        return self.found.get(record_id) or self.holders.get(record_id)

    def about_known(self, record_id):
        for kind in ("service", "location", "organization"):
            if record_id in getattr(self, f"{kind}s"):
                return (kind, record_id)
        return None


def source_records(tables, plan):
    """[(table, id, owner or None, values)] of the package's records kept as given."""
    owners = Owners(tables, plan)
    kept = []
    for service_id in sorted(plan.services):
        values = tables.rows["service"][service_id]
        extras = {k: values[k] for k in SERVICE_EXTRAS if values.get(k)}
        if extras:
            kept.append(("service", service_id, ("service", service_id), extras))
    for link_id, values in tables.rows["service_at_location"].items():
        owner = owners.service(values.get("service_id"))
        extras = {k: values[k] for k in LINK_EXTRAS if values.get(k)}
        if owner and extras:
            kept.append(("service_at_location", link_id, owner, extras))
    kept += urls(tables, owners)
    kept += other_addresses(tables, owners)
    for org_id in sorted(plan.organizations):
        for phone_id, values in owners.organization_phones.get(org_id, {}).items():
            kept.append(("organization_phone", phone_id, ("organization", org_id), given(values)))
    for record_id, values in tables.rows["schedule"].items():
        if is_structured(values):
            continue  # a Schedule of ours
        owner = owners.modelled("schedule", values)
        location = values.get("location_id")
        if not owner and not values.get("service_id") and location in owners.locations:
            owner = ("location", location)
        if owner:
            kept.append((WORDS, record_id, owner, given(values)))
    for table, names in LINKS.items():
        for record_id, values in tables.rows[table].items():
            owner = owners.modelled(table, values)
            links = {name: values[name] for name in names if values.get(name)}
            if owner and links:
                kept.append((table, record_id, owner, links))
    for table in STORED:
        for record_id, values in tables.rows[table].items():
            owner = owners.owner(table, values)
            if table == "language" and owner is None:
                # A service's or a location's own: beside the Language of ours it maps to.
                table, owner = owners.language(values)
                if owner is None:
                    continue
            if owner is None and table not in PACKAGE_LEVEL:
                continue
            owners.found[record_id] = owner
            kept.append((table, record_id, owner, given(values)))
    return kept


def urls(tables, owners):
    """The services' and organizations' other web addresses (HSDS 3.1), all but the one the
    import takes for a service's referral form (hsds.capacity.referral_form)."""
    from hsds.capacity import REFERRAL_FORM_LABEL

    kept, forms = [], set()
    for record_id, values in sorted(tables.rows["url"].items()):
        service = owners.service(values.get("service_id"))
        label = (values.get("label") or "").strip().casefold()
        if service and label == REFERRAL_FORM_LABEL.casefold() and service not in forms:
            forms.add(service)
            continue
        if service:
            kept.append((SERVICE_URL, record_id, service, given(values)))
        organization = owners.organization(values)
        if organization:
            kept.append((ORGANIZATION_URL, record_id, organization, given(values)))
    return kept


def other_addresses(tables, owners):
    """The locations' addresses beside the one each Location holds."""
    from hsds.columns import physical_address

    by_location = {}
    for values in tables.rows["address"].values():
        if values.get("location_id") in owners.locations:
            by_location.setdefault(values["location_id"], []).append(values)
    kept = []
    for location_id, addresses in sorted(by_location.items()):
        ours = physical_address(addresses)
        for values in addresses:
            if values is not ours:
                kept.append((OTHER_ADDRESS, values["id"], ("location", location_id), given(values)))
    return kept


def replaced_tables(present):
    """The tables of stored records that an import of a package giving the tables
    `present` replaces."""
    tables = set(present) & {"service", "service_at_location", SERVICE_URL, *LINKS, *STORED}
    if SERVICE_URL in tables:
        tables.add(ORGANIZATION_URL)
    if "address" in present:
        tables.add(OTHER_ADDRESS)
    if "phone" in tables:
        tables.add("organization_phone")
    if "schedule" in tables:
        tables.add(WORDS)
    if "language" in tables:
        tables |= {SERVICE_LANGUAGE, LOCATION_LANGUAGE}
    return tables


def kept_state(records):
    """An owner's kept records as its state holds them (importer.KEPT): [table, id, values],
    in order."""
    return [list(record) for record in sorted(records, key=lambda r: (r[0], r[1]))]


def incoming_kept(kept, present):
    """{(kind, id): state} of what the package gives each owner, of the replaced tables."""
    tables, found = replaced_tables(present), {}
    for table, record_id, owner, values in kept:
        if owner is not None and table in tables:
            found.setdefault(tuple(owner), []).append((table, record_id, values))
    return {owner: kept_state(records) for owner, records in found.items()}


def current_kept(kind, ids, present):
    """{id: state} of what these owners hold now, of the tables the package replaces."""
    found = {}
    rows = SourceRecord.objects.filter(
        **{f"{kind}_id__in": ids}, table__in=replaced_tables(present)
    )
    for owner, table, record_id, values in rows.values_list(
        f"{kind}_id", "table", "record_id", "values"
    ):
        found.setdefault(str(owner), []).append((table, record_id, values))
    return {owner: kept_state(records) for owner, records in found.items()}


def write_source_records(kept, present, written):
    """Replace the stored records of the tables the package gives (`present`), of the
    owners written (`written`: {kind: ids}) and of the package itself."""
    tables = replaced_tables(present)
    wanted = [
        (table, record_id, owner, values)
        for table, record_id, owner, values in kept
        if owner is None or owner[1] in written[owner[0]]
    ]
    for kind, ids in written.items():
        ids = list(ids)
        for start in range(0, len(ids), BATCH):
            SourceRecord.objects.filter(
                **{f"{kind}_id__in": ids[start : start + BATCH]}, table__in=tables
            ).delete()
    if tables & PACKAGE_LEVEL:
        SourceRecord.objects.filter(
            table__in=tables & PACKAGE_LEVEL,
            service=None,
            organization=None,
            location=None,
        ).delete()
    # A record that moved to another owner is taken from there first.
    ids = [(table, record_id) for table, record_id, _, _ in wanted]
    for start in range(0, len(ids), BATCH):
        for table in {table for table, _ in ids[start : start + BATCH]}:
            SourceRecord.objects.filter(
                table=table, record_id__in=[r for t, r in ids[start : start + BATCH] if t == table]
            ).delete()
    SourceRecord.objects.bulk_create(
        [
            SourceRecord(
                table=table,
                record_id=record_id,
                values=values,
                **({f"{owner[0]}_id": owner[1]} if owner else {}),
            )
            for table, record_id, owner, values in wanted
        ],
        batch_size=BATCH,
    )


# -- Export -------------------------------------------------------------------------------


def nested(values, owner_id):
    """A record's values as nested in its owner's: without the link that the nesting says
    (a phone's language is nested in the phone: it keeps them all)."""
    if "phone_id" in values:
        return values
    if values.get("resource_id") == owner_id:
        values = {k: v for k, v in values.items() if k not in ("resource_id", "resource_type")}
    return {k: v for k, v in values.items() if not (k in OWNER_LINKS and v == owner_id)}


OWNER_LINKS = {"service_id", "organization_id", "location_id"}


# What a kept record is, when its table is not HSDS's own name for it.
RESOURCES = {
    WORDS: "schedule",
    OTHER_ADDRESS: "address",
    ORGANIZATION_URL: "url",
    "organization_phone": "phone",
    SERVICE_LANGUAGE: "language",
    LOCATION_LANGUAGE: "language",
}


def in_order(table, values):
    """The values in HSDS's order of the table's fields (PostgreSQL's JSON keeps its own)."""
    names = resources()[RESOURCES.get(table, table)].field_names
    place = {name: i for i, name in enumerate(names)}
    return dict(sorted(values.items(), key=lambda item: place.get(item[0], len(place))))


def stored(owner, table):
    """An owner's stored records of one table, as {id, **values} nested in the owner's, by
    id. Needs the owner's source_records prefetched."""
    owner_id = str(owner.pk)
    return [
        in_order(table, {"id": record.record_id, **nested(record.values, owner_id)})
        for record in sorted(owner.source_records.all(), key=lambda r: r.record_id)
        if record.table == table
    ]


def links(owner, table):
    """{record id: its links as the source gave them} of the contacts, phones or schedules
    kept with this owner (LINKS)."""
    return {
        record.record_id: in_order(table, record.values)
        for record in owner.source_records.all()
        if record.table == table
    }


def extras(service):
    """The service's own fields that we keep as given."""
    found = stored(service, "service")
    if not found:
        return {}
    return {k: v for k, v in found[0].items() if k in SERVICE_EXTRAS}


def link_extras(service):
    """{service_at_location id: what the source said of it beside its service and location}
    of the service's locations (LINK_EXTRAS)."""
    return {
        record.record_id: record.values
        for record in service.source_records.all()
        if record.table == "service_at_location"
    }


def package_records(table):
    """The package-level records of a table (no owner), as {id, **values}."""
    return [
        in_order(table, {"id": record.record_id, **record.values})
        for record in SourceRecord.objects.filter(
            table=table, service=None, organization=None, location=None
        ).order_by("record_id")
    ]
