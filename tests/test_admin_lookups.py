"""The admin's lists take only the filters they offer, and offer none on an address.

core.admin makes every admin refuse a URL filter it does not declare (a 400) and sort only
by the columns it offers; directory.confidential.check_admins makes sure no admin declares
a filter, search or sort on a confidential address. tests/test_confidential_oracle.py asks
the questions an attacker would; this file checks the parts one by one.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db.models import F
from django.urls import reverse

from core.admin import ModelAdmin
from directory.confidential import admin_address_lookups, check_admins
from directory.models import (
    ConfidentialAccess,
    HistoricalLocation,
    HistoricalServiceAtLocation,
    Language,
    Location,
    Service,
)
from tests.conftest import make_user
from tests.site_map import build_world, sign_in

pytestmark = pytest.mark.django_db


def changelist_urls():
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def test_every_filter_link_of_every_admin_list_still_works(client):
    build_world()
    sign_in(client, "superuser")

    links = []
    for url in changelist_urls():
        changelist = client.get(url).context["cl"]
        for spec in changelist.filter_specs:
            links += [url + choice["query_string"] for choice in spec.choices(changelist)]
        if changelist.date_hierarchy:
            links += [url + choice["link"] for choice in date_hierarchy(changelist)["choices"]]
        links.append(url + "?_facets=True")

    assert len(links) > 100
    broken = [link for link in links if client.get(link).status_code != 200]
    assert not broken


def test_a_filter_still_narrows_the_list(client):
    world = build_world()
    sign_in(client, "curator")

    response = client.get(reverse("admin:directory_location_changelist"), {"confidential": 1})

    assert list(response.context["cl"].result_list) == [world.shelter]


NOT_OFFERED = [
    "/admin/directory/location/?address_1__startswith=7",
    "/admin/directory/location/?postal_code=QX7Z9",
    "/admin/directory/location/?city__startswith=R",  # not an address, but not offered
    "/admin/directory/service/?description__icontains=shelter",
    "/admin/directory/service/?locations__address_1__startswith=1",
    "/admin/directory/confidentialaccess/?location__postal_code__startswith=Q",
    "/admin/hsds/importrun/?report__icontains=Lantern",
    "/admin/directory/location/?no_such_field=1",
]


@pytest.mark.parametrize(
    "role, url",
    [("curator", url) for url in NOT_OFFERED]
    + [("superuser", url) for url in NOT_OFFERED]
    + [("superuser", "/admin/auth/user/?email__startswith=e")],  # Django's own admins too
)
def test_a_list_refuses_a_filter_it_does_not_offer(client, url, role):
    build_world()
    sign_in(client, role)

    response = client.get(url)

    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_list_sorts_only_by_the_columns_it_offers_to_sort_by(rf):
    build_world()
    request = rf.get("/admin/directory/location/", {"o": "2"})  # 0 is the checkbox
    request.user = make_user("root", is_superuser=True, is_staff=True)

    def ordering(base):
        class CityNotSortable(base):
            list_display = ["name", "city"]
            sortable_by = ["name"]

        changelist = CityNotSortable(Location, admin.site).get_changelist_instance(request)
        return changelist.get_ordering(request, changelist.root_queryset)

    assert "city" in ordering(admin.ModelAdmin)  # what Django alone does
    assert "city" not in ordering(ModelAdmin)


def test_no_admin_of_the_site_filters_searches_or_sorts_by_an_address():
    assert check_admins(None) == []


def test_the_check_finds_every_way_an_admin_could_filter_by_an_address():
    @admin.display(ordering="locations__latitude")
    def place(service):
        return ""

    class Everywhere(ModelAdmin):
        list_filter = ["postal_code", ("address_2", admin.AllValuesFieldListFilter), "city"]
        search_fields = ["name", "^address_1", "organization__locations__longitude"]
        ordering = ["-latitude", "name"]
        list_display = ["name", "longitude", "city"]

    class ThroughRelations(ModelAdmin):
        search_fields = ["=locations__postal_code"]
        ordering = [F("locations__address_2").asc()]
        list_display = ["name", place]

    class NotSortable(ModelAdmin):
        list_display = ["name", "location__address_1"]
        sortable_by = ["name"]

    def found(model_admin, model):
        return admin_address_lookups(model_admin(model, admin.site))

    assert found(Everywhere, Location) == [
        "list_filter postal_code",
        "list_filter address_2",
        "search_fields address_1",
        "search_fields organization__locations__longitude",
        "ordering latitude",
        "list_display longitude",
    ]
    assert found(ThroughRelations, Service) == [
        "search_fields locations__postal_code",
        "ordering locations__address_2",
        "list_display locations__latitude",
    ]
    assert found(NotSortable, ConfidentialAccess) == []
    # The history keeps addresses too.
    assert found(Everywhere, HistoricalLocation)[0] == "list_filter postal_code"
    history_filter = type("HistoryFilter", (ModelAdmin,), {"list_filter": ["location__address_1"]})
    assert found(history_filter, HistoricalServiceAtLocation) == ["list_filter location__address_1"]


@pytest.fixture
def registered_instead():
    """Registers another admin for Language for one test, then puts the real one back."""
    real = type(admin.site.get_model_admin(Language))

    def register(model_admin):
        admin.site.unregister(Language)
        admin.site.register(Language, model_admin)

    yield register
    admin.site.unregister(Language)
    admin.site.register(Language, real)


def test_manage_py_check_fails_for_an_admin_that_takes_any_filter(registered_instead):
    registered_instead(admin.ModelAdmin)

    with pytest.raises(SystemCheckError, match="confidential.E001"):
        call_command("check")


def test_manage_py_check_fails_for_an_admin_that_searches_addresses(registered_instead):
    by_address = {"search_fields": ["services__locations__postal_code"]}
    registered_instead(type("ByAddress", (ModelAdmin,), by_address))

    with pytest.raises(SystemCheckError, match="confidential.E002"):
        call_command("check")
