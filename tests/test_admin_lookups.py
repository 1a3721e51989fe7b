"""The admin's lists take only the filters they offer.

core.admin makes every admin refuse a URL filter it does not declare (a 400) and sort only
by the columns it offers. tests/test_confidential_oracle.py asks the questions an attacker
would; this file checks the parts one by one.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.urls import reverse

from core.admin import ModelAdmin
from directory.models import Location
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
