"""The template tags the directory uses to link a category back to its off-ramp."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from directory.models import Category
from tests.factories import make_service

pytestmark = pytest.mark.django_db


def render(source, **context):
    request = RequestFactory().get("/directory/")
    return Template("{% load reference %}" + source).render(
        Context({"request": request, **context})
    )


def test_a_category_links_to_the_off_ramp_it_delivers():
    html = render("{% offramp_link category %}", category=Category.objects.get(slug="vacatur"))

    assert html.strip() == (
        '<a class="offramp-link" href="/reference/legal-services/">'
        "Why it matters: Off-ramp 7: Offer Legal Services</a>"
    )


def test_a_short_link_names_the_off_ramp_for_screen_readers():
    html = render("{% offramp_link 'housing' short=True %}")

    assert '>Off-ramp 1<span class="visually-hidden">: Facilitate Access' in html
    assert 'href="/reference/economic-empowerment/"' in html


def test_offramp_for_gives_the_factor_or_nothing():
    html = render(
        "{% offramp_for 'legal-services' as f %}{{ f.label }}|{{ f.get_absolute_url }}"
        "{% offramp_for 'no-such-category' as g %}|{{ g|default:'none' }}"
    )

    assert html == "Off-ramp 7|/reference/legal-services/|none"


def test_offramps_for_gives_each_off_ramp_once_in_order():
    categories = Category.objects.filter(
        slug__in=["vacatur", "housing", "emergency-shelter", "economic-empowerment"]
    )
    html = render(
        "{% offramps_for categories as found %}{% for f in found %}{{ f.label }};{% endfor %}",
        categories=categories,
    )

    assert html == "Off-ramp 1;Off-ramp 7;"


def test_the_lookup_costs_one_query_per_request(django_assert_num_queries):
    vacatur = Category.objects.get(slug="vacatur")
    with django_assert_num_queries(1):
        render(
            "{% offramp_link a %}{% offramp_link b short=True %}{% offramps_for c as x %}",
            a=vacatur,
            b="housing",
            c=[vacatur],
        )


def test_the_directory_filter_links_each_category_to_its_off_ramp(caseworker_client):
    page = caseworker_client.get("/directory/", {"category": "vacatur"}).content.decode()

    assert (
        '<a class="offramp-link" href="/reference/legal-services/">Off-ramp 7'
        '<span class="visually-hidden">: Offer Legal Services</span></a>'
    ) in page
    assert 'href="/reference/economic-empowerment/">Off-ramp 1<' in page
    # The chosen subcategory answers for its parent.
    assert (
        '<a class="offramp-link" href="/reference/legal-services/">'
        "Why it matters: Off-ramp 7: Offer Legal Services</a>"
    ) in page


def test_a_service_page_links_to_the_off_ramps_its_categories_deliver(caseworker_client):
    service = make_service("Shelter and counsel", categories=["housing", "employment", "vacatur"])

    page = caseworker_client.get(service.get_absolute_url()).content.decode()

    assert page.count('class="offramp-link"') == 2
    assert ">Off-ramp 1: Facilitate Access to Services" in page
    assert 'href="/reference/legal-services/">Off-ramp 7: Offer Legal Services</a>' in page
