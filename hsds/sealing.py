"""Feed tokens at rest: sealed (encrypted and authenticated, Fernet) with a key drawn from
settings.HSDS_FEED_KEY, else from SECRET_KEY. A copy of the database alone does not give
them away; changing the key makes the saved tokens unreadable (the sync says so: enter the
token again)."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class Unreadable(Exception):
    """The sealed token was sealed with another key."""


def _fernet():
    secret = getattr(settings, "HSDS_FEED_KEY", "") or settings.SECRET_KEY
    digest = hashlib.sha256(b"off-ramps hsds feed token\0" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(text):
    return _fernet().encrypt(text.encode()).decode()


def unseal(sealed):
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except (InvalidToken, ValueError):
        raise Unreadable from None
