"""An HSDS import's report on a curator's phone (320 px), in Chromium: its table of counts
scrolls in a box of its own and its long buttons ("Discard: import nothing and remove the
upload") wrap, so the page itself never scrolls sideways."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.hsds_helpers import small_package, write_package
from tests.test_hsds_admin import zipped

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_import_report_is_no_wider_than_a_phone(
    sign_in, live_server, client, settings, tmp_path
):
    settings.HSDS_IMPORT_IN_BACKGROUND = False
    settings.HSDS_UPLOAD_DIR = tmp_path / "uploads"
    curator = make_user("phone-cora", groups=["Curator"], is_staff=True)
    page = sign_in(curator)
    response = client.post(
        reverse("admin:hsds_importrun_upload"),
        {"package": zipped(write_package(tmp_path / "pkg", small_package()))},
    )

    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{live_server.url}{response.url}")

    expect(page.get_by_role("columnheader", name="Skipped")).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") == 320
