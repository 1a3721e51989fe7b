"""Our records as HSDS 3.0 JSON, for the export and the API.

Empty values are left out (HSDS types allow no nulls). Records HSDS has and we fold into
one field (a service's intake phone, its hours, its cost) get ids derived from their
owner's, so an export is the same every time. A confidential location never carries an
address, coordinates, web page, description or directions (directory.confidential's
ADDRESS_FIELDS): only its id, type, names, identifier and organization.
"""

import uuid

from directory.models import Service, ServiceArea
from hsds import HSDS_VERSION, disclosure, legal, populations, source_terms, store
from hsds.contacts import contact_record, extension_text, phone_label, phone_record
from hsds.fields import column_limit, cost_of
from hsds.mapping import (
    OUR_TAXONOMY_ID,
    OUR_TAXONOMY_NAME,
    SPANISH_FIELDS,
    SPANISH_TAXONOMY_ID,
    SPANISH_TAXONOMY_NAME,
    SPANISH_TERM_IDS,
)

# A schedule's fields, HSDS's names and ours (directory.models.Schedule), but its id.
SCHEDULE_FIELDS = [
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
    "description",
    "notes",
    "schedule_link",
    "attending_type",
]
DERIVED = uuid.UUID("3d0c7c55-61a3-4f55-b4a8-0b6a5e0f2c11")
COST_OPTIONS = {
    Service.Cost.FREE: {"option": "Free", "amount": 0},
    Service.Cost.SLIDING_SCALE: {"option": "Sliding scale"},
    Service.Cost.FEE: {"option": "Fee"},
}
TAXONOMY = {
    "id": OUR_TAXONOMY_ID,
    "name": OUR_TAXONOMY_NAME,
    "description": "The off-ramp categories of the Off-Ramps directory, in two levels.",
    "version": HSDS_VERSION,
}


SPANISH_TAXONOMY = {
    "id": SPANISH_TAXONOMY_ID,
    "name": SPANISH_TAXONOMY_NAME,
    "description": "The fields of the Off-Ramps directory written in Spanish: an attribute "
    "with one of these terms holds, in its value, the Spanish text of the record it is "
    "linked to.",
    "version": HSDS_VERSION,
}


def derived_id(owner_id, what):
    return str(uuid.uuid5(DERIVED, f"{owner_id}/{what}"))


def compact(record):
    return {k: v for k, v in record.items() if v not in (None, "", [], {})}


def number(value):
    return None if value is None else float(value)


def phone(owner_id, what, text):
    return [{"id": derived_id(owner_id, what), "number": text}] if text else []


def organization_record(org, full=True):
    """An organization; in full, with what its source gave that we keep as given (needs its
    source_records prefetched)."""
    record = compact(
        {
            "id": str(org.id),
            "name": org.name,
            "alternate_name": org.alternate_name,
            # HSDS requires a description: the name stands in for a missing one.
            "description": org.description or org.name,
            "email": org.email,
            "website": org.website,
            "tax_status": org.tax_status,
            "tax_id": org.tax_id,
            "year_incorporated": org.year_incorporated,
            "legal_status": org.legal_status,
            "logo": org.logo,
            "uri": org.uri,
            "parent_organization_id": (
                str(org.parent_organization_id) if org.parent_organization_id else None
            ),
            "phones": organization_phones(org) if full else [],
            "attributes": spanish_attributes(org, "organization"),
        }
    )
    if full:
        record.update(
            compact(
                {
                    "funding": store.stored(org, "funding"),
                    "programs": store.stored(org, "program"),
                    "organization_identifiers": store.stored(org, "organization_identifier"),
                    "metadata": store.stored(org, "metadata"),
                }
            )
        )
    return record


def organization_phones(org):
    """The organization's phones as its source gave them, while its phone is still one of
    them; else its phone alone."""
    given = store.stored(org, "organization_phone")
    labels = {phone_label(p.get("number", ""), extension_text(p.get("extension"))) for p in given}
    if org.phone in labels:
        return given
    return phone(org.id, "phone", org.phone)


def organization_list_record(org):
    record = organization_record(org, full=False)
    record.pop("phones", None)
    return record


def address_record(location):
    """The location's address, only when HSDS's required parts are all there: its country
    and type as the source gave them, or as a curator's record holds them (a location made
    here is in the "US" and "physical" unless a curator says otherwise); an imported one
    whose source gave no country has none, and so no address in HSDS."""
    parts = [
        location.address_1,
        location.city,
        location.state_province,
        location.postal_code,
        location.country,
        location.address_type,
    ]
    if location.confidential or not all(parts):
        return []
    return [
        compact(
            {
                "id": str(location.address_id or derived_id(location.id, "address")),
                "attention": location.attention,
                "address_1": location.address_1,
                "address_2": location.address_2,
                "city": location.city,
                "region": location.region,
                "state_province": location.state_province,
                "postal_code": location.postal_code,
                "country": location.country,
                "address_type": location.address_type,
            }
        )
    ]


def schedule_record(schedule, links=None):
    """A structured schedule, as it came (an import) or as a curator entered it; `links`:
    those the source gave it beside its owner ({schedule id: {field: id}}, hsds/store.py)."""
    record = {"id": str(schedule.id), **(links or {}).get(str(schedule.id), {})}
    for name in SCHEDULE_FIELDS:
        value = getattr(schedule, name)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif name == "timezone":
            value = number(value)
        record[name] = value
    return compact(record)


def location_record(location, full=True):
    """A location; in its list form (full=False) without schedules and addresses."""
    record = {
        "id": str(location.id),
        "location_type": location.location_type,
        "organization_id": str(location.organization_id),
        "name": location.name,
        "alternate_name": location.alternate_name,
        "external_identifier": location.external_identifier,
        "external_identifier_type": location.external_identifier_type,
    }
    if full:
        # A location's hours say nothing of where it is: a confidential one keeps them.
        record["schedules"] = [schedule_record(s) for s in location.schedules.all()]
        record["schedules"] += store.stored(location, store.WORDS)
    if not location.confidential:
        # Its web page, description and directions may tell where it is: address fields
        # (directory.confidential.ADDRESS_FIELDS), left out for a confidential location.
        record["url"] = location.url
        record["description"] = location.description
        record["transportation"] = location.transportation
        if location.latitude is not None and location.longitude is not None:
            record["latitude"] = number(location.latitude)
            record["longitude"] = number(location.longitude)
        if full:
            record["addresses"] = address_record(location)
            record["addresses"] += store.stored(location, store.OTHER_ADDRESS)
            # What the source said of it: never of a confidential one, whose access and
            # history may tell where it is.
            record["accessibility"] = store.stored(location, "accessibility")
            record["languages"] = store.stored(location, store.LOCATION_LANGUAGE)
            record["metadata"] = store.stored(location, "metadata")
    return compact(record)


def link_extras(link, said):
    """What the source said of a service at a location beside the two (its description,
    hsds/store.py), never of a confidential location: it may tell where the place is."""
    if link.location.confidential:
        return {}
    return said.get(str(link.id), {})


def service_at_location_record(link, full=False):
    """A service at one of its locations, both nested: in full, or in their list forms."""
    return compact(
        {
            "id": str(link.id),
            "service_id": str(link.service_id),
            "location_id": str(link.location_id),
            **link_extras(link, store.link_extras(link.service)),
            "location": location_record(link.location, full),
            "service": service_record(link.service) if full else service_list_record(link.service),
        }
    )


def taxonomy_term_record(category):
    return compact(
        {
            "id": str(category.id),
            "code": category.slug,
            "name": category.name,
            "description": category.description or category.name,
            "parent_id": str(category.parent_id) if category.parent_id else None,
            "taxonomy": OUR_TAXONOMY_NAME,
            "taxonomy_detail": TAXONOMY,
            "language": "en",
        }
    )


def spanish_term_record(field, label):
    return {
        "id": SPANISH_TERM_IDS[field],
        "code": field,
        "name": label,
        "description": f"{label}: the attribute's value is the text.",
        "taxonomy": SPANISH_TAXONOMY_NAME,
        "taxonomy_detail": SPANISH_TAXONOMY,
        "language": "es",
    }


def spanish_attributes(record, entity):
    """The record's Spanish text, an attribute per field that has some (mapping.py)."""
    return [
        {
            "id": derived_id(record.id, f"spanish/{field}"),
            "link_type": "spanish_text",
            "link_entity": entity,
            "taxonomy_term_id": SPANISH_TERM_IDS[field],
            "taxonomy_term": spanish_term_record(field, label),
            "value": getattr(record, field),
        }
        for field, label in SPANISH_FIELDS.items()
        if getattr(record, field, "")
    ]


def service_fields(service, modified=False):
    """The one-to-one fields of a service."""
    return {
        "id": str(service.id),
        "organization_id": str(service.organization_id),
        "name": service.name,
        "alternate_name": service.alternate_name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "interpretation_services": service.interpretation_services,
        "application_process": service.application_process,
        "fees_description": service.fees_description,
        "eligibility_description": service.eligibility_description,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.assured_date.isoformat() if service.assured_date else None,
        "assurer_email": service.assurer_email,
        "wait_time": service.wait_time,
        "fees": service.fees,
        "accreditations": service.accreditations,
        "licenses": service.licenses,
        "alert": service.alert,
        "last_modified": service.last_modified.isoformat() if modified else None,
    }


def service_minimal_record(service):
    """A service as `minimal` lists it: its id and when it last changed, with the name and
    status that HSDS requires of every service in a list."""
    return {
        "id": str(service.id),
        "name": service.name,
        "status": service.status,
        "last_modified": service.last_modified.isoformat(),
    }


def service_list_record(service, modified=True):
    record = service_fields(service, modified)
    record["organization"] = organization_list_record(service.organization)
    return compact(record)


def service_record(service, modified=True):
    """A fully nested service. Needs hsds.exporter.services_for_hsds()'s prefetching."""
    record = service_fields(service, modified)
    sid = service.id
    record.update(store.extras(service))
    record["phones"] = phone_records(service)
    schedule_links = store.links(service, "schedule")
    record["schedules"] = [schedule_record(s, schedule_links) for s in service.schedules.all()]
    record["schedules"][:0] = words_schedules(service)
    record["service_areas"] = area_records(service)
    said = store.link_extras(service)
    record["service_at_locations"] = [
        compact(
            {
                "id": str(link.id),
                "location_id": str(link.location_id),
                **link_extras(link, said),
                "location": location_record(link.location),
            }
        )
        for link in sorted(
            service.serviceatlocation_set.all(), key=lambda x: (x.location.name, str(x.id))
        )
    ]
    record["languages"] = language_records(service)
    record["organization"] = organization_record(service.organization)
    record["funding"] = store.stored(service, "funding")
    record["cost_options"] = cost_records(service)
    programs = store.stored(service, "program")
    if programs:
        record["program"] = programs[0]
    record["required_documents"] = store.stored(service, "required_document")
    record["contacts"] = contact_records(service)
    record["attributes"] = [
        {
            "id": derived_id(sid, f"category/{category.pk}"),
            "link_type": "category",
            "link_entity": "service",
            "taxonomy_term_id": str(category.pk),
            "taxonomy_term": taxonomy_term_record(category),
        }
        for category in sorted(service.categories.all(), key=lambda c: c.slug)
    ] + spanish_attributes(service, "service")
    record["attributes"] += disclosure.attributes(service, derived_id)
    record["attributes"] += legal.attributes(service, derived_id)
    record["attributes"] += populations.attributes(service, derived_id)
    # The source's own terms, under their own taxonomies (hsds/source_terms.py).
    record["attributes"] += source_terms.attributes(service)
    record["metadata"] = store.stored(service, "metadata")
    return compact(record)


def words_schedules(service):
    """The free-text hours as schedules of words alone: those the source gave, whole, while
    the hours still say what they said; else one of the hours text (an import reads either
    back as such)."""
    given = store.stored(service, store.WORDS)
    said = sorted(w["description"] for w in given if w.get("description"))
    if given and sorted(filter(None, service.hours.split("\n"))) == said:
        return given
    if service.hours:
        return [{"id": derived_id(service.id, "hours"), "description": service.hours}]
    return []


def language_records(service):
    """The service's languages: each as its source gave it (id, note) while the service
    still has it; one its phone's record already says for the service is not said twice;
    a curator's new one by its code."""
    sid = str(service.id)
    given = {}
    for language in store.stored(service, store.SERVICE_LANGUAGE):
        given.setdefault(language.get("code"), language)
    said = {
        language.get("code")
        for language in store.stored(service, "language")
        if language.get("service_id") == sid
    }
    records = []
    for lang in sorted(service.languages.all(), key=lambda lang: lang.code):
        if lang.code in given:
            records.append(given[lang.code])
        elif lang.code not in said:
            records.append(
                {
                    "id": derived_id(sid, f"language/{lang.code}"),
                    "name": lang.name,
                    "code": lang.code,
                }
            )
    return records


def phone_languages(service):
    """{phone id: its languages as the source gave them}."""
    found = {}
    for language in store.stored(service, "language"):
        found.setdefault(language["phone_id"], []).append(
            {k: v for k, v in language.items() if k != "phone_id"}
        )
    return found


def phone_records(service):
    """The service's own phones; the intake phone too, when it is none of them (a curator's
    edit, or a phone of the source's we do not keep)."""
    phones = sorted(service.phones.all(), key=lambda p: str(p.id))
    languages, links = phone_languages(service), store.links(service, "phone")
    records = [phone_record(p, languages, links) for p in phones if not p.contact_only]
    labels = {phone_label(p.number, p.extension) for p in phones}
    if service.intake_phone and service.intake_phone not in labels:
        records += phone(service.id, "intake-phone", service.intake_phone)
    return records


def contact_records(service):
    """The service's contacts with their phones; an "Intake" contact for the intake email
    when no contact has it."""
    phones = sorted(service.phones.all(), key=lambda p: str(p.id))
    contacts = sorted(service.contacts.all(), key=lambda c: str(c.id))
    languages = phone_languages(service)
    links = {**store.links(service, "phone"), **store.links(service, "contact")}
    records = [contact_record(c, phones, languages, links) for c in contacts]
    if service.intake_email and service.intake_email not in {c.email for c in contacts}:
        records.append(
            {
                "id": derived_id(service.id, "intake"),
                "name": "Intake",
                "email": service.intake_email,
            }
        )
    return records


def cost_records(service):
    """The source's cost options as it gave them, while our cost (Free / Fee / Sliding
    scale) still says what they say; else ours."""
    given = store.stored(service, "cost_option")
    if given and cost_of(given, service.fees_description) == service.cost:
        return given
    return [{"id": derived_id(service.id, "cost"), **COST_OPTIONS[service.cost]}]


def area_records(service):
    """The service's areas: as the source gave each (name, description, extent, uri), for
    the areas it still covers; ours for the others."""
    names = {area.name for area in service.areas.all()}
    limit = column_limit(ServiceArea, "name")  # what an import keeps of a name
    records, given = [], set()
    for area in store.stored(service, "service_area"):
        ours = (area.get("name") or "").strip()[:limit].casefold()
        match = next((name for name in names if name.casefold() == ours), None)
        if match:
            records.append(area)
            given.add(match)
    records += [
        {"id": derived_id(service.id, f"area/{name}"), "name": name}
        for name in sorted(names - given)
    ]
    return records
