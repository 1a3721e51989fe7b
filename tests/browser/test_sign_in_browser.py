"""The sign-in page of a development site, with its demo accounts, in a real Chromium."""

import pytest
from playwright.sync_api import expect

from accounts.demo import create_demo_accounts

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo_accounts(settings):
    settings.DEBUG = True
    create_demo_accounts()


def test_the_sign_in_page_with_its_demo_accounts_passes_axe(
    demo_accounts, page, live_server, axe_violations
):
    page.goto(f"{live_server.url}/accounts/login/")

    box = page.get_by_role("region", name="Demo accounts")
    expect(box.get_by_role("button")).to_have_count(4)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 740})
    assert axe_violations(page) == []


def test_one_click_signs_in_as_a_demo_account_without_javascript(
    demo_accounts, browser, live_server
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/directory/")

    page.get_by_role("button", name="Sign in as the demo curator").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Find a service")
    expect(page.get_by_role("link", name="Curate")).to_be_visible()
    assert page.url == f"{live_server.url}/directory/"
    context.close()
