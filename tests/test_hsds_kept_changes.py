"""A re-import that changes only what the directory keeps as given (a required document, a
location's accessibility, a service at a location's description: hsds/store.py) is a
change like any other: the dry run counts the record as updated, the import writes a
history entry, and the same package again changes nothing. Never of a confidential
location: what the source says of it is not compared."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Location, Service
from hsds.models import SourceRecord
from tests import test_hsds_store as store_package
from tests.vendored import HSDS_EXAMPLES

pytestmark = pytest.mark.django_db

OFFICIAL = json.loads((HSDS_EXAMPLES / "service_full.json").read_text(encoding="utf-8"))
NEW_DOCUMENT = "A letter from your school or shelter is enough"


def run(path, *args):
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def official(document=None):
    data = json.loads(json.dumps(OFFICIAL))
    if document is not None:
        data["required_documents"][0]["document"] = document
    return data


def versions(service_id):
    return Service.history.filter(id=service_id).count()


def documents():
    return list(
        SourceRecord.objects.filter(table="required_document").values_list(
            "values__document", flat=True
        )
    )


def test_a_changed_required_document_is_an_update_with_a_history_entry(tmp_path):
    run(write(tmp_path, "first.json", official()))
    service_id = OFFICIAL["id"]
    before = versions(service_id)
    changed = write(tmp_path, "second.json", official(NEW_DOCUMENT))

    dry = run(changed, "--dry-run")
    assert "services               0        1          0        0" in dry
    assert versions(service_id) == before
    assert NEW_DOCUMENT not in documents()

    output = run(changed)
    assert "services               0        1          0        0" in output
    assert versions(service_id) == before + 1
    assert documents() == [NEW_DOCUMENT]

    # The same package again: nothing changed, no new version.
    again = run(write(tmp_path, "third.json", official(NEW_DOCUMENT)))
    assert "services               0        0          1        0" in again
    assert "locations              0        0          1        0" in again
    assert "organizations          0        0          1        0" in again
    assert versions(service_id) == before + 1


def test_a_changed_accessibility_note_updates_its_location(tmp_path):
    store_package.import_package(tmp_path)
    data = store_package.package()
    public = data["service_at_locations"][0]["location"]
    public["accessibility"][0]["description"] = "Lift to every floor"
    path = write(tmp_path, "changed.json", data)

    output = run(path)
    assert "locations              0        1          1        0" in output
    assert "services               0        0          1        0" in output
    assert Location.history.filter(id=store_package.PUBLIC).count() == 2


def test_a_changed_service_at_location_description_updates_its_service(tmp_path):
    store_package.import_package(tmp_path)
    data = store_package.package()
    data["service_at_locations"][0]["description"] = "Youth drop-in on the third floor"

    output = run(write(tmp_path, "changed.json", data))
    assert "services               0        1          0        0" in output
    assert Service.history.filter(id=store_package.SERVICE).count() == 2


def test_what_a_package_says_of_a_confidential_location_is_not_compared(tmp_path):
    store_package.import_package(tmp_path)  # the safe house is confidential from here on
    data = store_package.package()
    hidden = data["service_at_locations"][1]
    hidden["description"] = "Knock twice at the back door on Elm Street"
    hidden["location"]["accessibility"][0]["description"] = "Ramp at the Elm Street gate"

    output = run(write(tmp_path, "changed.json", data), "--dry-run")
    # Counted unchanged: an update would confirm the package's guess differs from ours.
    assert "services               0        0          1        0" in output
    assert "locations              0        0          2        0" in output
    assert "Elm Street" not in output
