"""/favicon.ico, which browsers ask for whatever a page links: the site's icon, to anyone."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_the_icon_in_static_for_anyone():
    response = Client().get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")
    with open(finders.find("favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_every_page_links_the_icon(caseworker_client):
    page = caseworker_client.get("/directory/").content.decode()

    assert f'<link rel="icon" href="{static("favicon.ico")}"' in page
    assert f'<link rel="icon" href="{static("favicon.svg")}"' in page
