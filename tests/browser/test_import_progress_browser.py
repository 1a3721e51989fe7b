"""A curator watches an HSDS import run, in a real Chromium: the run's page follows the
rows read as the worker saves them, in place with JavaScript and by reloading itself
without; axe-core finds nothing (a timed reload is only for browsers without scripts)."""

import pytest
from playwright.sync_api import expect

from core.jobs import this_worker
from hsds.models import ImportRun
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def run():
    return ImportRun.objects.create(
        source="big.zip",
        status=ImportRun.Status.RUNNING,
        worker=this_worker(),
        progress="Checking: 2,000 of 9,000 rows read",
        rows_read=2000,
        rows_total=9000,
    )


def read_more(run):
    ImportRun.objects.filter(pk=run.pk).update(
        progress="Checking: 6,000 of 9,000 rows read", rows_read=6000
    )


def end(run):
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.FAILED, progress="Stopped: nothing was written."
    )


def test_the_run_page_follows_the_import_in_place_until_it_ends(
    sign_in, live_server, axe_violations, run
):
    page = sign_in(make_user("watching-cora", groups=["Curator"]))
    page.goto(f"{live_server.url}{run.get_absolute_url()}")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Working: Checking: 2,000 of 9,000 rows read.")
    bar = page.get_by_role("progressbar", name="Working: Checking")
    expect(bar).to_have_js_property("value", 2000)
    assert axe_violations(page) == []
    page.evaluate("window.stayed = true")  # gone if the page reloads

    read_more(run)
    expect(status).to_contain_text("6,000 of 9,000 rows read", timeout=10_000)
    expect(bar).to_have_js_property("value", 6000)
    assert page.evaluate("window.stayed") is True

    end(run)
    expect(page.get_by_text("Stopped: nothing was written.")).to_be_visible(timeout=10_000)
    expect(page.get_by_role("status")).to_have_count(0)
    assert axe_violations(page) == []


def test_without_javascript_it_reloads_itself_unless_asked_not_to(
    browser, live_server, client, run
):
    client.force_login(make_user("plain-cora", groups=["Curator"]))
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}{run.get_absolute_url()}")
    expect(page.get_by_text("2,000 of 9,000 rows read")).to_be_visible()

    read_more(run)
    expect(page.get_by_text("6,000 of 9,000 rows read")).to_be_visible(timeout=10_000)

    page.get_by_role("link", name="Stop refreshing this page").click()
    end(run)
    page.wait_for_timeout(4000)  # two reloads' time, had it kept reloading
    expect(page.get_by_text("6,000 of 9,000 rows read")).to_be_visible()
    page.get_by_role("link", name="Refresh this page now and every 2 seconds").click()
    expect(page.get_by_text("Stopped: nothing was written.")).to_be_visible()
    context.close()
