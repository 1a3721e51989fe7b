"""What an HSDS import keeps of a service and what hangs off it, as a case worker sees it
and as the export gives it back: contacts with their phones, phones with extension and
type, wait time, documents to bring, a location's accessibility (never a confidential
one's), cost options and schedules of words; our edits win over what the source said."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from directory.models import Contact, Location, Phone, Service
from hsds.exporter import service_records

pytestmark = pytest.mark.django_db

ORG = "5a0c1c2e-0000-4c1d-9d55-000000000001"
SERVICE = "5a0c1c2e-0000-4c1d-9d55-000000000002"
PUBLIC = "5a0c1c2e-0000-4c1d-9d55-000000000003"
HIDDEN = "5a0c1c2e-0000-4c1d-9d55-000000000004"
CONTACT = "5a0c1c2e-0000-4c1d-9d55-000000000005"
INTAKE_LINE = "5a0c1c2e-0000-4c1d-9d55-000000000006"
DIRECT_LINE = "5a0c1c2e-0000-4c1d-9d55-000000000007"
HIDDEN_ACCESS = "The side door on Quiet Lane has a ramp"
HIDDEN_WAY_IN = "Ring at the blue gate behind the church"


def package(**changes):
    location = {"location_type": "physical", "organization_id": ORG}
    service = {
        "id": SERVICE,
        "organization_id": ORG,
        "name": "Youth Drop-in",
        "status": "active",
        "wait_time": "Seen the same day",
        "alert": "Closed on 4 July",
        "accreditations": "State licensed",
        "phones": [
            {
                "id": INTAKE_LINE,
                "number": "(217) 555-0100",
                "extension": 12,
                "type": "voice",
                "description": "Intake desk",
                "languages": [
                    {"id": "5a0c1c2e-0000-4c1d-9d55-000000000008", "name": "Spanish", "code": "es"}
                ],
            }
        ],
        "contacts": [
            {
                "id": CONTACT,
                "name": "Rosa Diaz",
                "title": "Intake Coordinator",
                "department": "Youth Services",
                "email": "rosa@example.org",
                "phones": [
                    {"id": DIRECT_LINE, "number": "(217) 555-0199", "type": "cell"},
                ],
            }
        ],
        "cost_options": [
            {
                "id": "5a0c1c2e-0000-4c1d-9d55-000000000009",
                "option": "Adults",
                "amount": 20,
                "currency": "USD",
                "amount_description": "per visit",
                "valid_from": "2026-01-01",
            }
        ],
        "required_documents": [
            {"id": "5a0c1c2e-0000-4c1d-9d55-00000000000a", "document": "Any photo ID"}
        ],
        "schedules": [
            {
                "id": "5a0c1c2e-0000-4c1d-9d55-00000000000b",
                "description": "Drop in any afternoon",
                "notes": "Closed on public holidays",
            }
        ],
        "service_at_locations": [
            {
                "id": "5a0c1c2e-0000-4c1d-9d55-00000000000c",
                "location_id": PUBLIC,
                "description": "Youth drop-in on the second floor",
                "location": {
                    "id": PUBLIC,
                    "name": "Main Street center",
                    **location,
                    "accessibility": [
                        {
                            "id": "5a0c1c2e-0000-4c1d-9d55-00000000000d",
                            "description": "Step-free entrance",
                        }
                    ],
                },
            },
            {
                "id": "5a0c1c2e-0000-4c1d-9d55-00000000000e",
                "location_id": HIDDEN,
                "description": HIDDEN_WAY_IN,
                "location": {
                    "id": HIDDEN,
                    "name": "Safe house",
                    **location,
                    "accessibility": [
                        {"id": "5a0c1c2e-0000-4c1d-9d55-00000000000f", "description": HIDDEN_ACCESS}
                    ],
                },
            },
        ],
        "organization": {"id": ORG, "name": "Harbor House", "description": "Youth services."},
        **changes,
    }
    return service


def import_package(tmp_path, **changes):
    path = tmp_path / "service.json"
    path.write_text(json.dumps(package(**changes)))
    out = StringIO()
    call_command("import_hsds", str(path), stdout=out, stderr=StringIO())
    Service.objects.update(publication=Service.Publication.PUBLISHED)
    Location.objects.filter(pk=HIDDEN).update(confidential=True)
    return out.getvalue()


def exported():
    return json.dumps(service_records(), ensure_ascii=False)


def test_the_service_page_shows_contacts_phones_wait_time_documents_and_access(
    tmp_path, caseworker_client
):
    import_package(tmp_path)
    page = caseworker_client.get(Service.objects.get().get_absolute_url()).content.decode()
    for text in [
        "Rosa Diaz",
        "Intake Coordinator",
        "Youth Services",
        "rosa@example.org",
        "(217) 555-0100",
        "ext. 12",
        "Voice",
        "(217) 555-0199",
        "Cell",
        "Seen the same day",
        "Closed on 4 July",
        "Any photo ID",
        "Step-free entrance",
    ]:
        assert text in page, text


def test_nothing_of_a_confidential_location_s_access_reaches_a_page_the_api_or_an_export(
    tmp_path, caseworker_client, curator_client, client
):
    import_package(tmp_path)
    service = Service.objects.get()
    assert HIDDEN_ACCESS not in caseworker_client.get(service.get_absolute_url()).content.decode()
    assert HIDDEN_ACCESS not in curator_client.get(service.get_absolute_url()).content.decode()
    assert HIDDEN_ACCESS not in exported()
    for url in [
        f"/api/services/{service.pk}",
        "/api/services?full=true",
        "/api/service_at_locations?full=true",
        f"/api/organizations/{ORG}?full_service=true",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert HIDDEN_ACCESS not in response.content.decode(), url
    assert "Step-free entrance" in exported()


def test_a_service_at_a_location_keeps_its_description_but_never_at_a_confidential_one(
    tmp_path, curator_client
):
    import_package(tmp_path)
    service = Service.objects.get()
    (record,) = service_records()
    said = {link["location_id"]: link.get("description") for link in record["service_at_locations"]}
    assert said == {PUBLIC: "Youth drop-in on the second floor", HIDDEN: None}
    assert HIDDEN_WAY_IN not in exported()
    api = "/api/service_at_locations"
    for url in [api, f"{api}?full=true", f"/api/services/{service.pk}"]:
        text = curator_client.get(url).content.decode()
        assert "Youth drop-in on the second floor" in text, url
        assert HIDDEN_WAY_IN not in text, url


def test_contacts_and_phones_are_kept_apart_with_their_extensions(tmp_path):
    import_package(tmp_path)
    contact = Contact.objects.get()
    assert (contact.name, contact.title, contact.department) == (
        "Rosa Diaz",
        "Intake Coordinator",
        "Youth Services",
    )
    intake = Phone.objects.get(pk=INTAKE_LINE)
    assert (intake.number, intake.extension, intake.type) == ("(217) 555-0100", "12", "voice")
    direct = Phone.objects.get(pk=DIRECT_LINE)
    assert direct.contact == contact and direct.contact_only
    record = service_records()[0]
    assert [p["id"] for p in record["phones"]] == [INTAKE_LINE]
    assert record["phones"][0]["extension"] == 12
    assert record["phones"][0]["languages"][0]["code"] == "es"
    assert record["contacts"][0]["phones"][0]["number"] == "(217) 555-0199"
    assert record["wait_time"] == "Seen the same day"


def test_the_cost_options_come_back_as_given_until_a_curator_changes_the_cost(tmp_path):
    import_package(tmp_path)
    service = Service.objects.get()
    assert service.cost == Service.Cost.FEE
    options = service_records()[0]["cost_options"]
    assert options == [package()["cost_options"][0]]
    service.cost = Service.Cost.FREE
    service.save()
    options = service_records()[0]["cost_options"]
    assert [option["option"] for option in options] == ["Free"]


def test_a_schedule_of_words_comes_back_whole_until_the_hours_are_edited(tmp_path):
    import_package(tmp_path)
    given = package()["schedules"][0]
    assert service_records()[0]["schedules"] == [given]
    service = Service.objects.get()
    assert service.hours == "Drop in any afternoon"
    service.hours = "Drop in weekday afternoons"
    service.save()
    schedules = service_records()[0]["schedules"]
    assert [s["description"] for s in schedules] == ["Drop in weekday afternoons"]
    assert "notes" not in schedules[0]


def test_a_curator_s_new_intake_phone_is_exported_beside_the_source_s_phones(tmp_path):
    import_package(tmp_path)
    Service.objects.update(intake_phone="(217) 555-0142")
    numbers = [p["number"] for p in service_records()[0]["phones"]]
    assert numbers == ["(217) 555-0100", "(217) 555-0142"]


def test_a_new_package_replaces_the_contacts_and_keeps_a_curator_s_phone_edit(tmp_path):
    import_package(tmp_path)
    Phone.objects.filter(pk=INTAKE_LINE).update(extension="14")  # a curator's correction
    contacts = [{**package()["contacts"][0], "title": "Head of Intake"}]
    output = import_package(tmp_path, contacts=contacts)
    assert "Errors" not in output
    assert Contact.objects.get().title == "Head of Intake"
    assert Phone.objects.get(pk=INTAKE_LINE).extension == "14"


def test_a_second_import_changes_nothing(tmp_path):
    import_package(tmp_path)
    before = exported()
    output = import_package(tmp_path)
    assert exported() == before
    assert "services               0        0          1        0" in output


def test_a_curator_edits_contacts_and_phones_on_the_service(tmp_path, curator_client):
    from django.urls import reverse

    from tests.test_change_history import admin_form_data

    import_package(tmp_path)
    service = Service.objects.get()
    url = reverse("admin:directory_service_change", args=[service.pk])
    page = curator_client.get(url)
    assert "Rosa Diaz" in page.content.decode()
    data = admin_form_data(
        page,
        **{
            "contacts-0-title": "Head of Intake",
            "phones-TOTAL_FORMS": "3",
            "phones-2-number": "(217) 555-0177",
            "phones-2-extension": "3",
            "phones-2-type": "text",
            "phones-2-service": str(service.pk),
        },
    )
    response = curator_client.post(url, data)
    assert response.status_code == 302
    assert Contact.objects.get().title == "Head of Intake"
    assert Phone.objects.get(number="(217) 555-0177").extension == "3"
    page = curator_client.get(service.get_absolute_url()).content.decode()
    assert "Head of Intake" in page and "(217) 555-0177" in page


def test_a_service_s_languages_come_back_with_their_ids_and_notes_while_it_has_them(tmp_path):
    urdu = {
        "id": "5a0c1c2e-0000-4c1d-9d55-000000000010",
        "name": "Urdu",
        "code": "ur",
        "note": "Through bilingual staff when they are in",
    }
    import_package(tmp_path, languages=[urdu])
    service = Service.objects.get()
    assert [lang.code for lang in service.languages.all()] == ["ur"]
    # The phone's Spanish is said on the phone, and once.
    assert service_records()[0]["languages"] == [urdu]
    spanish = service.phones.get(pk=INTAKE_LINE)
    assert spanish.number  # the phone with its Spanish is still there

    # A curator adds Spanish to the service and takes Urdu away: ours win.
    from directory.models import Language

    service.languages.set(
        [Language.objects.get_or_create(code="es", defaults={"name": "Spanish"})[0]]
    )
    languages = service_records()[0]["languages"]
    assert [(lang["code"], lang.get("note")) for lang in languages] == [("es", None)]
    assert urdu["note"] not in exported()
