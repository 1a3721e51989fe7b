"""A user's permissions read in one query (settings.AUTHENTICATION_BACKENDS).

Django's ModelBackend reads a user's own permissions and their groups' (their roles,
accounts/roles.py) in two queries, the first time a request asks `has_perm`: every signed-in
page does, for its header. This backend reads both in one (a UNION ALL, each row saying
which side it came from) and keeps them on the user object exactly where ModelBackend keeps
its own (`_user_perm_cache`, `_group_perm_cache`, `_perm_cache`), so that ModelBackend, after
it in the list, answers from them and asks nothing more.

The rules are ModelBackend's: an inactive or anonymous user has no permission, a superuser
has every one, and no permission is given on one object. It signs nobody in and loads no
user (it has no `get_user`): SessionUserBackend, after it, does.

SessionUserBackend is ModelBackend (it signs people in, and sessions name it), but for
where it reads the signed-in user from: the row read with the session, in the same
statement, when the session engine had it (config/sessions.py; handed over for the length
of one `auth.get_user` by accounts.middleware.AuthenticationMiddleware), else a statement of
its own, as ModelBackend does. Either way the user is checked as Django checks it: active
(`user_can_authenticate`), and the session's password hash (`auth.get_user`).
"""

from contextvars import ContextVar
from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Value

USER = "user"
GROUP = "group"

# The user read with the session (config/sessions.py), while auth.get_user reads the
# request's user (accounts/middleware.py); None at any other time.
user_read_with_session = ContextVar("user_read_with_session", default=None)


class SessionUserBackend(ModelBackend):
    def get_user(self, user_id):
        user = user_read_with_session.get()
        if user is None or user.pk != user_id:
            return super().get_user(user_id)
        return user if self.user_can_authenticate(user) else None


class RolePermissionBackend:
    def authenticate(self, request, **credentials):
        return None

    def get_user_permissions(self, user_obj, obj=None):
        return self._permissions(user_obj, obj, USER)

    def get_group_permissions(self, user_obj, obj=None):
        return self._permissions(user_obj, obj, GROUP)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = {
                *self.get_user_permissions(user_obj),
                *self.get_group_permissions(user_obj),
            }
        return user_obj._perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        return user_obj.is_active and perm in self.get_all_permissions(user_obj, obj=obj)

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and any(
            perm[: perm.index(".")] == app_label for perm in self.get_all_permissions(user_obj)
        )

    def _permissions(self, user_obj, obj, side):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, f"_{side}_perm_cache"):
            load_permissions(user_obj)
        return getattr(user_obj, f"_{side}_perm_cache")


def load_permissions(user):
    """Keep the user's own and their groups' permissions on it, as ModelBackend would, read
    in one query."""
    sql, params = permissions_sql(connection.vendor, user.is_superuser)
    found = {USER: set(), GROUP: set()}
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk if param == ANY_USER else param for param in params])
        for side, app_label, codename in cursor.fetchall():
            found[side].add(f"{app_label}.{codename}")
    if user.is_superuser:  # ModelBackend gives a superuser every permission, both ways
        found[GROUP] = set(found[USER])
    user._user_perm_cache = found[USER]
    user._group_perm_cache = found[GROUP]


# Stands for the user's id in the statements below, compiled once.
ANY_USER = -4711


@cache
def permissions_sql(vendor, superuser):
    """The statement of a user's permissions: rows of (side, app label, codename), side
    USER for their own and GROUP for their groups'. Compiled once per process, as every
    signed-in request asks it and building it through the ORM cost more CPU than running it;
    the user's id is put in for ANY_USER."""
    fields = ("side", "content_type__app_label", "codename")
    if superuser:
        every = Permission.objects.annotate(side=Value(USER)).values_list(*fields).order_by()
        return every.query.sql_with_params()
    own = Permission.objects.filter(user=ANY_USER).annotate(side=Value(USER))
    roles = Permission.objects.filter(group__user=ANY_USER).annotate(side=Value(GROUP))
    rows = (
        own.values_list(*fields).order_by().union(roles.values_list(*fields).order_by(), all=True)
    )
    sql, params = rows.query.sql_with_params()
    assert list(params).count(ANY_USER) == 2, "the user's id must be a parameter, both sides"
    return sql, params
