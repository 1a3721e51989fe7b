"""Django's AuthenticationMiddleware, handing the user read with the session (if it was) to
accounts.backends.SessionUserBackend, which spares the statement of its own."""

from django.contrib import auth
from django.contrib.auth import middleware
from django.utils.functional import SimpleLazyObject

from accounts.backends import user_read_with_session


def get_user(request):
    if not hasattr(request, "_cached_user"):
        session = request.session
        session.get(auth.SESSION_KEY)  # read now, with its user if this process knows whose
        token = user_read_with_session.set(getattr(session, "user_read_with_it", None))
        try:
            request._cached_user = auth.get_user(request)
        finally:
            user_read_with_session.reset(token)
    return request._cached_user


class AuthenticationMiddleware(middleware.AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))
