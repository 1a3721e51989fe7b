"""The client's IP address, behind settings.TRUSTED_PROXIES proxies."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's IP address, as the nearest of settings.TRUSTED_PROXIES proxies saw it.

    Without proxies it is REMOTE_ADDR. X-Forwarded-For is read from the right, so a client
    cannot pick its own address by sending the header. Also used by django-axes.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if settings.TRUSTED_PROXIES:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= settings.TRUSTED_PROXIES:
            address = forwarded[-settings.TRUSTED_PROXIES]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
