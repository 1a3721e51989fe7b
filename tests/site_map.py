"""Every GET URL of the site, discovered from the URL resolver, for the access tests.

A page that another part of the project adds later is walked automatically. A pattern with
parameters needs sample values: the admin's are derived from its model registry; for the
others, add an entry to SAMPLES, or the walk fails and says which pattern lacks one.
"""

import re
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import CASE_WORKER, COURT_STAFF, CURATOR
from accounts.tasks import send_password_reset
from curation.models import ProblemReport, ProposedChange, UpdateRequest
from directory.models import (
    CapacityLink,
    Category,
    ConfidentialAccess,
    Location,
    Organization,
    Service,
    ServiceCapacity,
)
from hsds.mapping import OUR_TAXONOMY_ID
from hsds.models import Feed
from referrals.models import Referral, ReferralItem, ReferralList, ShareLink
from tests.conftest import make_user
from tests.factories import make_location, make_organization, make_service


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name"
    route: str
    params: tuple  # the names of its keyword parameters

    @property
    def namespace(self):
        return self.name.rpartition(":")[0] if self.name else ""


def routes(patterns=None, namespace="", prefix=""):
    """Every URL pattern, with its namespaced name and its full route."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in [namespace, pattern.namespace] if part)
            yield from routes(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            params = tuple(pattern.pattern.regex.groupindex)
            yield Route(name if pattern.name else None, prefix + str(pattern.pattern), params)


# Unnamed patterns that are Django's own: the admin's redirect from an object's bare URL to
# its change page, and its catch-all that answers 404 (the walk fetches a 404 itself).
UNNAMED_ALLOWED = [r"^admin/.+/<path:object_id>/$", r"^admin/\(\?P<url>\.\*\)\$$"]

SENTINELS = ["QX7SENTINEL", "QX7Z9", "41.987654", "87.654321"]


@dataclass
class World:
    """One of everything a page can show, including a confidential location whose address
    fields each hold a sentinel string, and a job in the queue."""

    organization: Organization
    service: Service
    shelter: Location
    open_location: Location
    category: Category
    editor: User
    report: ProblemReport
    update: UpdateRequest
    token: str  # the provider's link to `update`
    # The editor's referral list of the service, shared (with notes) and sent: every other
    # user gets a 404 for it; the share page is the token's.
    referral_list: ReferralList | None = None
    share_link: ShareLink | None = None
    share_token: str = ""
    referral: Referral | None = None
    # A provider's link to update the service's beds free tonight.
    capacity_token: str = ""


def build_world():
    editor = make_user("editor", groups=[CURATOR])
    organization = make_organization("Lantern House", email="intake@lantern.example")
    service = make_service(
        "Lantern Emergency Shelter",
        organization=organization,
        categories=["emergency-shelter"],
        languages=["es"],
        intake_phone="555-0100",
    )
    # Created open, then moved and made confidential: the history holds an address that was
    # once public, one that never was, and the change between them.
    shelter = make_location(
        organization,
        services=[service],
        name="Lantern safe house",
        address_1="3 Old QX7SENTINEL Road",
    )
    shelter.address_1 = "17 QX7SENTINEL Street"
    shelter.address_2 = "Suite QX7SENTINEL-B"
    shelter.postal_code = "QX7Z9"
    shelter.latitude = "41.987654"
    shelter.longitude = "-87.654321"
    shelter.confidential = True
    shelter.save()
    open_location = make_location(
        organization, services=[service], name="Lantern drop-in", address_1="5 Main Street"
    )
    service.save()  # one more history row for the service
    category = Category.objects.get(slug="emergency-shelter")
    category.save()  # seeded before history began: give it some
    ConfidentialAccess.objects.create(
        user=editor, username="editor", location=shelter, location_label=str(shelter), path="/"
    )
    send_password_reset.enqueue(user_ids=[editor.pk], domain="testserver", use_https=False)
    report = ProblemReport.objects.create(
        service=service, kind=ProblemReport.Kind.WRONG_PHONE, reported_by=editor
    )
    # An answered request, whose proposal a curator reviews, and one whose link still works.
    answered = UpdateRequest.objects.create(organization=organization, email="a@lantern.example")
    answered.new_token()
    answered.outcome = UpdateRequest.Outcome.PROPOSED
    answered.save()
    ProposedChange.objects.create(
        update_request=answered,
        service=service,
        field="intake_phone",
        old_value="555-0100",
        new_value="555-0199",
    )
    update = UpdateRequest.objects.create(organization=organization, email="b@lantern.example")
    token = update.new_token()
    update.save()
    world = World(
        organization,
        service,
        shelter,
        open_location,
        category,
        editor,
        report,
        answered,
        token,
    )
    world.referral_list = ReferralList.objects.create(owner=editor)
    ReferralItem.objects.create(
        referral_list=world.referral_list, service=service, note="ask for Ana at intake"
    )
    world.share_link, world.share_token = ShareLink.make(world.referral_list, include_notes=True)
    world.referral = Referral.objects.create(
        service=service, worker=editor, referral_list=world.referral_list
    )
    ServiceCapacity.objects.create(service=service, unit="beds", available=3, maximum=8)
    capacity_link = CapacityLink(service=service, label="Night manager", created_by=editor)
    world.capacity_token = capacity_link.new_token()
    capacity_link.save()
    # A feed of another directory, with its token (its pages: change, history, delete).
    feed = Feed(name="County 211", url="https://211.example.org/api/")
    feed.set_token("county-211-feed-key")
    feed.save()
    return world


def _admin_object(model, world):
    if model is Location:
        return world.shelter
    if model is Organization:
        return world.organization
    if model is Service:
        return world.service
    if model is Category:
        return world.category
    if model is User:
        return world.editor
    return model._default_manager.order_by("pk").first()


def admin_model_route(name):
    """(model, view) for the admin's pages of one model (admin:<app>_<model>_<view>).

    An app label may hold underscores (django_tasks_database), so the name is matched against
    the models the admin has, not split on them."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if (name or "").startswith(prefix):
            return model, name.removeprefix(prefix)
    return None


def _admin_urls(route, world):
    """The URLs to fetch for one admin pattern, or None to reverse it without parameters."""
    if route.name == "admin:app_list":
        labels = {model._meta.app_label for model in admin.site._registry}
        return [reverse(route.name, kwargs={"app_label": label}) for label in sorted(labels)]
    if route.name == "admin:view_on_site":
        content_type = ContentType.objects.get_for_model(Service)
        return [
            reverse(
                route.name,
                kwargs={"content_type_id": content_type.pk, "object_id": world.service.pk},
            )
        ]
    if route.name == "admin:autocomplete":
        return [
            reverse(route.name),
            reverse(route.name)
            + "?app_label=directory&model_name=service&field_name=organization&term=",
        ]
    model, view = admin_model_route(route.name) or (None, None)
    if view == "simple_history":  # its two parameters are positional
        obj = _admin_object(model, world)
        version = obj.history.order_by("history_date").first()
        return [reverse(route.name, args=[obj.pk, version.pk])]
    if model and len(route.params) == 1:  # one object's page: change, history, delete, ...
        obj = _admin_object(model, world)
        if obj is None:
            return []  # none to show; the model's list is still walked
        return [reverse(route.name, kwargs={route.params[0]: obj.pk})]
    return None


# Sample values for patterns with parameters outside the admin: {name: world -> kwargs}.
SAMPLES = {
    "directory:service": lambda world: {"pk": world.service.pk},
    "directory:organization": lambda world: {"pk": world.organization.pk},
    "factsheet:factor": lambda world: {"slug": "legal-services"},
    "password_reset_confirm": lambda world: {"uidb64": "MQ", "token": "set-password"},
    "api:service": lambda world: {"service_id": world.service.pk},
    "api:organization": lambda world: {"organization_id": world.organization.pk},
    "api:not_found": lambda world: {"rest": "nothing-here"},
    "api:taxonomy": lambda world: {"taxonomy_id": OUR_TAXONOMY_ID},
    "api:taxonomy_term": lambda world: {"term_id": world.category.pk},
    # The confidential location's link: given in full, never with its address.
    "api:service_at_location": lambda world: {
        "link_id": world.shelter.serviceatlocation_set.get().pk
    },
    "curation:report": lambda world: {"pk": world.report.pk},
    "curation:report_problem": lambda world: {"pk": world.service.pk},
    "curation:update": lambda world: {"pk": world.update.pk},
    "curation:provider_update": lambda world: {"token": world.token},
    "referrals:detail": lambda world: {"pk": world.referral_list.pk},
    "referrals:handout": lambda world: {"pk": world.referral_list.pk},
    "referrals:handout_pdf": lambda world: {"pk": world.referral_list.pk},
    "referrals:share": lambda world: {"pk": world.referral_list.pk},
    "referrals:mark_sent": lambda world: {"pk": world.referral_list.pk},
    "referrals:item": lambda world: {
        "pk": world.referral_list.pk,
        "item_pk": world.referral_list.items.get().pk,
    },
    "referrals:revoke": lambda world: {
        "pk": world.referral_list.pk,
        "link_pk": world.share_link.pk,
    },
    "referrals:update": lambda world: {"pk": world.referral.pk},
    "referrals:shared": lambda world: {"token": world.share_token},
    "directory:capacity_update": lambda world: {"token": world.capacity_token},
}

# Extra GETs beyond one per pattern: searches, which might match an address.
SEARCHES = [
    "/referrals/?status=sent&follow_up=on&days=0",
    "/directory/?q=Lantern",
    "/directory/?q=SENTINEL+Street",
    # Near the confidential shelter: its distance shows, rounded, never its coordinates.
    "/directory/?near=60660&radius=5",
    # The results map's places for the same search: the shelter is never among them.
    "/directory/map/?near=60660&radius=5",
    "/directory/map/?q=SENTINEL+Street",
    "/directory/?open_now=true&always_open=true&open_day=2026-12-01&open_time=18:30",
    # The disclosure and legal remedy filters (an old tag link, too).
    "/directory/?remedy=vacatur&disclosure=no-law-enforcement&disclosure=no-id",
    "/directory/?population=no-law-enforcement-required",
    "/directory/?available=true",
    "/reference/search/?q=shelter",
    "/admin/directory/location/?q=Lantern",
    "/admin/directory/location/?q=SENTINEL+Street",
    "/admin/directory/service/?q=Lantern",
    "/admin/directory/organization/?q=Lantern",
    "/api/services?search=Lantern",
    "/api/services?full=true&minimal=false",
    "/api/services?minimal=true",
    "/api/organizations?full_service=true",
    "/api/service_at_locations?full=true",
    # Near the confidential shelter, through the API: found, never placed.
    "/api/service_at_locations?postcode=60660&proximity=8000&full=true",
    "/api/taxonomy_terms?search=shelter",
    "/curation/gaps/?language=es",
]


class MissingSample(Exception):
    pass


def site_urls(world):
    """[(route, url)] for every pattern of the site, with sample values filled in."""
    urls = []
    for route in routes():
        if route.name is None:
            if not any(re.match(allowed, route.route) for allowed in UNNAMED_ALLOWED):
                raise MissingSample(f"Give the URL pattern {route.route!r} a name.")
            continue
        admin_urls = _admin_urls(route, world) if route.namespace == "admin" else None
        if admin_urls is not None:
            urls.extend((route, url) for url in admin_urls)
        elif route.name in SAMPLES:
            urls.append((route, reverse(route.name, kwargs=SAMPLES[route.name](world))))
        else:
            try:
                urls.append((route, reverse(route.name)))
            except Exception as error:
                raise MissingSample(
                    f"{route.name} ({route.route}) takes parameters: add sample values to "
                    "SAMPLES in tests/site_map.py"
                ) from error
    return urls


ROLES = [
    "anonymous",
    "no role",
    "case worker",
    "case worker with confidential access",
    "court staff",
    "curator",
    "superuser",
]
CAN_SEE_ADDRESSES = {"case worker with confidential access", "superuser"}


def sign_in(client, role, username=None):
    """Sign the client in as a new user with this role; returns the user (None if anonymous)."""
    if role == "anonymous":
        return None
    groups = {
        "case worker": [CASE_WORKER],
        "case worker with confidential access": [CASE_WORKER],
        "court staff": [COURT_STAFF],
        "curator": [CURATOR],
    }.get(role, [])
    superuser = role == "superuser"
    user = make_user(
        username or role.replace(" ", "-"),
        groups=groups,
        is_superuser=superuser,
        is_staff=superuser,
    )
    if role == "case worker with confidential access":
        user.user_permissions.add(Permission.objects.get(codename="view_confidential_location"))
    client.force_login(user)
    return user
