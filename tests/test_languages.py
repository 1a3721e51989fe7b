"""English and Spanish: the page's language, the switch that remembers it, and directory
text in Spanish falling back to English, marked."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Profile
from directory.models import Service
from tests.conftest import make_user, run_jobs
from tests.factories import make_organization, make_service

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode())[1]


def test_the_browsers_language_is_the_default(client):
    english = client.get("/accounts/login/")
    spanish = client.get("/accounts/login/", **SPANISH)

    assert html_lang(english) == "en"
    assert "<h1>Sign in</h1>" in english.content.decode()
    assert html_lang(spanish) == "es"
    assert "<h1>Iniciar sesión</h1>" in spanish.content.decode()


def test_the_error_pages_speak_the_readers_language(client, caseworker_client):
    missing = caseworker_client.get("/directory/services/not-a-service/", **SPANISH)
    denied = client.get("/admin/", follow=True, **SPANISH)

    assert missing.status_code == 404
    assert html_lang(missing) == "es"
    assert "No encontramos la página" in missing.content.decode()
    assert html_lang(denied) == "es"


def test_the_switch_remembers_the_choice_in_a_cookie_without_signing_in(client):
    response = client.post("/language/", {"language": "es", "next": "/reference/"})

    assert response.status_code == 302
    assert response["Location"] == "/reference/"
    assert client.cookies["django_language"].value == "es"
    page = client.get("/reference/")  # no Accept-Language: the cookie decides
    assert html_lang(page) == "es"
    assert 'value="en" lang="en">English</button>' in page.content.decode()


def test_the_switch_goes_back_to_the_same_search(client):
    """The form sends the path only; the filters come back from the Referer."""
    search = "http://testserver/reference/search/?q=housing"
    response = client.post(
        "/language/",
        {"language": "es", "next": "/reference/search/"},
        HTTP_REFERER=search,
    )
    elsewhere = client.post(
        "/language/",
        {"language": "es", "next": "/reference/"},
        HTTP_REFERER="https://elsewhere.example/reference/?q=x",
    )

    assert response["Location"] == search
    assert elsewhere["Location"] == "/reference/"


def test_the_switch_is_a_post_form(client):
    assert client.get("/language/?language=es").status_code == 405
    page = client.get("/accounts/login/").content.decode()
    assert re.search(r'<form method="post" action="/language/">', page)


def test_a_signed_in_choice_follows_the_account_to_another_browser(caseworker_client):
    caseworker_client.post("/language/", {"language": "es", "next": "/directory/"})
    assert Profile.objects.get(user__username="casey").language == "es"

    elsewhere = Client()
    signed_in = elsewhere.post(
        "/accounts/login/", {"username": "casey", "password": "a good long passphrase"}
    )

    assert signed_in.status_code == 302
    assert elsewhere.cookies["django_language"].value == "es"
    assert html_lang(elsewhere.get("/directory/")) == "es"


@pytest.fixture
def caseworker(db):
    user = make_user("casey", groups=["Case worker"])
    user.set_password("a good long passphrase")
    user.save()
    return user


def test_an_account_without_a_language_keeps_the_browsers(client, caseworker):
    response = client.post(
        "/accounts/login/", {"username": "casey", "password": "a good long passphrase"}
    )
    assert response.status_code == 302
    assert "django_language" not in response.cookies


def spanish_service(**fields):
    return make_service(
        "Drop-in Counseling",
        organization=make_organization("Harbor Youth Services"),
        description="Counseling for teens.",
        eligibility_description="Ages 12 to 21.",
        application_process="Call the intake line.",
        **fields,
    )


def test_spanish_pages_show_the_spanish_text(caseworker_client):
    service = spanish_service(
        name_es="Consejería sin cita",
        description_es="Consejería para adolescentes.",
        eligibility_description_es="De 12 a 21 años.",
        application_process_es="Llama a la línea de admisión.",
    )

    page = caseworker_client.get(service.get_absolute_url(), **SPANISH).content.decode()
    english = caseworker_client.get(service.get_absolute_url()).content.decode()

    for text in [
        "<h1>Consejería sin cita</h1>",
        "Consejería para adolescentes.",
        "De 12 a 21 años.",
        "Llama a la línea de admisión.",
    ]:
        assert text in page
    assert "Counseling for teens." not in page
    assert "(en inglés)" not in page
    assert "Counseling for teens." in english
    assert "Consejería" not in english


def test_missing_spanish_text_falls_back_to_english_marked(caseworker_client):
    service = spanish_service(description_es="Consejería para adolescentes.")

    page = caseworker_client.get(service.get_absolute_url(), **SPANISH).content.decode()

    # The name, the eligibility and how to refer have no Spanish: English, said to be so.
    assert '<h1 lang="en">Drop-in Counseling</h1>' in page
    assert re.search(r'<div class="prose" lang="en">.*Ages 12 to 21\.', page, re.S)
    assert re.search(r'<div class="prose" lang="en">.*Call the intake line\.', page, re.S)
    assert page.count('<span class="in-english">(en inglés)</span>') == 2
    assert "Consejería para adolescentes." in page


def test_the_result_cards_show_spanish_names_and_vocabulary(caseworker_client):
    spanish_service(
        name_es="Consejería sin cita",
        categories=["emergency-shelter"],
        languages=["es"],
        cost="sliding",
    )

    page = caseworker_client.get("/directory/", **SPANISH).content.decode()

    assert "Consejería sin cita" in page
    assert "Refugio de emergencia" in page  # the seeded category, in Spanish
    assert "Español" in page
    assert "Según ingresos" in page
    assert "Sliding scale" not in page


def test_the_directory_in_spanish_runs_as_many_queries(caseworker_client):
    for number in range(3):
        spanish_service(name_es=f"Servicio {number}", categories=["emergency-shelter"])
    # Warm the session and the caches; the kept search results are kept per language.
    caseworker_client.get("/directory/")
    caseworker_client.get("/directory/", **SPANISH)

    with CaptureQueriesContext(connection) as english:
        caseworker_client.get("/directory/")
    with CaptureQueriesContext(connection) as spanish:
        caseworker_client.get("/directory/", **SPANISH)
    assert len(spanish) == len(english)


def test_spanish_text_is_searched(caseworker_client):
    service = spanish_service(description_es="Apoyo con la vivienda y el refugio.")

    assert "refugio" in service.search_text
    assert list(Service.objects.search("refugio")) == [service]


def test_dates_are_written_the_readers_way(caseworker_client):
    service = spanish_service(assured_date=datetime.date(2026, 3, 5))

    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC)):
        english = caseworker_client.get(service.get_absolute_url()).content.decode()
        spanish = caseworker_client.get(service.get_absolute_url(), **SPANISH).content.decode()

    assert "March 5, 2026" in english
    assert "5 de marzo de 2026" in spanish


def test_curators_see_which_published_services_lack_spanish(curator_client):
    spanish_service(
        description_es="Consejería.",
        eligibility_description_es="De 12 a 21 años.",
        application_process_es="Llama.",
        publication="published",
    )
    lacking = make_service("Legal Clinic", description="Legal help.", publication="published")
    make_service("Draft Clinic", description="Not yet.", publication="draft")
    make_service("Name Only", publication="published")  # nothing to translate

    page = curator_client.get("/admin/directory/service/?spanish=missing").content.decode()
    names = set(re.findall(r'<th class="field-name"><a href="[^"]+">([^<]+)</a>', page))

    assert names == {lacking.name}
    assert "By Spanish text" in page  # the filter's title in the sidebar


def test_the_fact_sheet_stays_in_english_with_spanish_summaries(client):
    page = client.get("/reference/legal-services/", **SPANISH)
    html = page.content.decode()

    assert html_lang(page) == "es"
    assert "texto oficial en inglés" in html
    assert "Resumen en español (no es una traducción):" in html
    assert "records sealing, expungement, vacatur" in html  # the official words, untouched
    assert '<article class="reference factor" aria-labelledby="off-ramp-7" lang="en">' in html


@pytest.mark.django_db(transaction=True)
def test_the_password_reset_email_is_in_the_language_it_was_asked_in(client):
    user = make_user("casey")
    user.set_password("a good long passphrase")
    user.save()
    client.post("/accounts/password/reset/", {"email": "casey@example.org"}, **SPANISH)
    run_jobs()

    assert mail.outbox[0].subject == "Off-Ramps: elige una contraseña nueva"
    assert "Para elegir una contraseña nueva" in mail.outbox[0].body


def test_the_server_error_page_is_in_spanish_too(settings):
    settings.ROOT_URLCONF = "tests.urls_with_error"
    client = Client(raise_request_exception=False)
    response = client.get("/error-for-tests/", **SPANISH)

    assert response.status_code == 500
    assert html_lang(response) == "es"
    assert "Algo salió mal" in response.content.decode()


def test_the_import_report_groups_digits_the_readers_way():
    """Counts in an import report: 812,345 in English; 812 345 (a no-break space, as Spanish
    writes it) in Spanish."""
    from django.utils.translation import override

    from hsds.report import shown

    with override("en"):
        assert shown(1000, 812345, "error") == "1,000 of 812,345 errors shown."
    with override("es"):
        assert shown(1000, 812345, "error") == "Se muestran 1\xa0000 de 812\xa0345 errores."
