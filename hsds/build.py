"""Turn validated HSDS rows into the state of our records, in our fields.

A state is a plain, JSON-ready dict (strings, ints, None, sorted lists), the same shape
as importer.current_states() reads from the database, so the two compare field by field.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from directory.models import Location, Organization, Service, ServiceArea
from hsds.fields import (
    LanguageResolver,
    age_range,
    area_name,
    categories_of,
    cost_of,
    decimal_text,
    fit,
    phone_text,
    schedule_text,
)

# Our fields that an import fills, per kind of record.
ORG_FIELDS = ["name", "description", "website", "email", "phone"]
LOCATION_FIELDS = [
    "organization_id",
    "name",
    "address_1",
    "address_2",
    "city",
    "state_province",
    "postal_code",
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
]
SERVICE_SETS = ["languages", "areas", "categories", "locations"]
NULLABLE = {"minimum_age", "maximum_age", "assured_date", "latitude", "longitude"}
FIELDS = {"organization": ORG_FIELDS, "location": LOCATION_FIELDS, "service": SERVICE_FIELDS}


# State fields that come from other tables: (those tables, the JSON keys that nest them).
# A source without them says nothing about the field, and the field is left as it is.
FROM_TABLES = {
    "phone": (("phone",), ("phones",)),
    "intake_phone": (("phone",), ("phones", "service_at_locations")),
    "intake_email": (("contact",), ("contacts",)),
    "hours": (("schedule",), ("schedules", "service_at_locations")),
    "cost": (("cost_option",), ("cost_options",)),
    "languages": (("language",), ("languages",)),
    "areas": (("service_area",), ("service_areas",)),
    "categories": (("attribute",), ("attributes",)),
    "locations": (("service_at_location",), ("service_at_locations",)),
    **{
        name: (("address",), ("addresses",))
        for name in ("address_1", "address_2", "city", "state_province", "postal_code")
    },
}


def covered(tables, values, name):
    if name == "organization_id":
        return True
    if name == "cost" and "fees_description" in values["_keys"]:
        return True
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
        state.update({name: [] for name in SERVICE_SETS})
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
    invalid: dict = field(default_factory=lambda: defaultdict(int))


def group(rows, key):
    grouped = defaultdict(list)
    for values in rows.values():
        if values.get(key):
            grouped[values[key]].append(values)
    return grouped


def build(tables, report, mapper):
    plan = Plan()
    rows = tables.rows
    phones_by = {k: group(rows["phone"], k) for k in ("organization_id", "service_id")}
    phones_by["sal"] = group(rows["phone"], "service_at_location_id")
    contacts_by = group(rows["contact"], "service_id")
    languages_by = group(rows["language"], "service_id")
    schedules_by = group(rows["schedule"], "service_id")
    sal_schedules = group(rows["schedule"], "service_at_location_id")
    areas_by = group(rows["service_area"], "service_id")
    costs_by = group(rows["cost_option"], "service_id")
    attributes_by = group(rows["attribute"], "link_id")
    addresses_by = group(rows["address"], "location_id")
    sals_by = group(rows["service_at_location"], "service_id")
    sals_at = group(rows["service_at_location"], "location_id")

    for org_id, values in rows["organization"].items():
        where = tables.where[("organization", org_id)]
        phones = phones_by["organization_id"].get(org_id, [])
        state = only_covered(
            tables,
            values,
            {
                "name": fit(Organization, "name", values["name"], where, "name", report),
                "description": values.get("description") or "",
                "website": fit(
                    Organization, "website", values.get("website"), where, "website", report
                ),
                "email": values.get("email") or "",
                "phone": phone_text(phones[0], where, report) if phones else "",
            },
        )
        plan.organizations[org_id] = Record("organization", org_id, state, where)

    service_org = {sid: v["organization_id"] for sid, v in rows["service"].items()}
    for loc_id, values in rows["location"].items():
        where = tables.where[("location", loc_id)]
        org_id = values.get("organization_id")
        if not org_id:
            users = [
                s["service_id"] for s in sals_at.get(loc_id, []) if s["service_id"] in service_org
            ]
            org_id = service_org[users[0]] if users else None
        if not org_id:
            report.warning(where, "organization_id", "no organization and no service: left out.")
            continue
        addresses = addresses_by.get(loc_id, [])
        address = next((a for a in addresses if a.get("address_type") == "physical"), None)
        address = address or (addresses[0] if addresses else {})
        address_where = tables.where.get(("address", address.get("id")), where)
        state = location_state(values, org_id, address, where, address_where, report)
        plan.locations[loc_id] = Record(
            "location", loc_id, only_covered(tables, values, state), where
        )

    languages = LanguageResolver(plan)
    areas = {a.name.casefold(): a.name for a in ServiceArea.objects.all()}
    for service_id, values in rows["service"].items():
        where = tables.where[("service", service_id)]
        try:
            ages = age_range(values, where, report)
        except ValueError:
            plan.invalid["service"] += 1
            continue
        sals = [
            s
            for s in sals_by.get(service_id, [])
            if s["location_id"] in plan.locations
            or s["location_id"] in tables.in_database["location"]
        ]
        sal_ids = [s["id"] for s in sals]
        phones = phones_by["service_id"].get(service_id) or [
            p for sal in sal_ids for p in phones_by["sal"].get(sal, [])
        ]
        contacts = [c for c in contacts_by.get(service_id, []) if c.get("email")]
        schedules = {s["id"]: s for s in schedules_by.get(service_id, [])}
        for sal in sal_ids:
            schedules.update({s["id"]: s for s in sal_schedules.get(sal, [])})
        state = {
            "organization_id": values["organization_id"],
            "name": fit(Service, "name", values["name"], where, "name", report),
            "alternate_name": fit(
                Service,
                "alternate_name",
                values.get("alternate_name"),
                where,
                "alternate_name",
                report,
            ),
            "url": fit(Service, "url", values.get("url"), where, "url", report),
            "status": values["status"],
            "minimum_age": ages[0],
            "maximum_age": ages[1],
            "assured_date": values["assured_date"].isoformat()
            if values.get("assured_date")
            else None,
            "cost": cost_of(costs_by.get(service_id, []), values.get("fees_description")),
            "intake_phone": phone_text(phones[0], where, report) if phones else "",
            "intake_email": contacts[0]["email"] if contacts else "",
            "hours": "\n".join(filter(None, (schedule_text(s) for s in schedules.values()))),
        }
        for name in (
            "description",
            "email",
            "interpretation_services",
            "application_process",
            "fees_description",
            "eligibility_description",
            "assurer_email",
        ):
            state[name] = values.get(name) or ""
        state["languages"] = sorted(
            {
                code
                for row in languages_by.get(service_id, [])
                if (code := languages.code_for(row, report, tables))
            }
        )
        state["areas"] = sorted(
            {
                area_name(row, areas, tables, report)
                for row in areas_by.get(service_id, [])
                if row.get("name")
            }
        )
        state["categories"] = sorted(
            categories_of(service_id, attributes_by, tables, mapper, report, state["name"])
        )
        seen_locations, links = set(), []
        for sal in sals:
            if sal["location_id"] in seen_locations:
                report.warning(
                    tables.where[("service_at_location", sal["id"])],
                    "location_id",
                    "the service is already linked to this location: left out.",
                )
                continue
            seen_locations.add(sal["location_id"])
            links.append(f"{sal['id']}|{sal['location_id']}")
        state["locations"] = sorted(links)
        state = only_covered(tables, values, state)
        plan.services[service_id] = Record("service", service_id, state, where)
    return plan


def location_state(values, org_id, address, where, address_where, report):
    lat, lon = values.get("latitude"), values.get("longitude")
    placed = lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180
    if not placed and (lat, lon) != (None, None):
        report.warning(where, "latitude", f"({lat}, {lon}) is not a place on Earth: left out.")
        lat = lon = None
    state = {
        "organization_id": org_id,
        "name": fit(Location, "name", values.get("name"), where, "name", report),
    }
    for name in ("address_1", "address_2", "city", "state_province", "postal_code"):
        state[name] = fit(Location, name, address.get(name), address_where, name, report)
    state["latitude"], state["longitude"] = decimal_text(lat), decimal_text(lon)
    return state
