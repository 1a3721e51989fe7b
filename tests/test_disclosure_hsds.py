"""Disclosure facts in HSDS: exported as attributes under the published "Off-Ramps
disclosure" taxonomy, read back by the import, and the language check's flags in the
import report."""

import csv
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import FACTS, Organization, Service, ServiceArea
from hsds import disclosure
from hsds.models import ImportedRecord
from tests.factories import make_service
from tests.hsds_helpers import SERVICE_ID, small_package, write_package

pytestmark = pytest.mark.django_db

FACTS_GIVEN = {
    "involves_law_enforcement": "no",
    "notifies_guardian": "only_when",
    "notifies_guardian_note": "within 72 hours: as state law requires",
    "requires_id": "yes",
    "confidential_intake": "yes",
    "disclosure_confirmed": date(2026, 2, 3),
}


def export(folder):
    call_command("export_hsds", str(folder), stdout=StringIO())
    return folder


def run(path, *args):
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def facts_of(service):
    return {name: getattr(service, name) for name in disclosure.STATE_FIELDS}


def test_the_export_publishes_the_taxonomy_and_an_attribute_per_fact(tmp_path):
    make_service("Shelter", categories=["emergency-shelter"], **FACTS_GIVEN)
    folder = export(tmp_path)

    taxonomies = list(csv.DictReader((folder / "taxonomies.csv").open()))
    assert {t["name"] for t in taxonomies} == {"Off-Ramps categories", "Off-Ramps disclosure"}
    terms = {t["code"] for t in csv.DictReader((folder / "taxonomy_terms.csv").open())}
    assert {fact.field for fact in FACTS} | {"disclosure_confirmed"} <= terms
    values = {
        row["taxonomy_term_id"]: row["value"]
        for row in csv.DictReader((folder / "attributes.csv").open())
    }
    assert values[disclosure.term_id("involves_law_enforcement")] == "no"
    assert values[disclosure.term_id("notifies_guardian")] == (
        "only_when: within 72 hours: as state law requires"
    )
    assert values[disclosure.term_id("reports_to_cps")] == "unknown"
    assert values[disclosure.term_id("disclosure_confirmed")] == "2026-02-03"


@pytest.mark.parametrize("via", ["package", "json"])
def test_the_round_trip_keeps_every_fact(tmp_path, via):
    service = make_service("Shelter", categories=["emergency-shelter"], **FACTS_GIVEN)
    before = facts_of(service)
    first = export(tmp_path / "first")
    Service.objects.all().delete()
    Organization.objects.all().delete()
    ServiceArea.objects.all().delete()
    ImportedRecord.objects.all().delete()

    source = first if via == "package" else first / "services.json"
    report = run(source)

    assert report.splitlines()[-1] == "Written."
    assert "map to no category" not in report  # the facts are not taken for categories
    assert facts_of(Service.objects.get()) == before
    second = export(tmp_path / "second")
    assert (first / "attributes.csv").read_bytes() == (second / "attributes.csv").read_bytes()


def disclosure_rows(**values):
    """The taxonomy, its terms and one service's attributes, as tabular rows."""
    taxonomy = {**disclosure.TAXONOMY}
    terms, attributes = [], []
    for number, (code, value) in enumerate(values.items()):
        term = disclosure.term_record(code, code)
        term.pop("taxonomy_detail")
        terms.append({**term, "taxonomy_id": disclosure.TAXONOMY_ID})
        attributes.append(
            {
                "id": f"0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c01{number:02d}",
                "link_id": SERVICE_ID,
                "link_entity": "service",
                "link_type": "disclosure",
                "taxonomy_term_id": term["id"],
                "value": value,
            }
        )
    return {"taxonomy": [taxonomy], "taxonomy_term": terms, "attribute": attributes}


def test_a_package_without_the_taxonomy_leaves_the_facts_alone(tmp_path):
    service = make_service("Night Shelter", involves_law_enforcement="no")
    package = small_package(id=str(service.pk))
    package["organization"][0]["id"] = str(service.organization_id)
    package["service"][0]["organization_id"] = str(service.organization_id)
    package["location"][0]["organization_id"] = str(service.organization_id)
    package["service_at_location"][0]["service_id"] = str(service.pk)

    run(write_package(tmp_path / "p", package), "--overwrite")

    assert Service.objects.get(pk=service.pk).involves_law_enforcement == "no"


def test_a_bad_answer_is_a_warning_and_stays_unknown_and_a_long_note_is_cut(tmp_path):
    note = "n" * 301
    package = {
        **small_package(),
        **disclosure_rows(
            involves_law_enforcement="never ever",
            notifies_guardian=f"only_when: {note}",
            requires_id="no",
        ),
    }

    report = run(write_package(tmp_path / "p", package))

    assert "'never ever' is not yes, no, only_when or unknown" in report
    assert "attributes.csv, row 3, field value: is longer than 300 characters: cut." in report
    service = Service.objects.get(pk=SERVICE_ID)
    assert service.involves_law_enforcement == "unknown"
    assert (service.notifies_guardian, service.notifies_guardian_note) == ("only_when", note[:300])
    assert service.requires_id == "no"
    assert service.reports_to_cps == "unknown"  # not given: unknown


def test_the_import_report_lists_a_planted_stigmatizing_term(tmp_path):
    package = small_package(description="Beds for any child prostitute who needs one.")

    dry_run = run(write_package(tmp_path / "p", package), "--dry-run")

    assert "Survivor-informed language" in dry_run
    assert "description: “child prostitute”; try “child who has been trafficked" in dry_run
    # A suggestion, never an error: the import goes ahead.
    assert run(tmp_path / "p").splitlines()[-1] == "Written."


def test_the_admin_report_shows_the_language_flags(tmp_path, superuser_client):
    from hsds.report import Report

    report = Report(source="x.zip")
    report.language.append(
        {"kind": "service", "id": SERVICE_ID, "name": "Shelter", "flags": ["description: x"]}
    )
    text = report.as_text()
    assert f"service “Shelter” ({SERVICE_ID}): description: x" in text
    assert json.loads(json.dumps(report.to_dict()))["language"][0]["name"] == "Shelter"
    assert Report.from_dict(report.to_dict()).language_lines()[0].text.startswith("service")
