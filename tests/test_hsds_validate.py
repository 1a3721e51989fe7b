"""hsds/validate.py on its own: each check on one value, and how references are resolved.

Each test reads a small package with hsds.reader.open_source and checks it with validate(),
as the importer does, without writing anything.
"""

import json
import uuid
from datetime import date
from decimal import Decimal

import pytest

from directory.models import Location, Organization
from hsds.importer import known_ids as database_ids
from hsds.reader import open_source
from hsds.report import Report
from hsds.schema import resources
from hsds.validate import reference_order, validate
from tests.hsds_helpers import LOCATION_ID, ORG_ID, SERVICE_ID, small_package, write_package

OTHER_SERVICE_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0012"
PHONE_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0013"
PROGRAM_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0015"
ROW = "services.csv, row 2, field"


def check(tmp_path, package, known_ids=None):
    """(tables, report) of a tabular package given as {resource: [row dicts]}."""
    report = Report()
    source = open_source(write_package(tmp_path / "package", package))
    tables = validate(source, report, known_ids=known_ids)
    return tables, report


def check_json(tmp_path, data, known_ids=None):
    """(tables, report) of an HSDS JSON file holding `data`."""
    path = tmp_path / "services.json"
    # json.dumps writes a float NaN or infinity as NaN or Infinity, as some exporters do.
    path.write_text(json.dumps(data))
    report = Report()
    tables = validate(open_source(path), report, known_ids=known_ids)
    return tables, report


def tabular_json(**service):
    """The tabular JSON form of the small package, its service patched, values typed."""
    package = small_package()
    return {
        "organizations.csv": package["organization"],
        "services.csv": [{**package["service"][0], **service}],
    }


def problems(found):
    return [str(problem) for problem in found]


def service(tables, service_id=SERVICE_ID):
    return tables.get("service", service_id)


# -- Required values ------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["   ", "\t", " \r\n "])
def test_a_required_value_of_only_whitespace_is_missing(tmp_path, blank):
    tables, report = check(tmp_path, small_package(name=blank))

    assert problems(report.errors)[0] == f"{ROW} name: a value is required."
    assert service(tables) is None


def test_an_optional_value_of_only_whitespace_is_empty(tmp_path):
    tables, report = check(tmp_path, small_package(minimum_age="  ", assured_date="\t"))

    assert problems(report.errors) == []
    assert service(tables)["minimum_age"] is None
    assert service(tables)["assured_date"] is None


# -- Booleans: HSDS 3.0 has no boolean field, so a JSON true or false is an error ------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", True, "should be a single string value, not bool."),
        ("email", False, "should be a single string value, not bool."),
        ("minimum_age", True, "should be a single number value, not bool."),
        ("minimum_age", False, "should be a single number value, not bool."),
    ],
)
def test_a_json_boolean_is_an_error_not_a_value_or_an_empty_one(tmp_path, field, value, message):
    tables, report = check_json(tmp_path, tabular_json(**{field: value}))

    assert problems(report.errors) == [f"services.json services.csv[0], field {field}: {message}"]
    assert service(tables) is None


def test_the_words_true_and_false_are_text_and_zero_is_a_number(tmp_path):
    tables, report = check_json(
        tmp_path, tabular_json(name="true", description="false", minimum_age=0)
    )

    assert problems(report.errors) == []
    assert (service(tables)["name"], service(tables)["description"]) == ("true", "false")
    assert service(tables)["minimum_age"] == 0


# -- Numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf", "-inf"])
def test_nan_and_infinities_are_not_numbers(tmp_path, text):
    tables, report = check(tmp_path, small_package(minimum_age=text))

    assert problems(report.errors)[0] == f"{ROW} minimum_age: {text!r} is not a number."
    assert service(tables) is None


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_json_nan_and_infinities_are_not_numbers(tmp_path, value):
    tables, report = check_json(tmp_path, tabular_json(minimum_age=value))

    assert problems(report.errors) == [
        f"services.json services.csv[0], field minimum_age: {value!r} is not a number."
    ]
    assert service(tables) is None


def test_a_number_is_kept_exactly(tmp_path):
    tables, report = check(tmp_path, small_package(minimum_age=" 12.50 "))

    assert problems(report.errors) == []
    assert service(tables)["minimum_age"] == Decimal("12.50")


# -- Dates and times ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["20240101", "2024-1-5", "01/05/2024", "2024-01-05T10:00"])
def test_a_date_must_be_written_yyyy_mm_dd(tmp_path, text):
    tables, report = check(tmp_path, small_package(assured_date=text))

    assert problems(report.errors)[0] == (
        f"{ROW} assured_date: {text!r} is not a date in the form YYYY-MM-DD."
    )
    assert service(tables) is None


@pytest.mark.parametrize("text", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10"])
def test_a_date_that_does_not_exist_is_an_error(tmp_path, text):
    tables, report = check(tmp_path, small_package(assured_date=text))

    assert problems(report.errors)[0] == f"{ROW} assured_date: {text!r} is not a valid date."


def test_a_valid_date_is_read(tmp_path):
    tables, report = check(tmp_path, small_package(assured_date="2024-02-29"))

    assert problems(report.errors) == []
    assert service(tables)["assured_date"] == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    ["yesterday", "2024-13-01T00:00:00", "2024-01-01T25:00:00", "2024-02-30T10:00:00", "10:00"],
)
def test_a_malformed_date_and_time_is_an_error(tmp_path, text):
    tables, report = check(tmp_path, small_package(last_modified=text))

    assert problems(report.errors)[0] == (
        f"{ROW} last_modified: {text!r} is not a date and time (ISO 8601)."
    )
    assert service(tables) is None


def test_a_date_and_time_with_a_zone_is_valid(tmp_path):
    tables, report = check(tmp_path, small_package(last_modified="2024-01-05T09:30:00Z"))

    assert problems(report.errors) == []
    assert service(tables) is not None


# -- Email and web addresses: a warning, and the value is left out ---------------------


@pytest.mark.parametrize(
    "text", ["not-an-email", "a@b", "two@@example.org", "name@example", "name @example.org"]
)
def test_a_malformed_email_is_left_out_with_a_warning(tmp_path, text):
    tables, report = check(tmp_path, small_package(email=text))

    assert problems(report.errors) == []
    assert problems(report.warnings) == [
        f"{ROW} email: {text!r} is not an email address: left out."
    ]
    assert service(tables)["email"] is None  # the rest of the service is kept
    assert service(tables)["name"] == "Night Shelter"


def test_a_malformed_web_address_is_left_out_with_a_warning(tmp_path):
    tables, report = check(tmp_path, small_package(url="harbor house"))

    assert problems(report.warnings) == [
        f"{ROW} url: 'harbor house' is not a web address: left out."
    ]
    assert service(tables)["url"] is None


def test_an_email_with_spaces_around_it_is_kept_without_them(tmp_path):
    tables, report = check(tmp_path, small_package(email="  intake@example.org "))

    assert problems(report.warnings) == []
    assert service(tables)["email"] == "intake@example.org"


def test_an_organization_uri_that_is_no_web_address_is_left_out(tmp_path):
    package = small_package()
    package["organization"][0]["uri"] = "not a web address"

    tables, report = check(tmp_path, package)

    assert problems(report.errors + report.warnings) == [
        "organizations.csv, row 2, field uri: 'not a web address' is not a web address: left out."
    ]


# -- Nested JSON ----------------------------------------------------------------------


def nested_service(**fields):
    return {"id": SERVICE_ID, "name": "Night Shelter", "status": "active", **fields}


def test_a_nested_service_must_still_name_its_organization(tmp_path):
    tables, report = check_json(tmp_path, [nested_service()])

    assert problems(report.errors) == [
        "services.json [0], field organization_id: a value is required."
    ]
    assert service(tables) is None


def test_records_nested_in_a_service_need_no_link_of_their_own(tmp_path):
    organization = {"id": ORG_ID, "name": "Harbor House", "description": "Shelter."}
    # As in the official examples: the service's program names no organization_id, its
    # phone no service_id. Where they sit says which they belong to.
    program = {"id": PROGRAM_ID, "name": "Shelter program", "description": "Beds."}
    data = [
        nested_service(
            organization=organization,
            program=program,
            phones=[{"id": PHONE_ID, "number": "555"}],
        )
    ]

    tables, report = check_json(tmp_path, data)

    assert problems(report.errors) == []
    assert service(tables)["organization_id"] == ORG_ID
    assert service(tables)["program_id"] == PROGRAM_ID
    assert tables.get("phone", PHONE_ID)["service_id"] == SERVICE_ID


# -- References -----------------------------------------------------------------------


def without_organization(package):
    """The package with no organization row: its service points to one it does not hold."""
    return {name: rows for name, rows in package.items() if name != "organization"}


@pytest.mark.django_db
def test_a_reference_to_a_record_in_the_database_is_valid(tmp_path):
    organization = Organization.objects.create(id=uuid.UUID(ORG_ID), name="Harbor House")
    Location.objects.create(id=uuid.UUID(LOCATION_ID), organization=organization, city="Riverton")
    package = without_organization(small_package())
    del package["location"]
    del package["address"]
    package["phone"] = [{"id": PHONE_ID, "location_id": LOCATION_ID, "number": "555"}]

    tables, report = check(tmp_path, package, known_ids=database_ids)

    assert problems(report.errors + report.warnings) == []
    assert service(tables)["organization_id"] == ORG_ID
    assert tables.get("phone", PHONE_ID)["location_id"] == LOCATION_ID  # kept


@pytest.mark.django_db
def test_a_reference_to_a_record_in_neither_the_package_nor_the_database_is_an_error(tmp_path):
    Organization.objects.create(name="Another organization")

    tables, report = check(tmp_path, without_organization(small_package()), database_ids)

    assert problems(report.errors)[0] == (
        f"{ROW} organization_id: points to organization {ORG_ID}, which is not in the package."
    )
    assert service(tables) is None


def test_references_are_checked_after_what_they_point_to(tmp_path):
    """A record whose reference fails is dropped before the records that point to it are
    checked, so they are reported too, after it, in the order of the package."""
    package = without_organization(small_package())
    first = package["service"][0]
    package["service"].append(dict(first, id=OTHER_SERVICE_ID, name="Day Center"))
    link = package["service_at_location"][0]
    package["service_at_location"].append(
        dict(link, id="0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0014", service_id=OTHER_SERVICE_ID)
    )
    package["phone"] = [{"id": PHONE_ID, "service_id": SERVICE_ID, "number": "555"}]

    tables, report = check(tmp_path, package)

    missing = f"points to organization {ORG_ID}, which is not in the package."
    assert problems(report.errors) == [
        f"services.csv, row 2, field organization_id: {missing}",
        f"services.csv, row 3, field organization_id: {missing}",
        "service_at_location.csv, row 2, field service_id: "
        f"points to service {SERVICE_ID}, which has errors (see above).",
        "service_at_location.csv, row 3, field service_id: "
        f"points to service {OTHER_SERVICE_ID}, which has errors (see above).",
    ]
    assert problems(report.warnings) == [
        f"locations.csv, row 2, field organization_id: points to organization {ORG_ID}, "
        "which is not in the package: link left out.",
        f"phones.csv, row 2, field service_id: points to service {SERVICE_ID}, which has "
        "errors (see above): link left out.",
    ]
    assert tables.rows["service_at_location"] == {}
    assert tables.get("phone", PHONE_ID)["service_id"] is None
    # The same package gives the same report, in the same order.
    assert problems(check(tmp_path / "again", package)[1].errors) == problems(report.errors)


def test_every_resource_is_checked_after_those_it_points_to():
    order = reference_order()

    assert sorted(order) == sorted(resources())
    for name, resource in resources().items():
        for target in resource.foreign_keys.values():
            assert order.index(target) < order.index(name), f"{name} -> {target}"
