"""Real-browser tests: Playwright driving Debian's Chromium, with axe-core.

Playwright cannot download a browser here, so these tests launch /usr/bin/chromium (the
Makefile's test target installs it). Where it is missing, the whole group is skipped with a
message saying so. Run only this group with `pytest -m browser`, skip it with `-m "not browser"`.
"""

import os
from pathlib import Path

import pytest

from core.chromium import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that this is safe. It is: the loop only drives the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium")
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def axe_violations():
    """Returns a function that runs axe-core on a page and lists WCAG 2.1 AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page):
        # A click that navigates returns before the next document exists; axe
        # needs the loaded page, not the one being torn down.
        page.wait_for_load_state("load")
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        return [
            f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'])})"
            for v in results.response["violations"]
        ]

    return run


@pytest.fixture
def sign_in(page, live_server, client):
    """Returns a function that signs a user into the browser page, by session cookie."""

    def run(user):
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        page.context.add_cookies(
            [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
        )
        return page

    return run
