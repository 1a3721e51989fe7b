"""The client's IP address behind settings.TRUSTED_PROXIES proxies (core/network.py).

It is what the login lockout counts failures by and what the confidential address log
records, so a client must not be able to choose it by sending X-Forwarded-For.
"""

import pytest
from django.test import RequestFactory

from core.network import client_ip

PROXY = "10.0.0.2"  # the nearest proxy: what the app sees as REMOTE_ADDR


def ip(forwarded=None, remote_addr=PROXY):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers))


def test_without_proxies_it_is_the_connecting_address_whatever_the_header_says(settings):
    settings.TRUSTED_PROXIES = 0

    assert ip("198.51.100.7", remote_addr="203.0.113.5") == "203.0.113.5"


def test_behind_one_proxy_it_is_the_address_that_proxy_appended(settings):
    settings.TRUSTED_PROXIES = 1

    # The client sent "198.51.100.66" itself; the proxy appended the address it saw.
    assert ip("198.51.100.66, 203.0.113.5") == "203.0.113.5"


def test_behind_two_proxies_it_is_the_second_entry_from_the_right(settings):
    settings.TRUSTED_PROXIES = 2

    # forged by the client, then the client as the outer proxy saw it, then the outer proxy
    assert ip("198.51.100.66, 203.0.113.5, 10.0.0.1") == "203.0.113.5"


def test_exactly_as_many_entries_as_proxies_is_enough(settings):
    settings.TRUSTED_PROXIES = 2

    assert ip("203.0.113.5, 10.0.0.1") == "203.0.113.5"


def test_one_entry_short_falls_back_to_the_connecting_address(settings):
    settings.TRUSTED_PROXIES = 2

    # A proxy that did not add its entry: no entry can be trusted, so none is used.
    assert ip("203.0.113.5") == PROXY


def test_no_header_behind_a_proxy_falls_back_to_the_connecting_address(settings):
    settings.TRUSTED_PROXIES = 1

    assert ip() == PROXY
    assert ip("") == PROXY


def test_spaces_and_empty_parts_are_ignored(settings):
    settings.TRUSTED_PROXIES = 2

    assert ip("  203.0.113.5 ,, ,\t10.0.0.1  ") == "203.0.113.5"


@pytest.mark.parametrize("forwarded", ["not-an-address", "203.0.113.5:443", "unknown", "999.1.1.1"])
def test_an_entry_that_is_not_an_ip_address_gives_none(settings, forwarded):
    settings.TRUSTED_PROXIES = 1

    assert ip(f"198.51.100.66, {forwarded}") is None


def test_a_connecting_address_that_is_not_an_ip_address_gives_none(settings):
    settings.TRUSTED_PROXIES = 0

    assert ip(remote_addr="") is None
    assert ip(remote_addr="localhost") is None


def test_an_ipv6_address_is_written_the_standard_way(settings):
    settings.TRUSTED_PROXIES = 1

    assert ip("2001:DB8:0:0::1") == "2001:db8::1"
