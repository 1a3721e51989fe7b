"""The directory page names categories, languages, tags, areas and remedies from the
vocabulary each process holds per data version (directory/panel.py), and draws its result
cards and filter choices from it (directory/cards.py): what a reader notices is that a
change to the vocabulary shows at once, on the cards and in the filters, and that each
reader gets their own language."""

import pytest

from directory.models import Category, Language, LegalRemedy
from tests.factories import make_service

pytestmark = pytest.mark.django_db

URL = "/directory/"


def card_of(page, name):
    """The result card of the service called `name`."""
    return page.split(f">{name}</a>", 1)[1].split("</li>\n", 1)[0]


def language_choices(page):
    return page.split("<legend>Language</legend>", 1)[1].split("</fieldset>", 1)[0]


def test_a_renamed_language_shows_at_once_on_cards_and_in_the_filters(caseworker_client):
    make_service("Night shelter", languages=["es"])
    page = caseworker_client.get(URL, {"q": "shelter"}).content.decode()
    assert "<dd>Spanish</dd>" in card_of(page, "Night shelter")
    assert "> Spanish <" in language_choices(page)

    spanish = Language.objects.get(code="es")
    spanish.name = "Castilian"
    spanish.save()
    for query in ({"q": "shelter"}, {}):  # a search asked before, and one not
        page = caseworker_client.get(URL, query).content.decode()
        assert "<dd>Castilian</dd>" in card_of(page, "Night shelter")
        assert "> Castilian <" in language_choices(page)
        assert "Spanish" not in language_choices(page)


def test_a_new_category_can_be_chosen_at_once(caseworker_client):
    make_service("Night shelter", categories=["housing"])
    assert caseworker_client.get(URL, {"category": "housing"}).status_code == 200
    housing = Category.objects.get(slug="housing")
    Category.objects.create(name="Night beds", slug="night-beds", parent=housing)

    page = caseworker_client.get(URL, {"category": "night-beds"}).content.decode()
    assert "That is not a category in the directory." not in page
    assert 'value="night-beds" checked' in page
    assert "0 services" in page


def test_a_removed_language_is_no_longer_a_choice(caseworker_client):
    make_service("Night shelter", languages=["es"])
    Language.objects.create(code="xx", name="Example")
    page = caseworker_client.get(URL, {"language": "xx"}).content.decode()
    assert "That is not a language in the directory." not in page

    Language.objects.filter(code="xx").delete()
    page = caseworker_client.get(URL, {"language": "xx"}).content.decode()
    assert "That is not a language in the directory." in page


def test_a_renamed_remedy_shows_at_once_in_the_filters(caseworker_client):
    service = make_service("Record relief clinic")
    vacatur = LegalRemedy.objects.get(slug="vacatur")
    service.remedies.set([vacatur])
    choice = 'name="remedy" value="vacatur">'
    assert f"{choice} Vacatur <" in caseworker_client.get(URL).content.decode()

    vacatur.name = "Vacating convictions"
    vacatur.save()
    page = caseworker_client.get(URL).content.decode()
    assert f"{choice} Vacating convictions <" in page and f"{choice} Vacatur <" not in page


def test_cards_and_filters_are_in_each_readers_language(caseworker_client, settings):
    make_service("Night shelter", categories=["housing"], languages=["es"])
    english = caseworker_client.get(URL).content.decode()
    caseworker_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    for _ in range(2):  # drawn for this language, then kept
        spanish = caseworker_client.get(URL).content.decode()
        card = card_of(spanish, "Night shelter")
        assert '<li class="tag">Vivienda</li>' in card
        assert "<dt>Idiomas</dt><dd>Español</dd>" in card
        assert "> Vivienda <" in spanish and "> Housing <" not in spanish
        assert ">Salida " in spanish and ">Off-ramp " not in spanish
    caseworker_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for page in (english, caseworker_client.get(URL).content.decode()):
        card = card_of(page, "Night shelter")
        assert '<li class="tag">Housing</li>' in card
        assert "<dt>Languages</dt><dd>Spanish</dd>" in card
        assert ">Off-ramp " in page and ">Salida " not in page
