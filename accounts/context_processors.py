from accounts.roles import can_curate


def curation(request):
    """Whether to show the way into the admin.

    An error page may be drawn before anyone is signed in, or out: a request with a bad Host
    header is refused before AuthenticationMiddleware gives the request its user.
    """
    user = getattr(request, "user", None)
    return {"can_curate": user is not None and can_curate(user)}
