"""Plain helpers that build test records, each with keyword defaults."""

from datetime import date

from directory.models import (
    Category,
    Language,
    Location,
    Organization,
    PopulationTag,
    Service,
    ServiceArea,
    ServiceAtLocation,
)


def make_organization(name="Harbor Youth Services", **fields):
    return Organization.objects.create(name=name, **fields)


def make_service(
    name="Drop-in Counseling",
    organization=None,
    categories=(),
    languages=(),
    populations=(),
    areas=(),
    **fields,
):
    """A published, active, recently verified service unless told otherwise.

    categories/populations/areas are slugs, languages are ISO codes.
    """
    fields.setdefault("publication", Service.Publication.PUBLISHED)
    fields.setdefault("status", Service.Status.ACTIVE)
    fields.setdefault("assured_date", date.today())
    service = Service.objects.create(
        name=name, organization=organization or make_organization(), **fields
    )
    if categories:
        service.categories.set(Category.objects.filter(slug__in=categories))
    if languages:
        service.languages.set(Language.objects.filter(code__in=languages))
    if populations:
        service.populations.set(PopulationTag.objects.filter(slug__in=populations))
    if areas:
        service.areas.set([area(slug) for slug in areas])
    return service


def area(slug):
    return ServiceArea.objects.get_or_create(
        slug=slug, defaults={"name": slug.replace("-", " ").title()}
    )[0]


def make_location(organization, services=(), **fields):
    fields.setdefault("city", "Riverton")
    fields.setdefault("state_province", "IL")
    location = Location.objects.create(organization=organization, **fields)
    for service in services:
        ServiceAtLocation.objects.create(service=service, location=location)
    return location


def make_capacity(service, available=3, unit="beds", hours_ago=2, **fields):
    """A capacity figure given `hours_ago` hours ago."""
    from datetime import timedelta

    from django.utils import timezone

    from directory.models import ServiceCapacity

    fields.setdefault("updated", timezone.now() - timedelta(hours=hours_ago))
    return ServiceCapacity.objects.create(service=service, unit=unit, available=available, **fields)
