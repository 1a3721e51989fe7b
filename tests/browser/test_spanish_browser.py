"""The site in Spanish, as a new user whose browser speaks Spanish sees it: every page of the
directory, the service page and its "Before you refer" box, the referral list, its handout
(page and PDF) and share page, the curation pages, signing in and passwords, the error pages
(400, 403, 404, 500) and the reference pages' interface, with no English interface string
left and no axe-core violation."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import expect
from pypdf import PdfReader

from curation.models import ProblemReport
from tests.conftest import make_user
from tests.factories import make_location, make_organization, make_service
from tests.site_map import build_world
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
# The same, as whole phrases in any case ("Intake phone" is the msgid "intake phone").
ENGLISH_PHRASES = re.compile(
    r"\b(" + "|".join(re.escape(text) for text in sorted(ENGLISH, key=len, reverse=True)) + r")\b",
    re.I,
)
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


def check(page, axe_violations, path, heading=None, official_title=False):
    """The page is in Spanish: <html lang="es">, no English interface string, no axe
    violation. Returns the page's Spanish text. official_title: the page's title holds the
    fact sheet's own English words, which a title cannot mark as English."""
    expect(page.locator("html")).to_have_attribute("lang", "es")
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    text = " ".join(page.evaluate(SPANISH_TEXT).split())
    assert_spanish(text, path)
    labels = " ".join(page.evaluate(LABELS).split())
    if official_title:
        labels = labels.removeprefix(" ".join(page.title().split()))
    assert_spanish(labels, f"{path} (labels)")
    assert axe_violations(page) == [], path
    return text


def assert_spanish(text, where):
    left = sorted({match.lower() for match in ENGLISH_PHRASES.findall(text)})
    assert not left, f"{where}: English left on the Spanish page: {left}\n{text}"
    unmarked = sorted({match.lower() for match in ENGLISH_WORDS.findall(text)})
    assert not unmarked, f"{where}: English words on the Spanish page: {unmarked}\n{text}"


# What a screen reader or a hover says that the page does not show: the title, aria-labels,
# titles, placeholders, alternative text and the buttons' words. A title cannot be marked
# English, so what the page marks English (a provider's name) is taken out of it.
LABELS = """() => {
  let title = document.title;
  for (const element of document.querySelectorAll('[lang=en]')) {
    const english = element.textContent.trim();
    if (english) title = title.split(english).join(' ');
  }
  const parts = [title];
  for (const element of document.querySelectorAll(
      '[aria-label], [title], [placeholder], [alt], input[type=submit][value]')) {
    const marked = element.closest('[lang]');
    if (marked && marked.getAttribute('lang') === 'en') continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      if (element.hasAttribute(name)) parts.push(element.getAttribute(name));
    }
    if (element.matches('input[type=submit]')) parts.push(element.value);
  }
  return parts.join(' ');
}"""


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
        text = check(page, axe_violations, path, official_title=path != "/reference/")
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


@pytest.fixture
def world():
    """One of everything (tests/site_map.py), the referral list's note in Spanish: a worker
    writes it in the youth's language."""
    world = build_world()
    item = world.referral_list.items.get()
    item.note = "pregunta por Ana en admisión"
    item.save()
    # The "Before you refer" box, with an answer and a note of the provider's.
    world.service.reports_to_cps = "no"
    world.service.involves_law_enforcement = "only_when"
    world.service.involves_law_enforcement_note = "Solo si el joven lo pide."
    world.service.requires_id = "yes"
    world.service.save()
    return world


def test_the_referral_list_its_handout_and_share_page_are_in_spanish(
    sign_in_spanish, browser, live_server, axe_violations, world
):
    page = sign_in_spanish(world.editor)
    pk = world.referral_list.pk
    for path, heading in [
        (world.service.get_absolute_url(), None),
        ("/referrals/list/", None),
        (f"/referrals/lists/{pk}/", None),
        (f"/referrals/lists/{pk}/handout/", None),
        (f"/referrals/lists/{pk}/handout/?notes=on", None),
        ("/referrals/", None),
        ("/referrals/?status=sent&follow_up=on&days=0", None),
        ("/referrals/?days=many", None),
    ]:
        page.goto(live_server.url + path)
        text = check(page, axe_violations, path, heading)
        if path == world.service.get_absolute_url():
            expect(page.locator("#before-refer")).to_be_visible()
            assert "Antes de referir" in text
            assert "Solo si el joven lo pide." in text
        if "handout" in path:
            # The handout starts in the reader's language, and the page says it.
            expect(page.locator("article.handout")).to_have_attribute("lang", "es")

    # A new share link, with the text message to copy and the copy buttons script adds.
    page.goto(f"{live_server.url}/referrals/lists/{pk}/")
    page.get_by_role("button", name="Crear un enlace para compartir").click()
    expect(page.get_by_role("button", name="Copiar el enlace")).to_be_visible()
    check(page, axe_violations, "a new share link")

    # The PDF a worker downloads from the handout page: in Spanish too.
    page.goto(f"{live_server.url}/referrals/lists/{pk}/handout/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar en PDF").click()
    pdf = PdfReader(download.value.path())
    words = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "pregunta por Ana" not in words  # notes only when asked for
    assert_spanish(words.replace("Lantern Emergency Shelter", ""), "handout.pdf")

    # The youth opens the shared link on a phone that speaks Spanish, signed out.
    youth = browser.new_context(locale="es-MX")
    shared = youth.new_page()
    shared.goto(f"{live_server.url}/r/{world.share_token}/")
    text = check(shared, axe_violations, "share page", "Servicios para ti")
    assert "pregunta por Ana en admisión" in text
    youth.close()


def test_the_curation_pages_are_in_spanish(
    sign_in_spanish, browser, live_server, axe_violations, world
):
    ProblemReport.objects.create(
        service=world.service,
        kind=ProblemReport.Kind.CLOSED,
        reported_by=world.editor,
        comment="El teléfono ya no funciona.",
    )
    page = sign_in_spanish(world.editor)
    for path in [
        "/curation/",
        "/curation/reports/",
        f"/curation/reports/{world.report.pk}/",
        "/curation/reports/mine/",
        f"/curation/services/{world.service.pk}/report/",
        "/curation/updates/",
        "/curation/updates/new/",
        f"/curation/updates/{world.update.pk}/",
        "/curation/gaps/",
        "/curation/gaps/?language=es",
    ]:
        page.goto(live_server.url + path)
        check(page, axe_violations, path)

    # The provider's page, behind the link an update request emails them.
    provider = browser.new_context(locale="es-ES")
    form = provider.new_page()
    form.goto(f"{live_server.url}/curation/provider/{world.token}/")
    check(form, axe_violations, "provider page")
    provider.close()


@pytest.fixture
def failing_pages(settings):
    settings.ROOT_URLCONF = "tests.spanish_error_urls"


def test_the_error_pages_are_in_spanish(spanish_page, live_server, axe_violations, failing_pages):
    page = spanish_page
    for path, status, heading in [
        ("/no-such-page/", 404, "No encontramos la página"),
        ("/bad-request-for-tests/", 400, None),
        ("/error-for-tests/", 500, None),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == status, path
        check(page, axe_violations, path, heading)
