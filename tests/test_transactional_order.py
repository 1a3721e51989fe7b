"""Transactional tests of every kind, in any order, start with the migrations' data (the
role groups among it), restored without colliding with what an earlier test left: tests/
conftest.py. The order here is the one that broke: a test that restores the data, then one
that asks for a transactional database in its middle, then one that asks by its marker."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import role_permissions


def role_names():
    from django.contrib.auth.models import Permission

    return set(role_permissions(Permission))


def assert_the_roles_are_there_once():
    names = role_names()
    assert names
    assert set(Group.objects.filter(name__in=names).values_list("name", flat=True)) == names
    assert Group.objects.filter(name__in=names).count() == len(names)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_1_restoring_the_data():
    assert_the_roles_are_there_once()


def test_2_asking_for_a_transactional_database_midway(request):
    request.getfixturevalue("transactional_db")
    assert_the_roles_are_there_once()


@pytest.mark.django_db(transaction=True)
def test_4_a_plain_transactional_test():
    assert_the_roles_are_there_once()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_5_restoring_again():
    assert_the_roles_are_there_once()
