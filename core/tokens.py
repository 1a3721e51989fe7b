"""Links that work without signing in: a random token in the URL, only its hash stored.

One mechanism for every such link (a referral list shared with a youth, a provider's update
request, a provider's capacity link): a copy of the database opens none of them.
"""

import hashlib
import hmac
import secrets

from django.utils.cache import add_never_cache_headers

# Longer than any token we make: a longer one is refused before it is hashed.
TOKEN_MAX_LENGTH = 100


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(nbytes=24):
    """(token, its hash): `nbytes` random bytes, URL-safe. The token is shown once."""
    token = secrets.token_urlsafe(nbytes)
    return token, hash_token(token)


def find_by_token(queryset, token, field="token_hash"):
    """The record of `queryset` whose token this is, or None."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    digest = hash_token(token)
    record = queryset.filter(**{field: digest}).first()
    if record is None or not hmac.compare_digest(getattr(record, field), digest):
        return None
    return record


def private(response):
    """A page behind such a link: no search engine, no Referer header to other sites, no
    cache."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    add_never_cache_headers(response)
    return response
