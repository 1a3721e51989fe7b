"""The handout (page and PDF) and the share page: what they show, in which language, and
what they never show."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from referrals import text
from referrals.models import ShareLink
from tests.conftest import make_user
from tests.factories import make_service
from tests.referral_helpers import make_list, make_services, make_shelter_service

pytestmark = pytest.mark.django_db

SENTINELS = ["QX7SENTINEL", "QX7Z9"]


def handout_url(referral_list, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("referrals:handout", args=[referral_list.pk]) + (f"?{query}" if query else "")


@pytest.fixture
def shelter_list(caseworker):
    service = make_shelter_service()
    return make_list(caseworker, [service], notes={service.name: "ask for Ana at intake"})


def test_the_handout_shows_what_the_youth_needs(caseworker_client, shelter_list):
    html = caseworker_client.get(handout_url(shelter_list)).content.decode()

    for shown in [
        "Safe Harbor Shelter",
        "Safe Harbor",
        "Emergency shelter for youth.",
        "555-0199",
        "intake@harbor.example",
        "24/7",
        "Free",
        "Spanish",
        "Call the intake line any time.",
        "Harbor office, 1 Open Way, Riverton, IL",
        "Harbor safe house: confidential, call the intake line for the address",
        "1-888-373-7888",
        "988",
        "211",
    ]:
        assert shown in html, shown
    assert "More details." not in html  # what it is, in one paragraph
    assert "ask for Ana" not in html  # notes only when asked for
    assert (
        "ask for Ana"
        in caseworker_client.get(handout_url(shelter_list, notes="on")).content.decode()
    )


@pytest.mark.parametrize("permission", [False, True])
def test_the_handout_never_shows_a_confidential_address(client, permission):
    from django.contrib.auth.models import Permission

    worker = make_user("casey", groups=["Case worker"])
    if permission:  # even a worker who may see the address on the service page
        worker.user_permissions.add(Permission.objects.get(codename="view_confidential_location"))
    client.force_login(worker)
    referral_list = make_list(worker, [make_shelter_service()])

    html = client.get(handout_url(referral_list)).content.decode()

    assert not [sentinel for sentinel in SENTINELS if sentinel in html]


def test_a_spanish_handout_is_marked_spanish_and_says_the_service_text_is_english(
    caseworker_client, shelter_list
):
    html = caseworker_client.get(handout_url(shelter_list, lang="es")).content.decode()

    assert '<article class="handout" lang="es">' in html
    assert "(in English)" in html or "(en inglés)" in html
    # The handout's strings are looked up in Spanish: "Email" is in Django's own catalog.
    assert "Correo electrónico" in html
    # ...and the page around it stays in the worker's language.
    assert "Back to the referral list" in html
    english = caseworker_client.get(handout_url(shelter_list)).content.decode()
    assert '<article class="handout" lang="en">' in english
    assert "(in English)" not in english
    assert "Correo electrónico" not in english


def test_a_spanish_handout_shows_the_services_spanish_text(caseworker_client, shelter_list):
    service = shelter_list.items.get().service
    service.description_es = "Camas de emergencia para jóvenes, todas las noches."
    service.application_process_es = "Llama a la línea de admisión a cualquier hora."
    service.save()

    spanish = caseworker_client.get(handout_url(shelter_list, lang="es")).content.decode()
    english = caseworker_client.get(handout_url(shelter_list)).content.decode()

    assert "Camas de emergencia para jóvenes" in spanish
    assert "Llama a la línea de admisión" in spanish
    assert "Camas de emergencia" not in english


def test_a_spanish_handout_and_share_page_name_the_service_and_its_languages_in_spanish(
    caseworker_client, client, shelter_list
):
    service = shelter_list.items.get().service
    service.name_es = "Refugio Puerto Seguro"
    service.save()
    service.organization.name_es = "Puerto Seguro"
    service.organization.save()
    _link, token = ShareLink.make(shelter_list)

    for spanish in [
        caseworker_client.get(handout_url(shelter_list, lang="es")).content.decode(),
        client.get(reverse("referrals:shared", args=[token]) + "?lang=es").content.decode(),
    ]:
        assert "Refugio Puerto Seguro" in spanish
        assert "Puerto Seguro</p>" in spanish
        assert "Español" in spanish  # the service's language, as the directory names it
        assert "Spanish" not in spanish
    english = caseworker_client.get(handout_url(shelter_list)).content.decode()
    assert "Safe Harbor Shelter" in english and "Spanish" in english
    assert "Refugio Puerto Seguro" not in english


def test_an_unknown_language_falls_back_to_english(caseworker_client, shelter_list):
    html = caseworker_client.get(handout_url(shelter_list, lang="xx")).content.decode()
    assert '<article class="handout" lang="en">' in html


def test_service_text_is_the_one_place_that_picks_the_language():
    service = make_service(description="What we do.")
    assert text.service_text(service, "description", "en") == ("What we do.", False)
    assert text.service_text(service, "description", "es") == ("What we do.", True)
    assert text.service_text(service, "hours", "es") == ("", False)
    with pytest.raises(ValueError):
        text.service_text(service, "name", "es")


def test_the_pdf_is_made_on_the_server_with_the_same_content(caseworker_client, shelter_list):
    response = caseworker_client.get(reverse("referrals:handout_pdf", args=[shelter_list.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="referral-handout-')
    pdf = PdfReader(io.BytesIO(response.content))
    words = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert len(pdf.pages) == 1
    for shown in [
        "Services for you",
        "Safe Harbor Shelter",
        "555-0199",
        "Harbor office, 1 Open Way",
        "Harbor safe house: confidential, call the intake line for the address",
        "1-888-373-7888",
    ]:
        assert shown in words, shown
    assert "QX7" not in words
    assert "Download as PDF" not in words  # the page's controls are not part of the handout


def share(client, referral_list, **data):
    data.setdefault("days", 30)
    return client.post(reverse("referrals:share", args=[referral_list.pk]), data, follow=True)


def shared_url_from(html):
    start = html.index("/r/")
    return html[start : html.index('"', start)]


def test_sharing_shows_the_link_the_sms_text_and_a_qr_code_on_the_handout(
    caseworker_client, shelter_list
):
    html = share(caseworker_client, shelter_list).content.decode()

    url = shared_url_from(html)
    link = ShareLink.objects.get()
    token = url.removeprefix("/r/").rstrip("/")
    assert len(token) >= 32  # 24 random bytes
    assert token not in link.token_hash  # only its hash is stored
    assert "Safe Harbor Shelter: 555-0199\nhttp://testserver/r/" in html  # the SMS text
    handout = caseworker_client.get(handout_url(shelter_list)).content.decode()
    assert 'class="segno"' in handout and url in handout


def test_sharing_twice_in_a_row_makes_one_link_and_other_settings_another(
    caseworker_client, shelter_list
):
    share(caseworker_client, shelter_list)
    share(caseworker_client, shelter_list)  # a double submit
    assert ShareLink.objects.count() == 1
    share(caseworker_client, shelter_list, include_notes="on")
    share(caseworker_client, shelter_list, days=7)
    assert ShareLink.objects.count() == 3


def test_the_access_log_hides_the_token(client, shelter_list, caplog):
    _link, token = ShareLink.make(shelter_list)
    with caplog.at_level("INFO", logger="offramps.access"):
        client.get(reverse("referrals:shared", args=[token]))
    assert "GET /r/[token]/ 200" in caplog.text
    assert token not in caplog.text


def test_the_share_page_opens_signed_out_and_never_indexed(client, caseworker, shelter_list):
    link, token = ShareLink.make(shelter_list)

    response = client.get(reverse("referrals:shared", args=[token]))

    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "Safe Harbor Shelter" in html and "555-0199" in html
    assert "call the intake line for the address" in html
    assert not [sentinel for sentinel in SENTINELS if sentinel in html]
    assert "ask for Ana" not in html


def test_the_share_page_shows_notes_only_when_ticked(client, shelter_list):
    _link, token = ShareLink.make(shelter_list, include_notes=True)
    html = client.get(reverse("referrals:shared", args=[token])).content.decode()
    assert "ask for Ana at intake" in html


def test_the_share_page_escapes_a_note(client, caseworker):
    service = make_service()
    referral_list = make_list(
        caseworker, [service], notes={service.name: "<b>hi</b><script>x</script>"}
    )
    _link, token = ShareLink.make(referral_list, include_notes=True)
    html = client.get(reverse("referrals:shared", args=[token])).content.decode()
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_the_share_page_in_spanish(client, shelter_list):
    _link, token = ShareLink.make(shelter_list)
    html = client.get(reverse("referrals:shared", args=[token]) + "?lang=es").content.decode()
    assert '<html lang="es">' in html


def test_the_share_page_and_the_handout_start_in_the_readers_language(
    client, caseworker_client, shelter_list
):
    """A youth whose phone speaks Spanish opens the link in Spanish; a worker reading the
    site in Spanish gets a Spanish handout unless they pick English."""
    _link, token = ShareLink.make(shelter_list)
    url = reverse("referrals:shared", args=[token])
    assert '<html lang="es">' in client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="en">' in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    english = client.get(url + "?lang=en", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="en">' in english

    spanish = caseworker_client.get(handout_url(shelter_list), HTTP_ACCEPT_LANGUAGE="es")
    assert '<article class="handout" lang="es">' in spanish.content.decode()
    chosen = caseworker_client.get(handout_url(shelter_list, lang="en"), HTTP_ACCEPT_LANGUAGE="es")
    assert '<article class="handout" lang="en">' in chosen.content.decode()


def test_an_expired_link_gets_a_plain_page_with_the_crisis_lines(client, shelter_list):
    _link, token = ShareLink.make(shelter_list, days=1)

    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        response = client.get(reverse("referrals:shared", args=[token]))

    html = response.content.decode()
    assert response.status_code == 410
    assert "This link no longer works" in html
    for number in ["211", "988", "1-888-373-7888"]:
        assert number in html
    assert "Safe Harbor Shelter" not in html


def test_a_revoked_link_stops_working(caseworker_client, client, shelter_list):
    link, token = ShareLink.make(shelter_list)

    caseworker_client.post(reverse("referrals:revoke", args=[shelter_list.pk, link.pk]))

    assert client.get(reverse("referrals:shared", args=[token])).status_code == 410


@pytest.mark.parametrize("token", ["forged-token", "x" * 200, "a" * 32])
def test_a_forged_token_gets_the_plain_page(client, shelter_list, token):
    ShareLink.make(shelter_list)
    response = client.get(reverse("referrals:shared", args=[token]))
    assert response.status_code == 404
    assert "There is no list at this address" in response.content.decode()
    assert "Safe Harbor Shelter" not in response.content.decode()


@pytest.mark.parametrize("days", ["0", "91", "soon", ""])
def test_a_share_link_lasts_1_to_90_days(caseworker_client, shelter_list, days):
    response = share(caseworker_client, shelter_list, days=days)
    assert not ShareLink.objects.exists()
    assert "Link works for (days)" in response.content.decode()


def test_a_share_link_expires_after_the_chosen_days(caseworker_client, shelter_list):
    share(caseworker_client, shelter_list, days=90)
    link = ShareLink.objects.get()
    assert timedelta(days=89, hours=23) < link.expires_at - timezone.now() <= timedelta(days=90)


def test_the_share_page_leaves_out_services_no_longer_offered(client, caseworker):
    open_service, closed = make_services(2)
    referral_list = make_list(caseworker, [open_service, closed])
    closed.status = "inactive"
    closed.save()
    _link, token = ShareLink.make(referral_list)
    html = client.get(reverse("referrals:shared", args=[token])).content.decode()
    assert open_service.name in html and closed.name not in html


@pytest.mark.parametrize("rows", [1, 20])
def test_the_handout_runs_a_fixed_number_of_queries(
    caseworker_client, caseworker, rows, django_assert_num_queries
):
    referral_list = make_list(caseworker, make_services(rows, languages=["es", "en"]))
    caseworker_client.get(handout_url(referral_list))
    # session+user in one, permissions (user's and groups', in one), the list, its active
    # share links, its services with their organizations, their languages, their locations,
    # the header.
    with django_assert_num_queries(8):
        response = caseworker_client.get(handout_url(referral_list))
    assert response.content.decode().count('class="handout__service"') == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_the_share_page_runs_a_fixed_number_of_queries(
    client, caseworker, rows, django_assert_num_queries
):
    referral_list = make_list(caseworker, make_services(rows, languages=["es"]))
    _link, token = ShareLink.make(referral_list)
    # the link with its list, the services with their organizations, languages, locations.
    with django_assert_num_queries(4):
        response = client.get(reverse("referrals:shared", args=[token]))
    assert response.content.decode().count('class="handout__service"') == rows


def test_the_new_pages_hold_no_inline_script_or_style(caseworker_client, client, shelter_list):
    from tests.test_hardening import INLINE_SCRIPT, STYLE_ATTRIBUTE, STYLE_ELEMENT

    share(caseworker_client, shelter_list)
    _link, token = ShareLink.make(shelter_list)
    pages = [
        caseworker_client.get(reverse("referrals:current")),
        caseworker_client.get(handout_url(shelter_list, lang="es", notes="on")),
        client.get(reverse("referrals:shared", args=[token])),
        client.get(reverse("referrals:shared", args=["gone"])),
    ]
    assert 'class="segno"' in pages[1].content.decode()  # the QR code is checked too
    for response in pages:
        html = response.content.decode()
        for pattern in [INLINE_SCRIPT, STYLE_ATTRIBUTE, STYLE_ELEMENT]:
            assert not pattern.search(html), pattern.search(html)[0]
