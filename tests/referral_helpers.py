"""Helpers for the referral tests: a list of services, made as a worker would."""

from referrals.models import Referral, ReferralItem, ReferralList
from tests.factories import make_location, make_organization, make_service


def make_services(count, **fields):
    organization = make_organization("Beacon Youth Services")
    return [
        make_service(f"Service {number:03d}", organization=organization, **fields)
        for number in range(count)
    ]


def make_list(owner, services=(), notes=None):
    referral_list = ReferralList.objects.create(owner=owner)
    ReferralItem.objects.bulk_create(
        ReferralItem(
            referral_list=referral_list,
            service=service,
            position=position,
            note=(notes or {}).get(service.name, ""),
        )
        for position, service in enumerate(services)
    )
    return referral_list


def make_shelter_service(name="Safe Harbor Shelter"):
    """A service at a confidential location whose address holds sentinel strings, and at an
    open one."""
    organization = make_organization("Safe Harbor")
    service = make_service(
        name,
        organization=organization,
        intake_phone="555-0199",
        intake_email="intake@harbor.example",
        hours="24/7",
        description="Emergency shelter for youth.\n\nMore details.",
        application_process="Call the intake line any time.",
        languages=["es"],
    )
    make_location(
        organization,
        services=[service],
        name="Harbor safe house",
        address_1="9 QX7SENTINEL Lane",
        postal_code="QX7Z9",
        confidential=True,
    )
    make_location(organization, services=[service], name="Harbor office", address_1="1 Open Way")
    return service


def make_referrals(worker, services, **fields):
    return [Referral.objects.create(worker=worker, service=s, **fields) for s in services]
