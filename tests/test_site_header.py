"""The header is drawn once per kind of reader and page ({% site_header %}), and each
request puts its own parts in: readers of different roles and languages in turn each see
their own links, words, referral count, CSRF token and page."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse

from accounts.roles import CASE_WORKER, COURT_STAFF, CURATOR
from core.templatetags import site_header
from tests.conftest import make_user
from tests.referral_helpers import make_list, make_services

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def header(html):
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def page(client, path="/directory/", **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


def count(html):
    found = re.findall(r"data-referral-count>(\d+)<", html)
    return int(found[0]) if found else None


def test_readers_of_different_roles_and_languages_in_turn_see_their_own_header():
    services = make_services(3)
    casey = make_user("casey", groups=[CASE_WORKER])
    cleo = make_user("cleo", groups=[CURATOR])
    judy = make_user("judy", groups=[COURT_STAFF])
    make_list(casey, services[:2])
    make_list(cleo, services[:1])
    casey_client, cleo_client, judy_client = signed_in(casey), signed_in(cleo), signed_in(judy)

    for _ in range(2):  # the second time round, every header comes from what was kept
        html = header(page(casey_client, **ENGLISH))
        assert count(html) == 2
        assert '>2</span><span class="visually-hidden"> services on the list</span>' in html
        assert "Directory" in html and "My referrals" in html
        assert "Desk" not in html and "Gap map" not in html and "Curate" not in html

        html = header(page(cleo_client, **SPANISH))
        assert count(html) == 1
        assert '>1</span><span class="visually-hidden"> servicio en la lista</span>' in html
        assert "Directorio" in html and "Escritorio" in html and "Mapa de faltantes" in html
        assert "Directory" not in html

        html = header(page(judy_client, **ENGLISH))
        assert count(html) is None and "Referral list" not in html and "My referrals" not in html
        assert "Gap map" in html and "Desk" not in html

    assert site_header.drawn  # kept


def test_the_count_follows_the_readers_list_at_once():
    casey = make_user("casey", groups=[CASE_WORKER])
    client = signed_in(casey)
    referral_list = make_list(casey, make_services(2))
    assert count(page(client)) == 2

    referral_list.items.first().delete()
    assert count(page(client)) == 1
    referral_list.items.all().delete()
    assert count(page(client)) == 0


def test_a_new_role_shows_its_links_on_the_next_page():
    casey = make_user("casey", groups=[CASE_WORKER])
    client = signed_in(casey)
    assert "Desk" not in header(page(client))

    casey.groups.add(Group.objects.get(name=CURATOR))
    assert "Desk" in header(page(client))

    casey.groups.clear()
    assert "Desk" not in header(page(client, "/reference/"))


def test_each_reader_gets_their_own_csrf_token_and_it_works():
    casey, cleo = make_user("casey", groups=[CASE_WORKER]), make_user("cleo", groups=[CURATOR])
    tokens = {}
    for user in (casey, cleo):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        html = page(client)
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', header(html)))
        assert len(found) == 1  # sign out and the language switch: the page's token
        [token] = found
        assert set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)) == found
        tokens[user.username] = token
        response = client.post(
            reverse("set_language"),
            {"language": "es", "next": "/directory/", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302
    assert tokens["casey"] != tokens["cleo"]


def test_the_language_switch_returns_to_the_readers_own_page_escaped():
    client = signed_in(make_user("casey", groups=[CASE_WORKER]))

    assert 'name="next" value="/directory/"' in header(page(client))
    assert 'name="next" value="/reference/"' in header(page(client, "/reference/"))
    response = client.get('/no-such-page/"><b>bold</b>/')
    html = header(response.content.decode())
    assert response.status_code == 404
    assert "<b>bold</b>" not in html
    assert 'value="/no-such-page/&quot;&gt;&lt;b&gt;bold&lt;/b&gt;/"' in html


def test_the_current_section_is_marked_on_each_page():
    client = signed_in(make_user("casey", groups=[CASE_WORKER]))

    for path, current in [
        ("/directory/", "Directory"),
        ("/reference/", "Fact sheet"),
        (reverse("referrals:referrals"), "My referrals"),
        ("/directory/", "Directory"),
    ]:
        html = header(page(client, path))
        assert re.findall(r'aria-current="page">([^<]+)<', html) == [current]


def test_signed_out_and_superusers():
    html = header(page(Client(), reverse("login")))
    assert "Sign in" in html and "Sign out" not in html and "Directory" in html

    root = User.objects.create_superuser("root", "root@example.org", "x")
    html = header(page(signed_in(root)))
    assert "Sign out" in html and "Desk" in html and "Gap map" in html and "Curate" in html
    html = header(page(Client(), reverse("login")))
    assert "Sign in" in html and "Desk" not in html


def test_two_readers_of_one_role_in_two_languages_in_turn():
    services = make_services(3)
    ana, bob = make_user("ana", groups=[CASE_WORKER]), make_user("bob", groups=[CASE_WORKER])
    make_list(ana, services[:1])
    make_list(bob, services)
    ana_client, bob_client = signed_in(ana), signed_in(bob)

    for _ in range(2):
        html = header(page(ana_client, **SPANISH))
        assert "Directorio" in html and "Cerrar sesión" in html and "Directory" not in html
        assert count(html) == 1
        html = header(page(bob_client, **ENGLISH))
        assert "Directory" in html and "Sign out" in html and "Directorio" not in html
        assert count(html) == 3


def test_a_permission_granted_to_one_reader_shows_only_in_their_header():
    gap_map = Permission.objects.get(content_type__app_label="curation", codename="view_gap_map")
    ana, bob = make_user("ana", groups=[CASE_WORKER]), make_user("bob", groups=[CASE_WORKER])
    bob.user_permissions.add(gap_map)  # by name, beyond his role
    ana_client, bob_client = signed_in(ana), signed_in(bob)

    for _ in range(2):
        assert "Gap map" not in header(page(ana_client))
        assert "Gap map" in header(page(bob_client))
