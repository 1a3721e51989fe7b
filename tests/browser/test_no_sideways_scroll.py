"""No sideways scrolling on a phone: every page of the site map, in every role, at 320, 360
and 390 px wide, is no wider than the window.

Case workers search on phones. A page wider than the screen hides the end of an email
address or of the hours behind a sideways scroll nobody notices. The pages come from
tests/site_map.py, so a page added later is walked too; a wide data table (an admin change
history's six columns) scrolls in a box of its own, which WCAG 1.4.10 allows. Each page is
loaded once and measured at each width (the layout follows the window without a reload).
"""

import pytest
from django.test import Client

from tests.site_map import ROLES, build_world, sign_in, site_urls

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = [320, 360, 390]
ADMIN_WIDTHS = WIDTHS

# Values as long as real ones, which must wrap rather than push the page sideways.
LONG_EMAIL = "intake-and-referrals-coordinator@lantern-house-youth-services.example.org"
LONG_URL = "https://lantern-house-youth-services.example.org/programs/emergency-shelter/referrals"
LONG_HOURS = "24 hours a day, 7 days a week, including holidays; walk-ins welcome after 10pm"

WIDER_THAN_THE_WINDOW = """() => {
  const width = window.innerWidth;
  const culprits = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.right > width + 0.5 && box.width > 0) {
      // Only the outermost culprit: not each of its children.
      if (!culprits.some((outer) => outer.contains(element))) culprits.push(element);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: width,
    culprits: culprits.slice(0, 3).map((e) =>
      e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
      (typeof e.className === "string" && e.className ? "." + e.className.replace(/ /g, ".") : "") +
      " " + JSON.stringify((e.textContent || "").trim().slice(0, 40))),
  };
}"""


def html_pages(client, world):
    """The site map's URLs this client gets as an HTML page (200), each once."""
    pages = []
    for _route, url in site_urls(world):
        if url in pages:
            continue
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(url)
    return pages


def test_no_page_is_wider_than_a_phone_in_any_role(browser, live_server):
    world = build_world()
    service = world.service
    service.intake_email = LONG_EMAIL
    service.url = LONG_URL
    service.hours = LONG_HOURS
    service.application_process = f"Fill in the referral form at {LONG_URL}/form or email us."
    service.save()
    organization = world.organization
    organization.email = LONG_EMAIL
    organization.website = LONG_URL
    organization.description = f"Our programs are listed at {LONG_URL}/all-programs-and-services."
    organization.save()
    checked = 0
    wrong = []
    for role in ROLES:
        client = Client()
        sign_in(client, role, username=f"wide-{role.replace(' ', '-')}")
        context = browser.new_context(viewport={"width": WIDTHS[0], "height": 700})
        if "sessionid" in client.cookies:
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": live_server.url,
                    }
                ]
            )
        page = context.new_page()
        for url in html_pages(client, world):
            widths = ADMIN_WIDTHS if url.startswith("/admin/") else WIDTHS
            page.set_viewport_size({"width": widths[0], "height": 700})
            page.goto(live_server.url + url)
            for width in widths:
                page.set_viewport_size({"width": width, "height": 700})
                measure = page.evaluate(WIDER_THAN_THE_WINDOW)
                checked += 1
                if measure["scrollWidth"] != measure["innerWidth"]:
                    wrong.append(
                        f"{role} {url} at {width} px: {measure['scrollWidth']} px wide, "
                        f"from {'; '.join(measure['culprits'])}"
                    )
        context.close()
    assert checked > 100  # the walk happened: every role, many pages
    assert not wrong, "\n".join(wrong)
