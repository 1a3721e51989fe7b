from django.conf import settings


def quick_exit(request):
    """Where every page's "Quick exit" goes (settings.QUICK_EXIT_URL)."""
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL}
