"""Write our published directory as HSDS 3.0 (or 3.1, asked for): a tabular data package
plus services.json.

3.1 adds to the same records a service's capacities (with their units) and its
additional_urls (its referral form, and those an import kept as given); an organization's
additional_websites are those an import kept. 3.1's url, unit and service_capacity tables are
written with 3.1's descriptor; a 3.0 export is as it always was.

The package is the official datapackage.json and one CSV per resource (a header alone
where we have no rows), made by flattening the same full service records that
services.json and the API give, so the three always agree. Published services only, of
any status, with their organizations, locations and categories; confidential locations
without address or coordinates. last_modified is left out: it is when our copy changed,
which an import elsewhere cannot keep, and without it an export is the same every time.
A text cell that a spreadsheet would run as a formula is written with a quote before it
(hsds/cells.py); our import takes it off.
"""

import csv
import io
import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db.models import Prefetch

from directory.models import Category, Service, ServiceAtLocation
from hsds import source_terms, store
from hsds.capacity import REFERRAL_FORM_LABEL, capacity_records
from hsds.cells import neutralise
from hsds.models import SourceAttribute
from hsds.reader import flatten_services
from hsds.report import Report
from hsds.schema import EXPORT_VERSION, datapackage_path, resources
from hsds.serializers import derived_id, service_record
from hsds.store import PACKAGE_LEVEL, package_records

JSON_NAME = "services.json"


def services_for_hsds():
    """The services the HSDS API and export give whoever may ask (published, of any
    status), with everything a full record shows, in a fixed order."""
    return (
        Service.objects.visible_to(None)
        .select_related("organization")
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.select_related("parent")),
            "languages",
            "areas",
            "remedies",
            "populations",
            Prefetch("source_attributes", queryset=SourceAttribute.objects.select_related("term")),
            "court_areas",
            "schedules",
            "contacts",
            "phones",
            "source_records",
            "organization__source_records",
            Prefetch(
                "serviceatlocation_set",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "location__schedules", "location__source_records"
                ),
            ),
        )
        .order_by("name", "id")
    )


def service_records(version=EXPORT_VERSION):
    services = services_for_hsds()
    if version == EXPORT_VERSION:
        return [service_record(s, modified=False) for s in services.iterator(500)]
    services = services.prefetch_related("capacities")
    return [with_hsds_31(service_record(s, modified=False), s) for s in services.iterator(500)]


def with_hsds_31(record, service):
    """A full service record with what HSDS 3.1 adds: its capacities, its referral form."""
    extra = {"capacities": capacity_records(service)}
    extra["additional_urls"] = store.stored(service, store.SERVICE_URL)
    if service.referral_form_url:
        extra["additional_urls"].insert(
            0,
            {
                "id": derived_id(service.id, "referral-form"),
                "label": REFERRAL_FORM_LABEL,
                "url": service.referral_form_url,
            },
        )
    websites = store.stored(service.organization, store.ORGANIZATION_URL)
    if websites and "organization" in record:
        record["organization"]["additional_websites"] = websites
    labels = source_terms.labels(service)
    for attribute in record.get("attributes", []):
        if attribute["id"] in labels:
            attribute["label"] = labels[attribute["id"]]
    # In HSDS's order: capacities before the attributes.
    ordered = {}
    for key, value in record.items():
        if key == "attributes":
            ordered.update({k: v for k, v in extra.items() if v})
        ordered[key] = value
    ordered.update({k: v for k, v in extra.items() if v and k not in ordered})
    return ordered


def cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    if isinstance(value, (Decimal, int, date)):
        return str(value)
    return str(value)


def csv_cell(value, spec):
    """A cell of a CSV: a number as it is, text safe from formula injection."""
    text = cell(value)
    return text if spec.type == "number" else neutralise(text)


def tables(records, version=EXPORT_VERSION):
    """Resource name -> list of row dicts, flattened from the service records."""
    rows = flatten_services(records, JSON_NAME, Report())
    result = {name: [] for name in resources(version)}
    for row in rows:
        if row.resource in result:
            result[row.resource].append(row.values)
    # What the imported packages said of themselves, which no service nests.
    for name in PACKAGE_LEVEL:
        result[name] += package_records(name)
    return result


def write_files(records, write, version=EXPORT_VERSION):
    """Call write(name, bytes) for datapackage.json, each CSV and services.json."""
    path = datapackage_path(version)
    write("datapackage.json", path.read_bytes())
    write("NOTICE.md", path.with_name("NOTICE.md").read_bytes())
    for name, rows in tables(records, version).items():
        resource = resources(version)[name]
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(resource.field_names)
        for values in rows:
            writer.writerow(
                [csv_cell(values.get(name), spec) for name, spec in resource.fields.items()]
            )
        write(resource.path, buffer.getvalue().encode("utf-8"))
    text = json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    write(JSON_NAME, text.encode("utf-8"))


def export_to_folder(folder, version=EXPORT_VERSION):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    records = service_records(version)
    write_files(records, lambda name, data: (folder / name).write_bytes(data), version)
    return len(records)


def export_to_zip(stream, folder_name="hsds", version=EXPORT_VERSION):
    """Write the export as a .zip (every file inside folder_name/) to a binary stream."""
    records = service_records(version)
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        write_files(
            records,
            lambda name, data: archive.writestr(f"{folder_name}/{name}", data),
            version,
        )
    return len(records)
