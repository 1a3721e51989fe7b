"""Signing in and out, and the account pages that speak about the lockout (accounts.lockout)."""

from urllib.parse import urlsplit

import axes.utils
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from accounts.demo import demo_accounts_to_show
from accounts.models import Profile


def set_language_cookie(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@login_not_required
@require_POST
def set_language(request):
    """The language switch in the header: Django's set_language (the cookie, then back to the
    page), open before signing in, and saved on the account of someone signed in.

    The form sends the page's path only (`next`), so that no page repeats its query string
    in its body; the query string (a search's filters) comes back from the Referer, when the
    browser sent one for that same page.
    """
    referer = request.META.get("HTTP_REFERER", "")
    same_page = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) and urlsplit(referer).path == request.POST.get("next")
    if same_page:
        request.POST = request.POST.copy()
        request.POST["next"] = referer
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        Profile.objects.update_or_create(user=request.user, defaults={"language": language})
    return response


class LoginView(auth_views.LoginView):
    """The sign-in page, which warns when one more failure would pause signing in.

    On a development site (DEBUG on) it also lists the demo accounts (accounts/demo.py).
    """

    def get_context_data(self, **kwargs):
        return super().get_context_data(demo_accounts=demo_accounts_to_show(), **kwargs)

    def form_valid(self, form):
        """The account's own language, when it chose one, wins over this browser's."""
        response = super().form_valid(form)
        language = (
            Profile.objects.filter(user=form.get_user()).values_list("language", flat=True).first()
        )
        if language:
            set_language_cookie(response, language)
        return response

    def form_invalid(self, form):
        failures = getattr(self.request, "axes_failures_since_start", None)
        last_try = failures is not None and settings.AXES_FAILURE_LIMIT - failures == 1
        return self.render_to_response(
            self.get_context_data(
                form=form,
                last_try=last_try,
                cooloff_minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            )
        )


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have signed out."))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password by email also lifts a pause on that account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes.utils.reset(username=self.user.get_username())
        return response
