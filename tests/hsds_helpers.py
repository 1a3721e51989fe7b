"""Shared by the HSDS tests: small package builders and a directory to export."""

import csv
import json
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from directory.models import Schedule, Service
from hsds.schema import resources
from tests.factories import make_location, make_organization, make_service

ORG_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0001"
SERVICE_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0002"
LOCATION_ID = "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0003"


def write_package(folder, tables, datapackage=True):
    """Write {resource name: [row dicts]} as a tabular package; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if datapackage:
        (folder / "datapackage.json").write_text(json.dumps({"name": "test", "resources": []}))
    for name, rows in tables.items():
        fields = resources()[name].field_names
        with (folder / resources()[name].path).open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
    return folder


def small_package(**changes):
    """One organization with one service at one location; keyword args patch the service."""
    service = {
        "id": SERVICE_ID,
        "organization_id": ORG_ID,
        "name": "Night Shelter",
        "description": "Beds for youth.",
        "status": "active",
        "minimum_age": "12",
        "maximum_age": "24",
        **changes,
    }
    return {
        "organization": [{"id": ORG_ID, "name": "Harbor House", "description": "Shelter."}],
        "service": [service],
        "location": [
            {
                "id": LOCATION_ID,
                "location_type": "physical",
                "organization_id": ORG_ID,
                "name": "Main site",
            }
        ],
        "address": [
            {
                "id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0004",
                "location_id": LOCATION_ID,
                "address_1": "1 Main St",
                "city": "Riverton",
                "state_province": "IL",
                "postal_code": "60000",
                "country": "US",
                "address_type": "physical",
            }
        ],
        "service_at_location": [
            {
                "id": "0c6c7c2e-1a1a-4c1d-9d55-1d0b7b0c0005",
                "service_id": SERVICE_ID,
                "location_id": LOCATION_ID,
            }
        ],
    }


SECRET_STREET = "77 Hidden Refuge Lane"


def make_directory():
    """Two organizations, three published services (one at a confidential shelter), a draft."""
    harbor = make_organization(
        "Harbor Youth Services",
        description="Drop-in center.",
        website="https://harbor.example.org",
        email="info@harbor.example.org",
        phone="312-555-0100",
        description_es="Centro de acogida sin cita.",
    )
    plain = make_organization("Riverside Legal Aid")  # no description: HSDS requires one
    shelter = make_service(
        "Safe Night Shelter",
        organization=harbor,
        categories=["emergency-shelter"],
        languages=["es", "en"],
        areas=["cook-county"],
        minimum_age=12,
        maximum_age=21,
        cost=Service.Cost.FREE,
        hours="Every night 7pm–8am",
        intake_phone="312-555-0111",
        intake_email="intake@harbor.example.org",
        application_process="Call the intake line.",
        name_es="Refugio Noche Segura",
        description_es="Un lugar seguro para dormir.",
        application_process_es="Llama a la línea de admisión.",
        assured_date=date(2025, 3, 1),
        assurer_email="curator@example.org",
    )
    counseling = make_service(
        "Counseling",
        organization=harbor,
        categories=["counseling-mental-health", "family-support-groups"],
        cost=Service.Cost.SLIDING_SCALE,
        status=Service.Status.TEMPORARILY_CLOSED,
    )
    make_service("Vacatur help", organization=plain, categories=["vacatur"], cost=Service.Cost.FEE)
    make_service("Unpublished idea", organization=plain, publication=Service.Publication.DRAFT)
    make_location(
        harbor,
        services=[shelter],
        name="Refuge house",
        address_1=SECRET_STREET,
        postal_code="60601",
        latitude=Decimal("41.881832"),
        longitude=Decimal("-87.623177"),
        confidential=True,
    )
    Schedule.objects.create(
        service=shelter,
        byday="MO,TU,WE,TH,FR,SA,SU",
        opens_at=time(19),
        closes_at=time(8),
        valid_from=date(2025, 1, 1),
        notes="Closed on Thanksgiving.",
    )
    Schedule.objects.create(
        service=counseling, freq="MONTHLY", byday="1TH", opens_at=time(15), closes_at=time(19)
    )
    drop_in = make_location(
        harbor,
        services=[shelter, counseling],
        name="Drop-in center",
        address_1="100 State St",
        address_2="Floor 2",
        city="Chicago",
        postal_code="60602",
        latitude=Decimal("41.9"),
        longitude=Decimal("-87.6"),
    )
    Schedule.objects.create(
        location=drop_in, byday="MO,TU,WE,TH,FR", opens_at=time(9), closes_at=time(17)
    )
    return shelter
