"""The curation pages: the curator's desk, problem reports, provider updates, the gap map."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.roles import can_curate


def curators_only(view):
    """For curators (and staff), as the admin is: anyone else gets a 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_curate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
