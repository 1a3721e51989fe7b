"""The site in Spanish, as a new user whose browser speaks Spanish sees it: every page of the
directory, the service page, signing in and passwords, the error pages and the reference
pages' interface, with no English interface string left and no axe-core violation."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.factories import make_location, make_organization, make_service
from tests.test_translations import read_po

# serialized_rollback keeps the factors and categories the migrations load.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a good long passphrase"


def english_interface_strings():
    """Our interface's English sentences and labels of two words or more, whose Spanish
    differs: none of them may show on a Spanish page, outside text marked lang="en"."""
    catalog = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
    found = set()
    for entry in read_po(catalog):
        text = entry["msgid"]
        if "%" in text or "<" in text or "{" in text or len(text.split()) < 2:
            continue
        if entry["msgstr"][0] != text:
            found.add(text)
    return found


ENGLISH = english_interface_strings()
# Words that give away an English string no one marked for translation.
ENGLISH_WORDS = re.compile(r"\b(the|and|your|with|this|for|search|sign|page|services?)\b", re.I)

# The text of the page a reader sees, less what is marked as English (the fact sheet's own
# words, a provider's text with no Spanish yet).
SPANISH_TEXT = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    const marked = element.closest('[lang]');
    if (marked && marked.getAttribute('lang') === 'en') continue;
    parts.push(walker.currentNode.textContent);
  }
  return parts.join(' ');
}"""


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def spanish_page(browser, live_server):
    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def directory():
    organization = make_organization(
        "Harbor Youth Services",
        description="A drop-in center for youth.",
        description_es="Un centro para jóvenes, sin cita.",
        phone="312-555-0100",
    )
    translated = make_service(
        "Safe Night Shelter",
        organization=organization,
        name_es="Refugio Noche Segura",
        description="Beds for the night.",
        description_es="Camas para pasar la noche.",
        eligibility_description="Ages 12 to 21.",
        eligibility_description_es="De 12 a 21 años.",
        application_process="Call the intake line.",
        application_process_es="Llama a la línea de admisión.",
        categories=["emergency-shelter"],
        languages=["es", "en"],
        populations=["lgbtqia-affirming"],
        minimum_age=12,
        maximum_age=21,
        intake_phone="312-555-0111",
        hours="24/7",
    )
    english_only = make_service(
        "Record Relief Clinic",
        organization=organization,
        description="Sealing and vacatur for survivors.",
        application_process="Email the clinic.",
        categories=["vacatur"],
        cost="sliding",
    )
    make_location(organization, services=[translated], name="Shelter", confidential=True)
    return translated, english_only


def check(page, axe_violations, path, heading=None):
    """The page is in Spanish: <html lang="es">, no English interface string, no axe
    violation. Returns the page's Spanish text."""
    expect(page.locator("html")).to_have_attribute("lang", "es")
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    text = " ".join(page.evaluate(SPANISH_TEXT).split())
    left = sorted(english for english in ENGLISH if english in text)
    assert not left, f"{path}: English left on the Spanish page: {left}"
    unmarked = sorted({match.lower() for match in ENGLISH_WORDS.findall(text)})
    assert not unmarked, f"{path}: English words on the Spanish page: {unmarked}\n{text}"
    assert axe_violations(page) == [], path
    return text


def test_signing_in_and_the_password_pages_are_in_spanish(
    spanish_page, live_server, axe_violations
):
    page = spanish_page
    user = make_user("casey", groups=["Case worker"])
    user.set_password(PASSWORD)
    user.save()
    for path, heading in [
        ("/accounts/login/?next=/directory/", "Iniciar sesión"),
        ("/accounts/password/reset/", "Cambia tu contraseña por correo"),
        ("/accounts/password/reset/sent/", "Revisa tu correo"),
        ("/accounts/password/reset/MQ/set-password/", "Elige una contraseña nueva"),
        ("/accounts/password/reset/done/", "Contraseña lista"),
        ("/no-such-page/", "No encontramos la página"),
    ]:
        page.goto(live_server.url + path)
        check(page, axe_violations, path, heading)

    page.goto(live_server.url + "/accounts/login/?next=/directory/")
    page.get_by_label("Usuario").fill("casey")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Encuentra un servicio")
    page.goto(live_server.url + "/accounts/password/change/")
    check(page, axe_violations, "password change", "Cambia tu contraseña")


@pytest.fixture
def sign_in_spanish(spanish_page, live_server, client):
    """Signs a user into the Spanish browser, by session cookie."""

    def run(user):
        client.force_login(user)
        spanish_page.context.clear_cookies()
        spanish_page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        return spanish_page

    return run


def test_the_directory_and_the_service_page_are_in_spanish(
    sign_in_spanish, live_server, axe_violations, directory
):
    translated, english_only = directory
    page = sign_in_spanish(make_user("casey", groups=["Case worker"]))
    paths = [
        ("/", "Salidas para jóvenes"),
        ("/directory/", "Encuentra un servicio"),
        ("/directory/?q=refugio&category=housing&language=es&age=15", "Encuentra un servicio"),
        ("/directory/?q=nada-coincide&free=true", "Encuentra un servicio"),
        ("/directory/?age=old", "Encuentra un servicio"),
        (translated.get_absolute_url(), "Refugio Noche Segura"),
        (english_only.get_absolute_url(), "Record Relief Clinic"),
        (translated.organization.get_absolute_url(), "Harbor Youth Services"),
    ]
    for path, heading in paths:
        page.goto(live_server.url + path)
        text = check(page, axe_violations, path, heading)
        if path == translated.get_absolute_url():
            assert "Camas para pasar la noche." in text
            assert "Llama a la línea de admisión." in text
            assert "Lugar confidencial" in text
            assert "(en inglés)" not in text
        if path == english_only.get_absolute_url():
            # The provider's English text, marked for readers and screen readers.
            expect(page.locator(".prose[lang=en]").first).to_contain_text("Email the clinic")
            assert "(en inglés)" in text
            assert "Según ingresos" in text

    # Someone without a role: the 403 page.
    page = sign_in_spanish(make_user("no-role"))
    page.goto(live_server.url + "/directory/")
    check(page, axe_violations, "403", "No puedes abrir esta página")


def test_the_reference_pages_interface_is_in_spanish(spanish_page, live_server, axe_violations):
    page = spanish_page
    for path in ["/reference/", "/reference/legal-services/", "/reference/poverty/"]:
        page.goto(live_server.url + path)
        text = check(page, axe_violations, path)
        assert "texto oficial en inglés" in text
        assert "Resumen en español (no es una traducción):" in text
    page.goto(live_server.url + "/reference/search/?q=housing")
    check(page, axe_violations, "search", "Buscar en la hoja informativa")


def test_the_switch_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/reference/search/?q=housing")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Español").click()

    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert re.search(r"/reference/search/\?q=housing$", page.url)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    context.close()
