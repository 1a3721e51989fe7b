import pytest

from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db


def test_it_shows_the_organization_and_its_visible_services(caseworker_client):
    organization = make_organization("Harbor", phone="555-0142", description="Youth shelter.")
    make_service("Beds", organization=organization)
    make_service("Secret draft", organization=organization, publication="draft")

    page = caseworker_client.get(organization.get_absolute_url()).content.decode()

    assert "Harbor" in page
    assert "555-0142" in page
    assert "Youth shelter." in page
    assert "Beds" in page
    assert "Secret draft" not in page


def test_an_organization_with_nothing_published_is_not_found(caseworker_client):
    organization = make_organization()
    make_service(organization=organization, publication="draft")

    assert caseworker_client.get(organization.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("rows", [1, 15])
def test_query_count_does_not_grow(caseworker_client, rows, django_assert_num_queries):
    organization = make_organization()
    for number in range(rows):
        make_service(
            f"S{number}", organization=organization, categories=["vacatur"], languages=["es"]
        )

    # 1-2 session and user, 3 the user's permissions (their own and their roles', in one)
    # 4 the organization, 5 its services, 6 their capacity figures
    # 7 their schedules (each card's hours today)
    # 8-13 the directory's data version, made (the test's cache starts empty: the database
    # cache takes six statements to read, count, and add one)
    # 14 their categories, languages, population tags and areas, in one statement
    # 15-19 the vocabulary they are named from, read once per process and data version
    # (directory/panel.py): categories, languages, areas, remedies, population tags
    # 20 the services on the current referral list (the header's count, Add/Remove)
    with django_assert_num_queries(20):
        response = caseworker_client.get(organization.get_absolute_url())
    assert len(response.context["services"]) == rows
    # Again: 1-7 as above but the session and the user in one statement (this process has
    # read the session before: config/sessions.py), the data version read (not made), the
    # links, the referral list; the vocabulary held.
    with django_assert_num_queries(9):
        response = caseworker_client.get(organization.get_absolute_url())
    assert len(response.context["services"]) == rows
