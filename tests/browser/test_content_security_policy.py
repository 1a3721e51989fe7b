"""The Content-Security-Policy in a real browser: no page, the Django admin included, trips it.

Chromium reports every script or style the policy blocks on the console. The admin's
widgets are exercised too, since they build parts of the page in JavaScript.
"""

import pytest

from tests.conftest import make_user
from tests.factories import make_location, make_organization, make_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def superuser_page(sign_in):
    page = sign_in(make_user("browser-root", is_staff=True, is_superuser=True))
    blocked = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and blocked.append(message.text),
    )
    page.blocked = blocked
    return page


def test_no_page_and_no_admin_widget_trips_the_policy(superuser_page, live_server):
    page = superuser_page
    organization = make_organization("Lantern House")
    service = make_service("Lantern Shelter", organization=organization)
    location = make_location(organization, services=[service], confidential=True)
    location.name = "Safe house"
    location.save()
    base = live_server.url

    for path in [
        "/",
        "/directory/",
        service.get_absolute_url(),
        "/reference/",
        "/accounts/password/change/",
        "/admin/",
        "/admin/directory/service/",
        f"/admin/directory/location/{location.pk}/history/",
        "/admin/directory/confidentialaccess/",
        "/admin/auth/user/add/",
    ]:
        page.goto(base + path)

    # The service form: date picker, two-box category chooser, autocomplete, inline rows.
    page.goto(f"{base}/admin/directory/service/{service.pk}/change/")
    page.locator("#id_categories_input").fill("shelter")
    page.locator(".datetimeshortcuts a").first.click()
    page.locator("#calendarlink0").click()
    page.keyboard.press("Escape")
    page.locator(".select2-selection").first.click()
    page.keyboard.type("Lan")
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    page.get_by_text("Add another location").click()

    page.goto(f"{base}/admin/directory/organization/{organization.pk}/change/")
    page.goto(f"{base}/accounts/login/")

    assert page.blocked == []
