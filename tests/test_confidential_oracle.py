"""Nobody learns a confidential address by asking yes-or-no questions about it.

A list that can be filtered, searched or sorted by a field answers questions about that
field with its rows, even if it never shows it: "shelter, and address starts with 7?" (one
row) or "...with 8?" (none) spells out a street address a character at a time. Here every
question is asked twice about a sentinel shelter, with a right and a wrong guess, and the
two answers must be the same: in every admin list on the admin site (walked from its
registry, so a later admin is asked too), through every relation that leads to a location,
in searches, the autocomplete, the change history and the HSDS API, as every role. Sorting
gets no guess: the same question must get the same answer after the address has changed.

Nobody gets an answer, not even holders of the permission to see addresses (a superuser
holds every permission): the admin refuses or ignores every such question.
"""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils.http import urlencode

from directory.models import ConfidentialAccess, Location
from tests.factories import make_location
from tests.site_map import ROLES, build_world, sign_in

pytestmark = pytest.mark.django_db

SECRET = {
    "address_1": "7741 Sentinel Way",
    "address_2": "Unit 7B",
    "postal_code": "99730",
    "latitude": "41.774100",
    "longitude": "-87.773000",
}
# The same shelter, moved: sorted by any of these, it goes from last to first.
OTHER_SECRET = {
    "address_1": "1 Sentinel Way",
    "address_2": "Unit 1A",
    "postal_code": "00120",
    "latitude": "-41.100000",
    "longitude": "-120.100000",
}

# (field, lookup, right guess, wrong guess): prefixes, ranges, substrings, patterns, sets.
GUESSES = [
    ("address_1", "startswith", "7", "8"),
    ("address_1", "icontains", "sentinel", "nonesuch"),
    ("address_1", "regex", "^77", "^88"),
    ("address_1", "gte", "7", "8"),
    ("address_1", "in", "7741 Sentinel Way", "8841 Sentinel Way"),
    ("address_2", "icontains", "7b", "8c"),
    ("postal_code", "startswith", "997", "998"),
    ("postal_code", "lt", "99731", "99730"),
    ("latitude", "gte", "41.7", "41.8"),
    ("longitude", "lt", "-87.7", "-87.8"),
]
# What a curator would type in a search box or an autocomplete.
SEARCH_GUESSES = [("7741", "8841"), ("Sentinel Way", "Nonesuch Way"), ("99730", "99731")]

NEXT = re.compile(r"next=[^&]*")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def world():
    world = build_world()
    world.sentinel = make_location(
        world.organization,
        services=[world.service],
        name="Harbor refuge",
        confidential=True,
        **SECRET,
    )
    return world


def leads_to_a_location(model):
    return getattr(model, "instance_type", model) is Location  # or its history


def location_prefixes(model, depth=3, keep=3):
    """The shortest lookup prefixes from a model to a location: "", "locations__", ..."""
    found, frontier = [], [(model, "")]
    for _ in range(depth + 1):
        further = []
        for current, prefix in frontier:
            if leads_to_a_location(current):
                found.append(prefix)
                continue
            for field in current._meta.get_fields():
                if field.is_relation and field.related_model not in (None, current):
                    further.append((field.related_model, f"{prefix}{field.name}__"))
        frontier = further
    return found[:keep]


def own_filter_parameters(model_admin):
    return [
        item.parameter_name
        for item in model_admin.list_filter
        if isinstance(item, type) and issubclass(item, admin.SimpleListFilter)
    ]


def changelists():
    """(model, changelist URL) for every model registered on the admin site."""
    return [
        (model, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
        for model in admin.site._registry
    ]


def history_pages(world):
    pages = []
    for obj in [world.sentinel, world.organization, world.service]:
        opts = obj._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]))
        version = obj.history.order_by("history_date").first()
        pages.append(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_simple_history",
                args=[obj.pk, version.pk],
            )
        )
    return pages


def autocompletes():
    """An autocomplete URL for every foreign key to a location, of any model."""
    urls = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.many_to_one and field.related_model is Location:
                query = {
                    "app_label": model._meta.app_label,
                    "model_name": model._meta.model_name,
                    "field_name": field.name,
                }
                urls.append(f"{reverse('admin:autocomplete')}?{urlencode(query)}&")
    return urls


def answer(response):
    """What a response tells the asker, without the echo of the question."""
    status = response.status_code
    if status in (301, 302):
        return status, NEXT.sub("", response["Location"])
    if response["Content-Type"].startswith("application/json"):
        return status, response.json()
    changelist = response.context.get("cl") if response.context else None
    if changelist is not None:
        rows = [obj.pk for obj in changelist.result_list]
        return status, rows, changelist.result_count, changelist.full_result_count
    return status, CSRF.sub("", response.content.decode())


def differences(client, questions):
    """The questions, as (right URL, wrong URL) pairs, whose two answers differ."""
    differ = []
    for right, wrong in questions:
        right_answer, wrong_answer = answer(client.get(right)), answer(client.get(wrong))
        if right_answer != wrong_answer:
            differ.append(f"{right} -> {right_answer[:2]}, {wrong} -> {wrong_answer[:2]}")
    return differ


def lookup_questions(url, prefixes):
    joiner = "&" if "?" in url else "?"
    for prefix in prefixes:
        for field, lookup, right, wrong in GUESSES:
            key = f"{prefix}{field}__{lookup}"
            yield (
                f"{url}{joiner}{urlencode({key: right})}",
                f"{url}{joiner}{urlencode({key: wrong})}",
            )


@pytest.fixture
def asker(client, world, role):
    """The client, signed in with the role; checks afterwards that nothing was logged for
    someone who may not see addresses (there was nothing to show)."""
    user = sign_in(client, role)
    yield client
    if user is not None and not user.has_perm("directory.view_confidential_location"):
        assert not ConfidentialAccess.objects.filter(user=user).exists()


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_list_answers_questions_about_an_address(asker, world, role):
    questions = []
    for model, url in changelists():
        prefixes = location_prefixes(model)
        questions += lookup_questions(url, prefixes)
        # With the list's own filters set, as a curator narrowing down to one shelter.
        if model is Location:
            questions += lookup_questions(f"{url}?confidential__exact=1", prefixes)
        # A filter of its own takes any value: the guesses must mean nothing to it either.
        for parameter in own_filter_parameters(admin.site._registry[model]):
            questions += [
                (f"{url}?{urlencode({parameter: right})}", f"{url}?{urlencode({parameter: wrong})}")
                for *_, right, wrong in GUESSES + SEARCH_GUESSES
            ]

    differ = differences(asker, questions)
    assert not differ, "\n".join(differ)


@pytest.mark.parametrize("role", ROLES)
def test_no_search_or_autocomplete_finds_a_location_by_its_address(asker, world, role):
    questions = []
    for url in [url + "?" for _, url in changelists()] + autocompletes():
        key = "term" if "autocomplete" in url else "q"
        questions += [
            (f"{url}{urlencode({key: right})}", f"{url}{urlencode({key: wrong})}")
            for right, wrong in SEARCH_GUESSES
        ]

    differ = differences(asker, questions)
    assert not differ, "\n".join(differ)


@pytest.mark.parametrize("role", ROLES)
def test_the_history_pages_answer_no_questions_about_an_address(asker, world, role):
    questions = [q for url in history_pages(world) for q in lookup_questions(url, [""])]

    differ = differences(asker, questions)
    assert not differ, "\n".join(differ)


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_list_sorts_by_an_address(asker, world, role):
    urls = []
    for _, url in changelists():
        response = asker.get(url)
        columns = len(response.context["cl"].list_display) if response.status_code == 200 else 1
        urls += [f"{url}?o={order}{column}" for column in range(columns) for order in ("", "-")]

    before = [answer(asker.get(url)) for url in urls]
    Location.objects.filter(pk=world.sentinel.pk).update(**OTHER_SECRET)
    after = [answer(asker.get(url)) for url in urls]

    changed = [url for url, old, new in zip(urls, before, after, strict=True) if old != new]
    assert not changed


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_no_questions_about_an_address(asker, world, role):
    questions = []
    for endpoint in ["/api/services", "/api/organizations"]:
        for right, wrong in SEARCH_GUESSES:
            for extra in [{}, {"full": "true"}, {"organization_id": world.organization.pk}]:
                questions.append(
                    (
                        f"{endpoint}?{urlencode({'search': right, **extra})}",
                        f"{endpoint}?{urlencode({'search': wrong, **extra})}",
                    )
                )
        # The names of the admin's lookups mean nothing to the API: ignored, whatever the guess.
        questions += lookup_questions(endpoint, ["", "locations__"])

    differ = differences(asker, questions)
    assert not differ, "\n".join(differ)


def test_the_guesses_are_right_and_wrong(world):
    """The questions would tell: a right guess finds the shelter, a wrong one does not."""
    for field, lookup, right, wrong in GUESSES:
        locations = Location.objects.filter(pk=world.sentinel.pk)
        value = [right] if lookup == "in" else right
        assert locations.filter(**{f"{field}__{lookup}": value}).exists(), (field, lookup)
        value = [wrong] if lookup == "in" else wrong
        assert not locations.filter(**{f"{field}__{lookup}": value}).exists(), (field, lookup)
