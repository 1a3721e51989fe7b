"""Share links as the worker sees them: the token, shown while they stay signed in, and the
text message that carries it."""

from django.urls import reverse

SESSION_KEY = "referral_share_tokens"
# Tokens kept in the session for the handout's QR code: the newest few.
REMEMBERED = 10


def share_url(request, token):
    return request.build_absolute_uri(reverse("referrals:shared", args=[token]))


def remember_token(request, link, token):
    """Only a hash of the token is stored with the link. The worker's own session keeps the
    token (until sign-out, at most SESSION_MAX_HOURS), so their pages can show the link and
    its QR code again."""
    tokens = dict(request.session.get(SESSION_KEY, {}))
    tokens[str(link.pk)] = token
    request.session[SESSION_KEY] = dict(list(tokens.items())[-REMEMBERED:])


def remembered_tokens(request):
    return request.session.get(SESSION_KEY, {})


def sms_text(items, url):
    """A text message: each service's name and intake phone, then the link."""
    lines = []
    for entry in items:
        service = entry.service
        lines.append(
            f"{service.name}: {service.intake_phone}" if service.intake_phone else service.name
        )
    lines.append(url)
    return "\n".join(lines)
