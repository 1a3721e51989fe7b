"""Our fields from checked HSDS rows: one function per kind of record or group of fields.

Each takes the rows it needs, as validate.py leaves them (plain dicts of typed values), and
returns our values, with a warning in the report where something is left out or cut.
build.py calls them for every record, before anything is written.
"""

from decimal import Decimal

from django.utils.translation import gettext

from directory.models import Location, Organization, Schedule, Service
from hsds.fields import (
    area_name,
    categories_of,
    decimal_text,
    fit,
    phone_text,
    schedule_text,
)
from hsds.mapping import SPANISH_FIELDS, spanish_field

# A service's texts that come in as they are.
SERVICE_TEXTS = [
    "description",
    "email",
    "interpretation_services",
    "application_process",
    "fees_description",
    "eligibility_description",
    "assurer_email",
    "wait_time",
    "fees",
    "accreditations",
    "licenses",
    "alert",
]
ADDRESS_PARTS = ["address_1", "address_2", "city", "state_province", "postal_code"]
# HSDS's other texts of organizations, locations and addresses, kept as given.
ORGANIZATION_TEXTS = ["alternate_name", "tax_status", "tax_id", "legal_status", "logo", "uri"]
LOCATION_TEXTS = [
    "location_type",
    "alternate_name",
    "description",
    "transportation",
    "url",
    "external_identifier",
    "external_identifier_type",
]
ADDRESS_EXTRAS = ["attention", "region", "country", "address_type"]


def organization_state(values, phones, where, report):
    """An organization's fields; its phone is the first of its phones."""
    state = {
        "name": fit(Organization, "name", values["name"], where, "name", report),
        "description": values.get("description") or "",
        "website": fit(Organization, "website", values.get("website"), where, "website", report),
        "email": values.get("email") or "",
        "phone": phone_text(phones[0], where, report) if phones else "",
    }
    for name in ORGANIZATION_TEXTS:
        state[name] = fit(Organization, name, values.get(name), where, name, report)
    state["year_incorporated"] = year_of(values.get("year_incorporated"), where, report)
    parent = values.get("parent_organization_id")
    state["parent_organization_id"] = str(parent) if parent else None
    return state


def year_of(value, where, report):
    """A year as a whole number; anything else is a warning, and left out."""
    if value is None:
        return None
    if value != int(value) or not 0 < value < 10000:
        report.warning(
            where,
            "year_incorporated",
            gettext("%(year)s is not a year: left out.") % {"year": value},
        )
        return None
    return int(value)


def location_organization(values, links, service_organizations):
    """A location's organization: its own, else that of the first service linked to it.

    `links` are the location's service_at_location rows; `service_organizations` maps the
    package's service ids to their organization. None when neither says.
    """
    if values.get("organization_id"):
        return values["organization_id"]
    users = [link["service_id"] for link in links if link["service_id"] in service_organizations]
    return service_organizations[users[0]] if users else None


def physical_address(addresses):
    """The address a location is at: its physical one, else its first, else none ({})."""
    physical = next((a for a in addresses if a.get("address_type") == "physical"), None)
    return physical or (addresses[0] if addresses else {})


def location_state(values, org_id, address, where, address_where, report):
    """A location's fields, from its row and its address; coordinates off the Earth are
    left out."""
    lat, lon = values.get("latitude"), values.get("longitude")
    placed = lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180
    if not placed and (lat, lon) != (None, None):
        report.warning(
            where,
            "latitude",
            gettext("(%(lat)s, %(lon)s) is not a place on Earth: left out.")
            % {"lat": lat, "lon": lon},
        )
        lat = lon = None
    state = {
        "organization_id": org_id,
        "name": fit(Location, "name", values.get("name"), where, "name", report),
    }
    for name in LOCATION_TEXTS:
        state[name] = fit(Location, name, values.get(name), where, name, report)
    for name in ADDRESS_PARTS + ADDRESS_EXTRAS:
        state[name] = fit(Location, name, address.get(name), address_where, name, report)
    state["address_id"] = str(address["id"]) if address.get("id") else None
    state["latitude"], state["longitude"] = decimal_text(lat), decimal_text(lon)
    return state


def spanish_texts(model, attributes, tables, report):
    """The Spanish text of a record, from its attributes with our Spanish text terms
    (mapping.spanish_field): {field: text} for each of the model's Spanish fields, "" where
    the package gives none. A text too long is cut, with a warning at its attribute."""
    texts = {field: "" for field in SPANISH_FIELDS if hasattr(model, field)}
    for attribute in attributes:
        term = tables.rows["taxonomy_term"].get(attribute.get("taxonomy_term_id")) or {
            "id": attribute.get("taxonomy_term_id") or ""
        }
        field = spanish_field(term)
        if field in texts and attribute.get("value"):
            where = tables.where[("attribute", attribute["id"])]
            texts[field] = fit(model, field, attribute["value"].strip(), where, "value", report)
    return texts


def service_labels(values, where, report):
    """A service's name, alternate name and web address, cut to our lengths."""
    return {
        name: fit(Service, name, values.get(name), where, name, report)
        for name in ("name", "alternate_name", "url")
    }


def iso_date(value):
    return value.isoformat() if value else None


def service_intake(phones, contacts, where, report):
    """The intake phone (the first phone) and email (the first contact that has one)."""
    emails = [contact["email"] for contact in contacts if contact.get("email")]
    return {
        "intake_phone": phone_text(phones[0], where, report) if phones else "",
        "intake_email": emails[0] if emails else "",
    }


# A schedule that gives any of these is kept as a Schedule (with its weekly opening times);
# one that gives none is only words, and goes into the service's hours text.
SCHEDULE_STRUCTURE = [
    "byday",
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_to",
    "dtstart",
    "until",
    "count",
    "byweekno",
    "bymonthday",
    "byyearday",
]
SCHEDULE_TEXTS = ["freq", "byday", "wkst", "byweekno", "bymonthday", "byyearday"]
SCHEDULE_TEXTS += ["description", "notes", "schedule_link", "attending_type"]
SCHEDULE_DATES = ["valid_from", "valid_to", "dtstart", "until"]
SCHEDULE_TIMES = ["opens_at", "closes_at"]
SCHEDULE_COUNTS = ["count", "interval"]
TWO_PLACES = Decimal("0.01")


def is_structured(schedule):
    return any(schedule.get(name) not in (None, "") for name in SCHEDULE_STRUCTURE)


def service_hours(schedules):
    """The hours text: one line per schedule that is only words (is_structured)."""
    return "\n".join(filter(None, (schedule_text(s) for s in schedules if not is_structured(s))))


def schedule_state(values):
    """A Schedule as a state, from a checked HSDS row or (the same shape) a Schedule's
    fields: what build() and importer.current_states() compare."""
    state = {"id": str(values["id"])}
    for name in SCHEDULE_TEXTS:
        state[name] = values.get(name) or ""
    for name in SCHEDULE_DATES + SCHEDULE_TIMES:
        value = values.get(name)
        state[name] = value.isoformat() if value else None
    zone = values.get("timezone")
    state["timezone"] = None if zone is None else format(Decimal(zone).quantize(TWO_PLACES), "f")
    for name in SCHEDULE_COUNTS:
        state[name] = None if values.get(name) is None else int(values[name])
    return state


def schedules_state(rows, tables, report, claimed):
    """The states of the structured schedules among `rows`, each schedule kept by its first
    owner only (`claimed`: the ids already given out), fitted to our columns."""
    states = []
    for row in rows:
        if not is_structured(row):
            continue
        where = tables.where[("schedule", row["id"])]
        if row["id"] in claimed:
            report.warning(
                where, "id", gettext("the schedule belongs to another record too: left out.")
            )
            continue
        zone, counts = row.get("timezone"), [row.get(name) for name in SCHEDULE_COUNTS]
        if zone is not None and abs(zone) >= 24:
            report.warning(
                where,
                "timezone",
                gettext("%(zone)s is not a UTC offset: left out.") % {"zone": zone},
            )
            row = {**row, "timezone": None}
        for name, count in zip(SCHEDULE_COUNTS, counts, strict=True):
            if count is not None and (count != count.to_integral_value() or not 0 <= count < 10**6):
                report.warning(
                    where,
                    name,
                    gettext("%(count)s is not a whole number: left out.") % {"count": count},
                )
                row = {**row, name: None}
        claimed.add(row["id"])
        state = schedule_state(row)
        for name in SCHEDULE_TEXTS:
            state[name] = fit(Schedule, name, state[name], where, name, report)
        states.append(state)
    return sorted(states, key=lambda state: state["id"])


def service_texts(values):
    return {name: values.get(name) or "" for name in SERVICE_TEXTS}


def service_languages(rows, resolver, tables, report):
    """The codes of the languages a service is offered in (fields.LanguageResolver)."""
    return sorted({code for row in rows if (code := resolver.code_for(row, report, tables))})


def service_areas(rows, areas, tables, report):
    """The names of a service's areas, as we spell those we have (`areas`: by casefold)."""
    return sorted({area_name(row, areas, tables, report) for row in rows if row.get("name")})


def service_categories(service_id, attributes, tables, mapper, report, service_name):
    """The ids of the categories a service's taxonomy terms map to (mapping.TermMapper)."""
    return sorted(categories_of(service_id, attributes, tables, mapper, report, service_name))


def location_links(links, tables, report):
    """A service's service_at_location rows as "link id|location id", one per location."""
    seen, found = set(), []
    for link in links:
        if link["location_id"] in seen:
            report.warning(
                tables.where[("service_at_location", link["id"])],
                "location_id",
                gettext("the service is already linked to this location: left out."),
            )
            continue
        seen.add(link["location_id"])
        found.append(f"{link['id']}|{link['location_id']}")
    return sorted(found)
