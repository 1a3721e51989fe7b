"""A calm page: a Quick exit link on every page, and no tab title that names trafficking or
exploitation where a neutral one serves (the fact sheet keeps its real titles)."""

import re

import pytest
from django.test import Client

from core.neutral import is_neutral
from tests.site_map import build_world, sign_in, site_urls

pytestmark = pytest.mark.django_db

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
QUICK_EXIT = re.compile(
    r'<a class="quick-exit[^"]*" id="quick-exit" href="([^"]+)" rel="noreferrer"'
)


def html_pages(client, world):
    for _route, url in site_urls(world):
        if url.startswith("/admin/"):
            continue  # Django's admin, for curators at a desk: its own titles
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            yield url, response.content.decode()


def sensitive_world():
    """The world of the site map, named as real providers often are."""
    world = build_world()
    world.organization.name = "Anti-Trafficking Youth Project"
    world.organization.save()
    world.service.name = "Sexual Exploitation Survivor Shelter"
    world.service.save()
    return world


@pytest.mark.parametrize("role", ["anonymous", "case worker", "curator"])
def test_no_page_title_names_trafficking_except_the_fact_sheets(role, settings):
    settings.QUICK_EXIT_URL = "https://weather.example.org/today"
    world = sensitive_world()
    client = Client()
    sign_in(client, role)
    seen = 0
    for url, page in html_pages(client, world):
        seen += 1
        title = TITLE.search(page).group(1)
        exit_link = QUICK_EXIT.search(page)
        assert exit_link, f"{url} has no quick exit"
        assert exit_link.group(1) == "https://weather.example.org/today"
        if url.startswith("/reference/") and not url.startswith("/reference/search"):
            continue  # the fact sheet's own title
        assert is_neutral(title), f"{url}: {title}"
    assert seen >= 3


def test_a_neutral_title_is_kept(caseworker_client):
    world = build_world()
    page = caseworker_client.get(world.service.get_absolute_url()).content.decode()
    assert "<title>Lantern Emergency Shelter · Lantern House · Off-Ramps</title>" in page


def test_a_keyword_that_names_trafficking_stays_out_of_the_title(caseworker_client):
    page = caseworker_client.get("/directory/", {"q": "sex trafficking"}).content.decode()
    assert "<title>Off-Ramps</title>" in page


def test_the_fact_sheet_keeps_its_real_title(client):
    page = client.get("/reference/").content.decode()
    assert re.search(
        r"<title>Child Sex Trafficking On-Ramps and Off-Ramps Fact Sheet · Off-Ramps</title>", page
    )


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/directory/service/", "/admin/directory/legalremedy/add/"]
)
def test_the_admin_has_the_quick_exit_too(url, settings):
    settings.QUICK_EXIT_URL = "https://weather.example.org/today"
    client = Client()
    sign_in(client, "curator")

    page = client.get(url).content.decode()

    assert QUICK_EXIT.search(page).group(1) == "https://weather.example.org/today"
    assert 'src="/static/js/quick-exit.js"' in page
    assert 'href="/static/css/quick-exit.css"' in page


def test_the_error_pages_django_renders_without_the_request_have_the_quick_exit(settings):
    settings.QUICK_EXIT_URL = "https://weather.example.org/today"
    settings.ROOT_URLCONF = "tests.urls_with_error"
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    bad = client.get("/reference/", {"q": "a\x00b"})
    failed = client.get("/error-for-tests/")

    assert (bad.status_code, failed.status_code) == (400, 500)
    for response in (bad, failed):
        page = response.content.decode()
        assert QUICK_EXIT.search(page).group(1) == "https://weather.example.org/today"
        assert 'src="/static/js/quick-exit.js"' in page
