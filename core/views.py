"""Site-wide views that belong to no feature app."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
@cache_control(max_age=86400)
def favicon(request):
    """/favicon.ico, which browsers and bookmark tools ask for whatever a page links (base.html
    links it and favicon.svg): the icon in static, under its hashed name."""
    return redirect(static("favicon.ico"))
