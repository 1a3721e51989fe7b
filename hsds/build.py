"""Turn validated HSDS rows into the state of our records, in our fields.

A state is a plain, JSON-ready dict (strings, ints, None, sorted lists), the same shape
as importer.current_states() reads from the database, so the two compare field by field.
build() makes the state of every record before anything is written (importer.py then
writes them all in one transaction): a function per kind of record here, a function per
group of fields in columns.py.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext

from directory.models import Organization, Service, ServiceArea
from hsds import disclosure, legal, populations, source_terms
from hsds.capacity import capacities_state, referral_form
from hsds.columns import (
    ADDRESS_EXTRAS,
    LOCATION_TEXTS,
    ORGANIZATION_TEXTS,
    iso_date,
    location_links,
    location_organization,
    location_state,
    organization_state,
    physical_address,
    schedules_state,
    service_areas,
    service_categories,
    service_hours,
    service_intake,
    service_labels,
    service_languages,
    service_texts,
    spanish_texts,
)
from hsds.contacts import contacts_state, phones_state
from hsds.fields import LanguageResolver, age_range, cost_of
from hsds.mapping import SPANISH_FIELDS, spanish_field
from hsds.serializers import derived_id
from hsds.store import source_records

# Our fields that an import fills, per kind of record.
ORG_FIELDS = [
    "name",
    "description",
    "website",
    "email",
    "phone",
    "name_es",
    "description_es",
    *ORGANIZATION_TEXTS,
    "year_incorporated",
    "parent_organization_id",
]
LOCATION_FIELDS = [
    "organization_id",
    "name",
    *LOCATION_TEXTS,
    "address_1",
    "address_2",
    "city",
    "state_province",
    "postal_code",
    *ADDRESS_EXTRAS,
    "address_id",
    "latitude",
    "longitude",
]
SERVICE_FIELDS = [
    "organization_id",
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
    "cost",
    "intake_phone",
    "intake_email",
    "hours",
    "wait_time",
    "fees",
    "accreditations",
    "licenses",
    "alert",
    *disclosure.STATE_FIELDS,
    "name_es",
    "description_es",
    "eligibility_description_es",
    "application_process_es",
    "referral_form_url",
]
SERVICE_SETS = [
    "languages",
    "areas",
    "categories",
    "locations",
    *legal.STATE_FIELDS,
    *populations.STATE_FIELDS,
    source_terms.STATE_FIELD,
]
# The structured schedules of services and locations: a list of states (columns.schedule_state).
SCHEDULES = "schedules"
# A service's capacities (HSDS 3.1): a list of states (hsds.capacity.capacity_state).
CAPACITIES = "capacities"
# A service's contacts and phones: lists of states (hsds.contacts).
CONTACTS = "contacts"
PHONES = "phones"
NULLABLE = {
    "minimum_age",
    "maximum_age",
    "assured_date",
    "latitude",
    "longitude",
    "year_incorporated",
    "parent_organization_id",
    "address_id",
    disclosure.CONFIRMED,
}
FIELDS = {"organization": ORG_FIELDS, "location": LOCATION_FIELDS, "service": SERVICE_FIELDS}
# Filled from the "Off-Ramps disclosure" attributes, when the package has that taxonomy.
DISCLOSURE_FIELDS = set(disclosure.STATE_FIELDS)
# Filled from the "Off-Ramps legal relief" attributes, when the package has that taxonomy.
LEGAL_FIELDS = set(legal.STATE_FIELDS)
# Filled from the "Off-Ramps populations" attributes, when the package has that taxonomy.
POPULATION_FIELDS = set(populations.STATE_FIELDS)


# State fields that come from other tables: (those tables, the JSON keys that nest them).
# A source without them says nothing about the field, and the field is left as it is.
FROM_TABLES = {
    "phone": (("phone",), ("phones",)),
    "intake_phone": (("phone",), ("phones", "service_at_locations")),
    "intake_email": (("contact",), ("contacts",)),
    "hours": (("schedule",), ("schedules", "service_at_locations")),
    "schedules": (("schedule",), ("schedules", "service_at_locations")),
    "cost": (("cost_option",), ("cost_options",)),
    "languages": (("language",), ("languages",)),
    "areas": (("service_area",), ("service_areas",)),
    "categories": (("attribute",), ("attributes",)),
    source_terms.STATE_FIELD: (("attribute",), ("attributes",)),
    **{name: (("attribute",), ("attributes",)) for name in SPANISH_FIELDS},
    "locations": (("service_at_location",), ("service_at_locations",)),
    CAPACITIES: (("service_capacity",), (CAPACITIES,)),
    CONTACTS: (("contact",), ("contacts",)),
    PHONES: (("phone", "contact"), ("phones", "contacts")),
    "referral_form_url": (("url",), ("additional_urls",)),
    **{
        name: (("address",), ("addresses",))
        for name in ("address_1", "address_2", "city", "state_province", "postal_code")
        + (*ADDRESS_EXTRAS, "address_id")
    },
}


def covered(tables, values, name):
    if name == "organization_id":
        return True
    if name == "cost" and "fees_description" in values["_keys"]:
        return True
    if name in DISCLOSURE_FIELDS:
        return tables.has_disclosure
    if name in LEGAL_FIELDS:
        return tables.has_legal
    if name in POPULATION_FIELDS:
        return tables.has_populations
    if name not in FROM_TABLES:
        return name in values["_keys"]
    names, keys = FROM_TABLES[name]
    if tables.nested:
        return any(key in values["_keys"] for key in keys)
    return any(table in tables.present for table in names)


def only_covered(tables, values, state):
    return {k: v for k, v in state.items() if covered(tables, values, k)}


def defaults(kind):
    """What a new record holds in the fields the source does not give."""
    state = {}
    for name in FIELDS[kind]:
        state[name] = None if name in NULLABLE else ""
    if kind == "service":
        state["cost"] = Service.Cost.FREE.value
        state.update({name: "unknown" for name in disclosure.FACT_FIELDS})
        state.update({name: [] for name in SERVICE_SETS})
        state[CAPACITIES] = []
        state[CONTACTS] = []
        state[PHONES] = []
    if kind in ("service", "location"):
        state[SCHEDULES] = []
    return state


@dataclass
class Record:
    kind: str
    id: str
    state: dict
    where: str

    @property
    def name(self):
        return self.state.get("name") or self.id


@dataclass
class Plan:
    organizations: dict = field(default_factory=dict)
    locations: dict = field(default_factory=dict)
    services: dict = field(default_factory=dict)
    new_languages: dict = field(default_factory=dict)  # code -> name
    source_terms: dict = field(default_factory=dict)  # id -> a source's term (source_terms.py)
    # The records kept as given (hsds/store.py), and the tables the package gives.
    source_records: list = field(default_factory=list)
    present: set = field(default_factory=set)
    invalid: dict = field(default_factory=lambda: defaultdict(int))


def group(rows, key):
    grouped = defaultdict(list)
    for values in rows.values():
        if values.get(key):
            grouped[values[key]].append(values)
    return grouped


class Related:
    """The rows that hang off organizations, locations and services, by their owner's id."""

    def __init__(self, rows):
        self.organization_phones = group(rows["phone"], "organization_id")
        self.service_phones = group(rows["phone"], "service_id")
        self.link_phones = group(rows["phone"], "service_at_location_id")
        self.contacts = group(rows["contact"], "service_id")
        self.contact_phones = group(rows["phone"], "contact_id")
        self.languages = group(rows["language"], "service_id")
        self.schedules = group(rows["schedule"], "service_id")
        self.link_schedules = group(rows["schedule"], "service_at_location_id")
        self.claimed = set()  # the schedule ids given to a service or location
        # A location's own hours: schedules that name neither a service nor a link.
        self.location_schedules = group(
            {
                key: row
                for key, row in rows["schedule"].items()
                if not row.get("service_id") and not row.get("service_at_location_id")
            },
            "location_id",
        )
        self.areas = group(rows["service_area"], "service_id")
        self.costs = group(rows["cost_option"], "service_id")
        self.attributes = group(rows["attribute"], "link_id")
        self.addresses = group(rows["address"], "location_id")
        self.links = group(rows["service_at_location"], "service_id")
        self.links_at = group(rows["service_at_location"], "location_id")
        self.capacities = group(rows["service_capacity"], "service_id")
        self.urls = group(rows["url"], "service_id")

    def phones_of(self, service_id, link_ids):
        """A service's phones, else those of its service_at_location records."""
        return self.service_phones.get(service_id) or [
            phone for link_id in link_ids for phone in self.link_phones.get(link_id, [])
        ]

    def schedules_of(self, service_id, link_ids):
        """A service's schedules and those of its service_at_location records, each once."""
        schedules = {s["id"]: s for s in self.schedules.get(service_id, [])}
        for link_id in link_ids:
            schedules.update({s["id"]: s for s in self.link_schedules.get(link_id, [])})
        return list(schedules.values())


def build(tables, report, mapper):
    """The plan: every valid record's state, organizations first, then locations (which may
    take their organization from a service), then services (which link to locations)."""
    plan = Plan()
    rows = tables.rows
    tables.has_disclosure = disclosure.package_has_disclosure(tables)
    tables.has_legal = legal.package_has_legal(tables)
    tables.has_populations = populations.package_has_populations(tables)
    related = Related(rows)
    for org_id, values in rows["organization"].items():
        plan.organizations[org_id] = organization_record(tables, org_id, values, related, report)
    service_organizations = {sid: v["organization_id"] for sid, v in rows["service"].items()}
    for loc_id, values in rows["location"].items():
        record = location_record(tables, loc_id, values, related, service_organizations, report)
        if record:
            plan.locations[loc_id] = record
    unlinked_attributes(tables, report)
    unlinked_urls(tables, report)
    services = ServiceBuilder(tables, plan, related, mapper, report)
    for service_id, values in rows["service"].items():
        record = services.record(service_id, values)
        if record:
            plan.services[service_id] = record
        else:
            plan.invalid["service"] += 1
    plan.source_records = source_records(tables, plan)
    plan.present = set(tables.present)
    return plan


def unlinked_attributes(tables, report):
    """Say which attributes the import leaves out: the directory keeps those of services
    (and the Spanish text of organizations), not those of other records."""
    rows = tables.rows
    for attribute_id, attribute in rows["attribute"].items():
        link = attribute.get("link_id")
        if link in rows["service"]:
            continue
        term = rows["taxonomy_term"].get(attribute.get("taxonomy_term_id")) or {}
        if link in rows["organization"] and term and spanish_field(term):
            continue
        report.warning(
            tables.where.get(("attribute", attribute_id), ""),
            "link_id",
            gettext("links to no service in the package: left out."),
        )


def unlinked_urls(tables, report):
    """Say which web addresses (HSDS 3.1's url records) the import leaves out: those of no
    service or organization in the package."""
    rows = tables.rows
    for url_id, url in rows["url"].items():
        if url.get("service_id") in rows["service"]:
            continue
        if url.get("organization_id") in rows["organization"]:
            continue
        report.warning(
            tables.where.get(("url", url_id), ""),
            "id",
            gettext("is the web address of no service or organization in the package: left out."),
        )


def organization_record(tables, org_id, values, related, report):
    where = tables.where[("organization", org_id)]
    phones = related.organization_phones.get(org_id, [])
    state = organization_state(values, phones, where, report)
    attributes = related.attributes.get(org_id, [])
    state.update(spanish_texts(Organization, attributes, tables, report))
    return Record("organization", org_id, only_covered(tables, values, state), where)


def location_record(tables, loc_id, values, related, service_organizations, report):
    """A location's record; None (with a warning) when no organization can be found for it."""
    where = tables.where[("location", loc_id)]
    org_id = location_organization(values, related.links_at.get(loc_id, []), service_organizations)
    if not org_id:
        report.warning(
            where, "organization_id", gettext("no organization and no service: left out.")
        )
        return None
    if org_id != values.get("organization_id"):
        # The package does not say whose location this is: say where it goes, and why.
        report.warning(
            where,
            "organization_id",
            gettext(
                "names no organization in the package: placed under %(organization)s, the "
                "organization of a service offered here."
            )
            % {"organization": tables.rows["organization"].get(org_id, {}).get("name") or org_id},
        )
    addresses = related.addresses.get(loc_id, [])
    address = physical_address(addresses)
    address_where = tables.where.get(("address", address.get("id")), where)
    for other in addresses:
        if other is not address:
            report.warning(
                tables.where.get(("address", other.get("id")), where),
                "id",
                gettext(
                    "the directory shows one address per location, its %(kept)s one: this "
                    "one is kept as given for the export, and not shown."
                )
                % {"kept": address.get("address_type") or address.get("id")},
            )
    state = location_state(values, org_id, address, where, address_where, report)
    state[SCHEDULES] = schedules_state(
        related.location_schedules.get(loc_id, []), tables, report, related.claimed
    )
    return Record("location", loc_id, only_covered(tables, values, state), where)


class ServiceBuilder:
    """Services' records, once the locations are known (a service links only to those)."""

    def __init__(self, tables, plan, related, mapper, report):
        self.tables, self.related, self.mapper, self.report = tables, related, mapper, report
        self.plan = plan
        self.locations = plan.locations.keys() | tables.in_database["location"]
        self.languages = LanguageResolver(plan)
        self.areas = {a.name.casefold(): a.name for a in ServiceArea.objects.all()}
        self.legal = legal.LegalReader(tables, report, self.areas) if tables.has_legal else None
        self.populations = (
            populations.PopulationReader(tables, report) if tables.has_populations else None
        )

    def record(self, service_id, values):
        """A service's record; None when its ages are impossible (an error in the report)."""
        tables, related, report = self.tables, self.related, self.report
        where = tables.where[("service", service_id)]
        try:
            ages = age_range(values, where, report)
        except ValueError:
            return None
        links = [
            link
            for link in related.links.get(service_id, [])
            if link["location_id"] in self.locations
        ]
        link_ids = [link["id"] for link in links]
        schedules = related.schedules_of(service_id, link_ids)
        state = {
            "organization_id": values["organization_id"],
            **service_labels(values, where, report),
            "status": values["status"],
            "minimum_age": ages[0],
            "maximum_age": ages[1],
            "assured_date": iso_date(values.get("assured_date")),
            "cost": cost_of(related.costs.get(service_id, []), values.get("fees_description")),
            **service_intake(
                related.phones_of(service_id, link_ids),
                related.contacts.get(service_id, []),
                where,
                report,
            ),
            "hours": service_hours(schedules),
            SCHEDULES: schedules_state(schedules, tables, report, related.claimed),
            **service_texts(values),
            **spanish_texts(Service, related.attributes.get(service_id, []), tables, report),
        }
        state["languages"] = service_languages(
            related.languages.get(service_id, []), self.languages, tables, report
        )
        state["areas"] = service_areas(
            related.areas.get(service_id, []), self.areas, tables, report
        )
        state["categories"] = service_categories(
            service_id, related.attributes, tables, self.mapper, report, state["name"]
        )
        state[source_terms.STATE_FIELD] = source_terms.source_attributes(
            related.attributes.get(service_id, []),
            tables,
            self.mapper.categories,
            self.plan.source_terms,
        )
        state["locations"] = location_links(links, tables, report)
        state["referral_form_url"] = referral_form(related.urls.get(service_id, []), tables, report)
        state[CAPACITIES] = capacities_state(related.capacities.get(service_id, []), tables, report)
        # Our export's stand-ins for the intake phone and email are those fields, not records.
        stand_ins = {derived_id(service_id, "intake-phone"), derived_id(service_id, "intake")}
        contacts = [c for c in related.contacts.get(service_id, []) if c["id"] not in stand_ins]
        state[CONTACTS] = contacts_state(contacts, tables, report)
        phones = {p["id"]: p for p in related.service_phones.get(service_id, [])}
        for contact in contacts:
            phones.update({p["id"]: p for p in related.contact_phones.get(contact["id"], [])})
        phones = [p for p in phones.values() if p["id"] not in stand_ins]
        state[PHONES] = phones_state(service_id, phones, tables, report)
        if tables.has_disclosure:
            state.update(
                disclosure.disclosure_state(related.attributes.get(service_id, []), tables, report)
            )
        if self.legal:
            state.update(self.legal.state(related.attributes.get(service_id, [])))
        if self.populations:
            state.update(self.populations.state(related.attributes.get(service_id, [])))
        return Record("service", service_id, only_covered(tables, values, state), where)
