"""Legal remedies and court counties in HSDS: exported as attributes under the published
"Off-Ramps legal relief" taxonomy, read back by the import, valid against the official
package."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Organization, Service, ServiceArea
from hsds import legal
from hsds.models import ImportedRecord
from tests.factories import area, make_service
from tests.hsds_helpers import SERVICE_ID, small_package, write_package
from tests.vendored import hsds_datapackage

pytestmark = pytest.mark.django_db


def export(folder):
    call_command("export_hsds", str(folder), stdout=StringIO())
    return folder


def run(path, *args):
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def legal_service(name="Record Clearing Clinic", remedies=("vacatur", "t-visa"), courts=()):
    service = make_service(name, categories=["vacatur"])
    service.remedies.set(Service.remedies.field.related_model.objects.filter(slug__in=remedies))
    service.court_areas.set([area(slug) for slug in courts])
    return service


def relief_of(service):
    return (
        sorted(service.remedies.values_list("slug", flat=True)),
        sorted(service.court_areas.values_list("name", flat=True)),
    )


def test_the_export_publishes_the_taxonomy_and_an_attribute_per_remedy_and_county(tmp_path):
    legal_service(courts=["alder-county", "birch-county"])
    folder = export(tmp_path)

    taxonomies = {t["name"] for t in csv.DictReader((folder / "taxonomies.csv").open())}
    assert "Off-Ramps legal relief" in taxonomies
    terms = {t["code"]: t for t in csv.DictReader((folder / "taxonomy_terms.csv").open())}
    assert terms["remedy/vacatur"]["taxonomy_id"] == legal.TAXONOMY_ID
    assert terms["court_area"]["taxonomy_id"] == legal.TAXONOMY_ID
    rows = list(csv.DictReader((folder / "attributes.csv").open()))
    remedies = {r["taxonomy_term_id"] for r in rows if r["link_type"] == "legal_remedy"}
    assert remedies == {legal.term_id("remedy/vacatur"), legal.term_id("remedy/t-visa")}
    courts = sorted(r["value"] for r in rows if r["link_type"] == "court_area")
    assert courts == ["Alder County", "Birch County"]


def test_the_export_with_legal_relief_still_validates_against_the_official_datapackage(
    tmp_path,
):
    from frictionless import Package

    legal_service(courts=["alder-county"])
    export(tmp_path)
    report = Package(hsds_datapackage(), basepath=str(tmp_path)).validate()
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, errors


@pytest.mark.parametrize("via", ["package", "json"])
def test_the_round_trip_keeps_remedies_and_court_counties(tmp_path, via):
    service = legal_service(courts=["alder-county", "birch-county"])
    before = relief_of(service)
    first = export(tmp_path / "first")
    Service.objects.all().delete()
    Organization.objects.all().delete()
    ServiceArea.objects.all().delete()
    ImportedRecord.objects.all().delete()

    report = run(first if via == "package" else first / "services.json")

    assert report.splitlines()[-1] == "Written."
    assert "map to no category" not in report  # remedies are not taken for categories
    assert relief_of(Service.objects.get()) == before
    second = export(tmp_path / "second")
    assert (first / "attributes.csv").read_bytes() == (second / "attributes.csv").read_bytes()


def legal_rows(*attributes):
    """The legal relief taxonomy, its terms and one service's attributes, as rows:
    attributes are (term code, value)."""
    terms, rows = {}, []
    for number, (code, value) in enumerate(attributes):
        term = legal.term_record(code, code)
        term.pop("taxonomy_detail")
        terms[code] = {**term, "taxonomy_id": legal.TAXONOMY_ID}
        rows.append(
            {
                "id": f"0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c02{number:02d}",
                "link_id": SERVICE_ID,
                "link_entity": "service",
                "link_type": "legal",
                "taxonomy_term_id": term["id"],
                "value": value,
            }
        )
    return {"taxonomy": [legal.TAXONOMY], "taxonomy_term": list(terms.values()), "attribute": rows}


def test_an_unknown_remedy_and_a_nameless_county_are_warnings_and_left_out(tmp_path):
    package = {
        **small_package(),
        **legal_rows(
            ("remedy/vacatur", ""),
            ("remedy/time-travel", ""),
            ("court_area", "  dune county "),
            ("court_area", ""),
        ),
    }

    report = run(write_package(tmp_path / "p", package))

    assert "'remedy/time-travel' is not a legal remedy in the directory: left out." in report
    assert "no county named: left out." in report
    assert report.splitlines()[-1] == "Written."
    service = Service.objects.get(pk=SERVICE_ID)
    assert relief_of(service) == (["vacatur"], ["dune county"])


def test_a_county_is_spelt_as_the_area_the_directory_has(tmp_path):
    area("alder-county")
    package = {**small_package(), **legal_rows(("court_area", "ALDER COUNTY"))}

    run(write_package(tmp_path / "p", package))

    assert relief_of(Service.objects.get(pk=SERVICE_ID))[1] == ["Alder County"]
    assert ServiceArea.objects.filter(name__iexact="alder county").count() == 1


def test_a_package_without_the_taxonomy_leaves_remedies_and_courts_alone(tmp_path):
    service = legal_service(courts=["alder-county"])
    package = small_package(id=str(service.pk), name=service.name)
    package["organization"][0]["id"] = str(service.organization_id)
    package["service"][0]["organization_id"] = str(service.organization_id)
    package["location"][0]["organization_id"] = str(service.organization_id)
    package["service_at_location"][0]["service_id"] = str(service.pk)

    run(write_package(tmp_path / "p", package), "--overwrite")

    assert relief_of(Service.objects.get(pk=service.pk)) == (
        ["t-visa", "vacatur"],
        ["Alder County"],
    )


def test_a_package_with_the_taxonomy_replaces_them(tmp_path):
    service = legal_service(courts=["alder-county"])
    first = export(tmp_path / "first")  # the service as it is; then the package says less
    rows = list(csv.DictReader((first / "attributes.csv").open()))
    kept = [r for r in rows if r["taxonomy_term_id"] != legal.term_id("remedy/t-visa")]
    with (first / "attributes.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(kept)

    run(first, "--overwrite")

    assert relief_of(Service.objects.get(pk=service.pk)) == (["vacatur"], ["Alder County"])
