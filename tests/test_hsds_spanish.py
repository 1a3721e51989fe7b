"""A record's Spanish text travels in HSDS as attributes under the Off-Ramps Spanish text
taxonomy (hsds/mapping.py), and comes back in on import."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Organization, Service
from hsds.mapping import SPANISH_TAXONOMY_NAME
from tests.hsds_helpers import make_directory
from tests.test_hsds_export import export, wipe_directory

pytestmark = pytest.mark.django_db


def test_the_export_carries_the_spanish_text_as_attributes(tmp_path):
    make_directory()
    records = json.loads((export(tmp_path) / "services.json").read_text())
    shelter = next(record for record in records if record["name"] == "Safe Night Shelter")

    spanish = {
        attribute["taxonomy_term"]["code"]: attribute["value"]
        for attribute in shelter["attributes"]
        if attribute["taxonomy_term"]["taxonomy"] == SPANISH_TAXONOMY_NAME
    }
    assert spanish == {
        "name_es": "Refugio Noche Segura",
        "description_es": "Un lugar seguro para dormir.",
        "application_process_es": "Llama a la línea de admisión.",
    }
    # Their terms say the text is Spanish (the disclosure facts' values are English).
    assert {
        a["taxonomy_term"]["language"]
        for a in shelter["attributes"]
        if a["taxonomy_term"]["taxonomy"] == SPANISH_TAXONOMY_NAME
    } == {"es"}
    organization = shelter["organization"]["attributes"]
    assert [(a["taxonomy_term"]["code"], a["value"]) for a in organization] == [
        ("description_es", "Centro de acogida sin cita.")
    ]


@pytest.mark.parametrize("via", ["package", "json"])
def test_the_import_reads_the_spanish_text_back(tmp_path, via):
    make_directory()
    folder = export(tmp_path)
    wipe_directory()
    source = folder if via == "package" else folder / "services.json"
    out = StringIO()
    call_command("import_hsds", str(source), stdout=out, verbosity=0)

    shelter = Service.objects.get(name="Safe Night Shelter")
    assert shelter.name_es == "Refugio Noche Segura"
    assert shelter.description_es == "Un lugar seguro para dormir."
    assert shelter.application_process_es == "Llama a la línea de admisión."
    assert shelter.eligibility_description_es == ""
    assert "dormir" in shelter.search_text
    harbor = Organization.objects.get(name="Harbor Youth Services")
    assert harbor.description_es == "Centro de acogida sin cita."
    # The Spanish text's terms are not categories: none reported as unmapped.
    assert "Spanish" not in out.getvalue()


def test_a_newer_package_without_the_spanish_text_empties_it(tmp_path):
    make_directory()
    folder = export(tmp_path)
    wipe_directory()
    call_command("import_hsds", str(folder / "services.json"), stdout=StringIO(), verbosity=0)
    records = json.loads((folder / "services.json").read_text())
    for record in records:
        record["attributes"] = [a for a in record.get("attributes", []) if "value" not in a]
    (folder / "services.json").write_text(json.dumps(records))

    call_command("import_hsds", str(folder / "services.json"), stdout=StringIO(), verbosity=0)

    assert Service.objects.get(name="Safe Night Shelter").description_es == ""
