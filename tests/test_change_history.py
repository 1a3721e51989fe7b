"""Change history: who changed what, when, before and after, readable by curators."""

import pytest
from django.urls import reverse

from directory.models import Category, Language, Location, Service
from factsheet.models import Factor
from tests.factories import area, make_location, make_organization, make_service
from tests.site_map import sign_in

pytestmark = pytest.mark.django_db


def admin_form_data(response, **changes):
    """The POST data of an admin change form as rendered, inlines included, with changes."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            if field.field.disabled:
                continue
            value = field.value()
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, (list, tuple)):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = str(value)
    data.update(changes)
    return data


def test_a_curator_edits_a_service_and_reads_the_history_of_the_edit(client):
    curator = sign_in(client, "curator")
    service = make_service("Night Shelter", intake_phone="555-0100")
    make_location(service.organization, services=[service])
    url = reverse("admin:directory_service_change", args=[service.pk])

    form = client.get(url)
    response = client.post(url, admin_form_data(form, intake_phone="555-0199"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    service.refresh_from_db()
    assert service.intake_phone == "555-0199"

    history = client.get(reverse("admin:directory_service_history", args=[service.pk]))
    page = history.content.decode()
    assert history.status_code == 200
    assert curator.username in page
    assert "555-0100" in page and "555-0199" in page  # before and after
    latest = service.history.latest()
    assert latest.history_user == curator
    assert latest.history_type == "~"


def test_category_changes_are_kept_with_who_and_when(client):
    curator = sign_in(client, "curator")
    category = Category.objects.get(slug="emergency-shelter")
    url = reverse("admin:directory_category_change", args=[category.pk])

    client.post(url, admin_form_data(client.get(url), name="Emergency shelters"))

    record = category.history.latest()
    assert (record.name, record.history_user) == ("Emergency shelters", curator)
    page = client.get(reverse("admin:directory_category_history", args=[category.pk]))
    assert "Emergency shelters" in page.content.decode()


def test_creating_and_deleting_are_kept_too(client):
    sign_in(client, "curator")
    organization = make_organization("Short-lived Org")
    location = make_location(organization, name="Annex")

    response = client.post(
        reverse("admin:directory_location_delete", args=[location.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Location.objects.filter(pk=location.pk).exists()
    kinds = list(Location.history.filter(id=location.pk).values_list("history_type", flat=True))
    assert sorted(kinds) == ["+", "-"]


def test_a_services_categories_are_part_of_its_history():
    service = make_service("Legal Clinic")

    service.categories.set(Category.objects.filter(slug="vacatur"))

    latest = service.history.latest()
    assert [c.category.slug for c in latest.categories.all()] == ["vacatur"]
    earlier = latest.prev_record
    delta = latest.diff_against(earlier)
    assert "categories" in delta.changed_fields


@pytest.mark.parametrize("role", ["case worker", "court staff"])
def test_only_curators_read_the_history(client, role):
    sign_in(client, role)
    service = make_service()

    response = client.get(reverse("admin:directory_service_history", args=[service.pk]))

    assert response.status_code == 302
    assert Service.objects.count() == 1


def test_a_curator_changes_the_on_ramp_to_off_ramp_mapping_and_reads_its_history(client):
    curator = sign_in(client, "curator")
    poverty = Factor.objects.get(slug="poverty")
    legal = Factor.objects.get(slug="legal-services")
    url = reverse("admin:factsheet_factor_change", args=[poverty.pk])
    before = {str(pk) for pk in poverty.off_ramps.values_list("pk", flat=True)}

    form = client.get(url)
    response = client.post(url, admin_form_data(form, off_ramps=sorted(before | {str(legal.pk)})))

    assert response.status_code == 302
    latest = poverty.history.latest()
    assert latest.history_user == curator
    assert legal.pk in {row.to_factor_id for row in latest.off_ramps.all()}
    page = client.get(reverse("admin:factsheet_factor_history", args=[poverty.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Off-ramps that address it:" in text
    assert "Off-ramp 7: Offer Legal Services]" in text  # after; the list before lacks it


def test_records_from_before_the_history_began_have_a_first_version():
    category = Category.objects.get(slug="emergency-shelter")
    poverty = Factor.objects.get(slug="poverty")

    first = category.history.earliest()
    assert (first.history_type, first.name) == ("+", category.name)
    assert {r.to_factor_id for r in poverty.history.earliest().off_ramps.all()} == set(
        poverty.off_ramps.values_list("pk", flat=True)
    )


def test_one_save_of_the_service_add_form_is_one_version(client):
    curator = sign_in(client, "curator")
    organization = make_organization()
    url = reverse("admin:directory_service_add")
    data = admin_form_data(
        client.get(url),
        organization=str(organization.pk),
        name="Night Shelter",
        categories=[str(Category.objects.get(slug="emergency-shelter").pk)],
        languages=[str(Language.objects.get(code="es").pk)],
        areas=[str(area("riverton").pk)],
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    service = Service.objects.get(name="Night Shelter")
    (version,) = service.history.all()
    assert (version.history_type, version.history_user) == ("+", curator)
    assert [row.category.slug for row in version.categories.all()] == ["emergency-shelter"]
    assert [row.language.code for row in version.languages.all()] == ["es"]
    assert [row.servicearea.slug for row in version.areas.all()] == ["riverton"]
    page = client.get(reverse("admin:directory_service_history", args=[service.pk]))
    text = page.content.decode()
    assert "1 version" in text
    assert "Created" in text


def test_one_save_of_a_change_to_fields_and_categories_is_one_version(client):
    sign_in(client, "curator")
    service = make_service("Legal Clinic", intake_phone="555-0100")
    versions_before = service.history.count()
    url = reverse("admin:directory_service_change", args=[service.pk])
    vacatur = Category.objects.get(slug="vacatur")

    client.post(
        url, admin_form_data(client.get(url), intake_phone="555-0199", categories=[vacatur.pk])
    )

    assert service.history.count() == versions_before + 1
    latest = service.history.latest()
    assert latest.history_type == "~"
    assert latest.intake_phone == "555-0199"
    assert [row.category_id for row in latest.categories.all()] == [vacatur.pk]


def test_an_empty_field_shows_as_empty_in_the_history_not_as_a_deleted_record(client):
    curator = sign_in(client, "curator")
    service = make_service("Night Shelter", assured_date=None)
    url = reverse("admin:directory_service_change", args=[service.pk])

    client.post(url, admin_form_data(client.get(url), assured_date="2026-03-02"))

    page = client.get(reverse("admin:directory_service_history", args=[service.pk]))
    text = page.content.decode()
    assert f"<strong>Verified by:</strong> — &rarr; {curator.username}" in text
    assert "<strong>Last verified:</strong> — &rarr;" in text
    assert "Deleted user" not in text
    assert "None" not in text
