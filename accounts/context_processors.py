from accounts.roles import can_curate


def curation(request):
    """Whether to show the way into the admin."""
    return {"can_curate": can_curate(request.user)}
