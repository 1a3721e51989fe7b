import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from directory.models import Category
from factsheet.models import Factor
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    """A staff member allowed to edit the fact sheet's mappings, and nothing else."""
    user = make_user("ed", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="factsheet", codename__in=["view_factor", "change_factor"]
        )
    )
    client.force_login(user)
    cache.clear()
    return client


def change_url(factor):
    return f"/admin/factsheet/factor/{factor.pk}/change/"


def test_a_curator_changes_which_off_ramps_address_an_on_ramp_and_sees_it(editor_client):
    poverty = Factor.objects.get(slug="poverty")
    legal = Factor.objects.get(slug="legal-services")
    editor_client.get("/reference/poverty/")  # now cached

    form = editor_client.get(change_url(poverty)).content.decode()
    assert "our editorial judgement" in form.lower()
    assert 'name="off_ramps"' in form and 'name="categories"' not in form
    response = editor_client.post(change_url(poverty), {"off_ramps": [legal.pk]})

    assert response.status_code == 302
    page = editor_client.get("/reference/poverty/").content.decode()
    assert '<a href="/reference/legal-services/">Off-ramp 7: Offer Legal Services</a>' in page
    assert "Off-ramp 1: Facilitate Access" not in page.split('id="off-ramps-addressing"')[1]


def test_a_curator_changes_an_off_ramps_directory_categories(editor_client):
    legal = Factor.objects.get(slug="legal-services")
    housing = Category.objects.get(slug="housing")

    form = editor_client.get(change_url(legal)).content.decode()
    assert 'name="categories"' in form and 'name="off_ramps"' not in form
    editor_client.post(change_url(legal), {"categories": [housing.pk]})

    page = editor_client.get("/reference/legal-services/").content.decode()
    assert '<a href="/directory/?category=housing">Housing</a>' in page


def test_the_fact_sheets_words_cannot_be_changed_added_or_deleted(editor_client):
    legal = Factor.objects.get(slug="legal-services")

    editor_client.post(change_url(legal), {"title": "Changed", "text": "Changed", "order": 1})
    legal.refresh_from_db()

    assert legal.title == "Offer Legal Services" and legal.order == 7
    assert editor_client.get("/admin/factsheet/factor/add/").status_code == 403
    assert editor_client.get(f"/admin/factsheet/factor/{legal.pk}/delete/").status_code == 403


def test_the_list_shows_each_factor_with_its_mapping(editor_client):
    page = editor_client.get("/admin/factsheet/factor/").content.decode()

    assert "Off-ramp 7: Offer Legal Services" in page
    assert "Economic empowerment, Housing" in page
    assert "Off-ramp 1, Off-ramp 4, Off-ramp 7" in page  # immigration's off-ramps
