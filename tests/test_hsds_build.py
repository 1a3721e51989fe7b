"""From checked HSDS rows to our fields: each kind of record and each group of fields alone.

The rows are plain dicts, as hsds/validate.py leaves them; the end-to-end behaviour is in
test_hsds_import.py.
"""

from datetime import date, time
from decimal import Decimal

import pytest

from directory.models import Category, ServiceArea
from hsds.build import Plan, Related, ServiceBuilder, build, location_record, only_covered
from hsds.columns import (
    iso_date,
    location_links,
    location_organization,
    location_state,
    organization_state,
    physical_address,
    service_areas,
    service_categories,
    service_hours,
    service_intake,
    service_labels,
    service_languages,
    service_texts,
)
from hsds.fields import LanguageResolver
from hsds.mapping import TermMapper
from hsds.models import TermMapping
from hsds.report import Report
from hsds.validate import Tables

WHERE = "services.csv, row 2"


def warnings(report):
    return [str(problem) for problem in report.warnings]


def tables_with(nested=False, present=(), **resources):
    """Tables holding these rows ({resource: [row dicts with an id]}), each row at
    "<resource> <id>"."""
    tables = Tables(nested=nested, present=set(present) | set(resources))
    for resource, rows in resources.items():
        for row in rows:
            row.setdefault("_keys", frozenset(row))
            tables.rows[resource][row["id"]] = row
            tables.where[(resource, row["id"])] = f"{resource} {row['id']}"
    return tables


def service_row(service_id="s1", **values):
    row = {
        "id": service_id,
        "organization_id": "o1",
        "name": "Night Shelter",
        "status": "active",
        **values,
    }
    row["_keys"] = frozenset(row)
    return row


# Organizations


def test_an_organization_takes_its_first_phone_and_empties_what_it_lacks():
    report = Report()
    phones = [{"number": " 312-555-0100 ", "extension": Decimal(12)}, {"number": "2"}]
    state = organization_state({"name": "Harbor House"}, phones, WHERE, report)
    assert state == {
        "name": "Harbor House",
        "description": "",
        "website": "",
        "email": "",
        "phone": "312-555-0100 ext. 12",
        "alternate_name": "",
        "tax_status": "",
        "tax_id": "",
        "legal_status": "",
        "logo": "",
        "uri": "",
        "year_incorporated": None,
        "parent_organization_id": None,
    }
    assert not report.warnings


def test_an_organization_name_too_long_for_us_is_cut_with_a_warning():
    report = Report()
    state = organization_state({"name": "x" * 300}, [], WHERE, report)
    assert len(state["name"]) == 200
    assert warnings(report) == [f"{WHERE}, field name: is longer than 200 characters: cut."]


# Locations


def test_a_location_has_its_own_organization_else_that_of_its_first_known_service():
    links = [{"service_id": "elsewhere"}, {"service_id": "s2"}, {"service_id": "s1"}]
    services = {"s1": "o1", "s2": "o2"}
    assert location_organization({"organization_id": "o9"}, links, services) == "o9"
    assert location_organization({}, links, services) == "o2"
    assert location_organization({}, [{"service_id": "elsewhere"}], services) is None


def test_the_physical_address_wins_else_the_first_else_none():
    postal = {"id": "a1", "address_type": "postal"}
    physical = {"id": "a2", "address_type": "physical"}
    assert physical_address([postal, physical]) is physical
    assert physical_address([postal]) is postal
    assert physical_address([]) == {}


def test_a_location_takes_its_address_and_coordinates_as_text():
    report = Report()
    values = {"name": "Main site", "latitude": Decimal("41.9"), "longitude": Decimal("-87.6")}
    address = {"address_1": "1 Main St", "city": "Riverton", "postal_code": "60000"}
    state = location_state(values, "o1", address, WHERE, "addresses.csv, row 2", report)
    assert state == {
        "organization_id": "o1",
        "name": "Main site",
        "location_type": "",
        "alternate_name": "",
        "description": "",
        "transportation": "",
        "url": "",
        "external_identifier": "",
        "external_identifier_type": "",
        "address_1": "1 Main St",
        "address_2": "",
        "city": "Riverton",
        "state_province": "",
        "postal_code": "60000",
        "attention": "",
        "region": "",
        "country": "",
        "address_type": "",
        "address_id": None,
        "latitude": "41.900000",
        "longitude": "-87.600000",
    }


def test_coordinates_off_the_earth_are_left_out_and_long_address_parts_cut():
    report = Report()
    values = {"latitude": Decimal(91), "longitude": Decimal(0)}
    state = location_state(values, "o1", {"postal_code": "6" * 30}, WHERE, "addr", report)
    assert (state["latitude"], state["longitude"]) == (None, None)
    assert state["postal_code"] == "6" * 20
    assert warnings(report) == [
        f"{WHERE}, field latitude: (91, 0) is not a place on Earth: left out.",
        "addr, field postal_code: is longer than 20 characters: cut.",
    ]


@pytest.mark.parametrize(
    ("present", "expected"),
    [((), ["name", "organization_id"]), (("address",), ["address_1", "name", "organization_id"])],
)
def test_a_location_changes_only_the_fields_its_source_gives(present, expected):
    tables = tables_with(present=present)
    values = {"id": "l1", "name": "Main site", "_keys": frozenset({"id", "name"})}
    state = {"organization_id": "o1", "name": "Main site", "address_1": "", "latitude": None}
    assert sorted(only_covered(tables, values, state)) == expected


def test_a_location_without_organization_or_service_is_left_out():
    report = Report()
    tables = tables_with(location=[{"id": "l1", "name": "Lost"}])
    related = Related(tables.rows)
    assert location_record(tables, "l1", tables.rows["location"]["l1"], related, {}, report) is None
    assert warnings(report) == [
        "location l1, field organization_id: no organization and no service: left out."
    ]


# Services, a group of fields at a time


def test_a_service_address_too_long_is_left_out():
    report = Report()
    labels = service_labels({"name": "Shelter", "url": "https://x.org/" + "a" * 200}, WHERE, report)
    assert labels["name"] == "Shelter"
    assert labels["alternate_name"] == ""
    assert labels["url"] == ""
    assert warnings(report) == [
        f"{WHERE}, field url: is longer than 200 characters, and an address cut short is a "
        "wrong one: left out."
    ]


def test_dates_become_iso_text():
    assert iso_date(date(2025, 3, 1)) == "2025-03-01"
    assert iso_date(None) is None


def test_intake_is_the_first_phone_and_the_first_contact_with_an_email():
    contacts = [{"name": "No email"}, {"email": "intake@example.org"}, {"email": "b@example.org"}]
    intake = service_intake([{"number": "312-555-0111"}], contacts, WHERE, Report())
    assert intake == {"intake_phone": "312-555-0111", "intake_email": "intake@example.org"}
    assert service_intake([], [], WHERE, Report()) == {"intake_phone": "", "intake_email": ""}


def test_hours_are_one_line_per_schedule_of_words_alone():
    schedules = [
        {"description": "Every night 7pm–8am"},
        {"freq": "WEEKLY", "description": "Call first"},
        # Days and times: a schedule of its own (Schedule), not a line of the hours text.
        {"byday": "MO,TU", "opens_at": time(9), "closes_at": time(17)},
        {},
    ]
    assert service_hours(schedules) == "Every night 7pm–8am\nCall first"


def test_plain_texts_come_in_as_they_are_and_missing_ones_empty():
    texts = service_texts({"description": "Beds for youth.", "email": None})
    assert texts["description"] == "Beds for youth."
    assert texts["email"] == texts["assurer_email"] == ""
    assert len(texts) == 12


@pytest.mark.django_db
def test_languages_are_our_codes_and_unknown_codes_become_new_languages():
    report = Report()
    rows = [
        {"id": "1", "code": "ES"},
        {"id": "2", "name": "English"},
        {"id": "3", "code": "ur", "name": "Urdu"},
        {"id": "4", "code": "not a code"},
    ]
    tables = tables_with(language=rows)
    plan = Plan()
    codes = service_languages(rows, LanguageResolver(plan), tables, report)
    assert codes == ["en", "es", "ur"]
    assert plan.new_languages == {"ur": "Urdu"}
    assert warnings(report) == [
        "language 4, field code: 'not a code' is not a language code: left out."
    ]


def test_areas_are_spelled_as_ours_and_counted_once():
    rows = [{"id": "1", "name": "cook county "}, {"id": "2", "name": "Cook County"}, {"id": "3"}]
    tables = tables_with(service_area=rows)
    assert service_areas(rows, {"cook county": "Cook County"}, tables, Report()) == ["Cook County"]


@pytest.mark.django_db
def test_categories_come_from_the_curators_term_mappings():
    category = Category.objects.get(slug="vacatur")
    TermMapping.objects.create(match_on="code", value="LEGAL-1", category=category)
    tables = tables_with(
        taxonomy_term=[
            {"id": "t1", "code": "legal-1", "name": "Vacatur"},
            {"id": "t2", "name": "X"},
        ]
    )
    attributes = {"s1": [{"taxonomy_term_id": "t1"}, {"taxonomy_term_id": "t2"}]}
    report = Report()
    found = service_categories("s1", attributes, tables, TermMapper(), report, "Night Shelter")
    assert found == [str(category.pk)]
    assert report.unmapped_terms == {"“X”": 1}


def test_a_service_links_once_to_each_location():
    links = [
        {"id": "k2", "location_id": "l2"},
        {"id": "k1", "location_id": "l1"},
        {"id": "k3", "location_id": "l1"},
    ]
    tables = tables_with(service_at_location=[dict(link) for link in links])
    report = Report()
    assert location_links(links, tables, report) == ["k1|l1", "k2|l2"]
    assert warnings(report) == [
        "service_at_location k3, field location_id: the service is already linked to this "
        "location: left out."
    ]


def test_a_service_without_phones_or_hours_takes_those_of_its_locations():
    tables = tables_with(
        phone=[
            {"id": "p1", "service_at_location_id": "k1", "number": "1"},
            {"id": "p2", "service_id": "s2", "number": "2"},
        ],
        schedule=[
            {"id": "h1", "service_id": "s1", "description": "Days"},
            {"id": "h2", "service_at_location_id": "k1", "description": "Nights"},
        ],
    )
    related = Related(tables.rows)
    assert [p["id"] for p in related.phones_of("s1", ["k1"])] == ["p1"]
    assert [p["id"] for p in related.phones_of("s2", ["k1"])] == ["p2"]
    assert [s["id"] for s in related.schedules_of("s1", ["k1"])] == ["h1", "h2"]


# Whole records


@pytest.mark.django_db
def test_a_service_record_gathers_its_fields_and_links_only_to_known_locations():
    ServiceArea.objects.create(name="Cook County", slug="cook-county")
    tables = tables_with(
        service=[
            service_row(minimum_age=Decimal(12), maximum_age=None, fees_description="Sliding scale")
        ],
        service_at_location=[
            {"id": "k1", "service_id": "s1", "location_id": "l1"},
            {"id": "k2", "service_id": "s1", "location_id": "nowhere"},
        ],
        service_area=[{"id": "a1", "service_id": "s1", "name": "cook county"}],
    )
    plan = Plan(locations={"l1": None})
    builder = ServiceBuilder(tables, plan, Related(tables.rows), TermMapper(), Report())
    record = builder.record("s1", tables.rows["service"]["s1"])
    assert record.where == "service s1"
    state = record.state
    assert (state["minimum_age"], state["maximum_age"]) == (12, None)
    assert state["cost"] == "sliding"
    assert state["locations"] == ["k1|l1"]
    assert state["areas"] == ["Cook County"]
    # The tables the package does not have leave those fields alone.
    assert "languages" not in state and "intake_phone" not in state
    assert "description" not in state


@pytest.mark.django_db
def test_a_service_with_impossible_ages_is_counted_invalid():
    tables = tables_with(
        organization=[{"id": "o1", "name": "Harbor House"}],
        service=[service_row(minimum_age=Decimal(30), maximum_age=Decimal(24))],
    )
    report = Report()
    plan = build(tables, report, TermMapper())
    assert plan.services == {}
    assert plan.invalid["service"] == 1
    assert [str(e) for e in report.errors] == [
        "service s1, field maximum_age: 24 is below the minimum age 30."
    ]
    assert plan.organizations["o1"].state["name"] == "Harbor House"


@pytest.mark.django_db
def test_a_location_takes_the_organization_of_a_service_in_the_package():
    tables = tables_with(
        service=[service_row()],
        location=[{"id": "l1", "name": "Main site"}],
        service_at_location=[{"id": "k1", "service_id": "s1", "location_id": "l1"}],
    )
    plan = build(tables, Report(), TermMapper())
    assert plan.locations["l1"].state["organization_id"] == "o1"
    assert plan.services["s1"].state["locations"] == ["k1|l1"]
