import pytest
from django.contrib.auth.models import Group, User


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username="casey", groups=(), **fields):
    user = User.objects.create_user(username=username, email=f"{username}@example.org", **fields)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def caseworker(db):
    return make_user("casey", groups=["Case worker"])


@pytest.fixture
def caseworker_client(client, caseworker):
    """A signed-in case worker: what most directory pages are for."""
    client.force_login(caseworker)
    return client


@pytest.fixture
def curator(db):
    return make_user("cora", groups=["Curator"], is_staff=True)


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def superuser_client(client, db):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client
