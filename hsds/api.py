"""The read-only Open Referral HSDS 3.0 API under /api/.

The required endpoints (/, /services, /services/{id}) and the organizations, answering with
the same records as the export: published services only, confidential locations without
address or coordinates, whoever asks. Who may ask is settings.HSDS_API_ACCESS. Every
answer is JSON, errors included: a bad parameter is a 400 that names it.
"""

import re
import uuid
from collections import defaultdict
from datetime import UTC, datetime, time
from functools import partial, wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from config.errors import json_error as error
from directory.confidential import CONFIDENTIAL_DISTANCE_STEP, shown_distance
from directory.filters import DEFAULT_RADIUS
from directory.geo import bounding_box, miles_expression, zip_centre
from directory.models import Organization, Service, ServiceAtLocation
from directory.models.querysets import KEYWORD_MAX_LENGTH, keyword_terms
from hsds import HSDS_VERSION
from hsds.exporter import services_for_hsds
from hsds.mapping import OUR_TAXONOMY_ID
from hsds.models import ApiToken
from hsds.openapi import our_openapi, query_parameters
from hsds.serializers import (
    compact,
    organization_list_record,
    organization_record,
    service_at_location_record,
    service_fields,
    service_list_record,
    service_minimal_record,
    service_record,
)
from hsds.taxonomies import TAXONOMIES, all_terms

PER_PAGE = 50
MAX_PER_PAGE = 500
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
NUMBER = re.compile(r"[0-9]{1,9}(\.[0-9]{1,20})?([eE][-+]?[0-9]{1,3})?")
POSTCODE = re.compile(r"[0-9]{5}(-[0-9]{4})?")
MAX_MINIMAL = 10_000  # `minimal`'s page size unless per_page (HSDS: all, if it can)
METRES_PER_MILE = 1609.344
MAX_PROXIMITY_MILES = 500
MAX_SEARCH = KEYWORD_MAX_LENGTH  # as the directory's keyword
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"  # HSDS itself: no profile


class BadParameter(Exception):
    def __init__(self, name, message):
        super().__init__(message)
        self.name = name


def may_read(request):
    """None when the caller may read the API, else the JSON error to answer with."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, key = header.partition(" ")
        token = ApiToken.for_key(key.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            return unauthorized("The API token is not valid (revoked or expired?).")
        now = timezone.now()
        if not token.last_used_at or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return None
    access, user = settings.HSDS_API_ACCESS, request.user
    if access == "public":
        return None
    if access == "token" or not user.is_authenticated:
        return unauthorized("Send an API token: Authorization: Bearer <key>.")
    if access == "staff" and not (user.is_staff or user.has_perm("hsds.export_hsds")):
        return error(403, "The API is open to staff and to API tokens.")
    return None


def unauthorized(message):
    response = error(401, message)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def api_view(document_path=None):
    """A view of the API: read-only, for whoever may read it, its errors JSON. Given the
    official document's path (`@api_view("/services")`), the view takes that path's query
    parameters and no other: one it does not read is refused, never ignored without a word.
    """
    if callable(document_path):  # @api_view, a view with no path of the document
        return api_view()(document_path)
    return partial(_api_view, document_path=document_path)


def _api_view(view, document_path):
    @login_not_required  # the API signs callers in its own way, tokens included
    @csrf_exempt  # it changes nothing: every method but GET and HEAD is refused
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error(405, "The API is read-only: use GET.")
            response["Allow"] = "GET, HEAD"
            return response
        denied = may_read(request)
        if denied:
            return denied
        try:
            if request.GET.get("format", "json") != "json":
                raise BadParameter("format", "Only format=json is offered.")
            unknown(request, document_path)
            return view(request, *args, **kwargs)
        except BadParameter as exc:
            return error(400, str(exc), parameter=exc.name)

    return wrapper


def unknown(request, path):
    """Refuse a query parameter `path` does not take (a misspelt per_page, or full on
    /taxonomies), naming it and those it takes."""
    if path is None:
        return
    taken = query_parameters()[path]
    for name in request.GET:
        if name not in taken:
            accepted = ", ".join(sorted(taken)) or "none"
            raise BadParameter(name, f"{path} takes no parameter {name!r}; it takes: {accepted}.")


def whole_number(request, name, default, low, high):
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not WHOLE_NUMBER.fullmatch(raw):
        raise BadParameter(name, f"{name} must be a whole number.")
    value = int(raw)
    if not low <= value <= high:
        raise BadParameter(name, f"{name} must be between {low} and {high}.")
    return value


def uuid_param(request, name):
    raw = request.GET.get(name)
    if raw is None:
        return None
    found = as_uuid(raw)
    if found is None:
        raise BadParameter(name, f"{name} must be a UUID.")
    return found


def as_uuid(text):
    """A UUID written the one way HSDS and the OpenAPI document write it, else None."""
    try:
        value = uuid.UUID(text)
    except ValueError:
        return None
    return value if str(value) == text.lower() else None


def boolean(request, name):
    raw = request.GET.get(name, "false")
    if raw not in ("true", "false"):
        raise BadParameter(name, f"{name} must be true or false.")
    return raw == "true"


def moment(request, name):
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)):
            value = datetime.combine(day, time.min)
    except ValueError:
        value = None
    if value is None:
        raise BadParameter(name, f"{name} must be an ISO 8601 date or date and time.")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(UTC)  # as the database compares it
    except OverflowError:
        # Valid, yet before year 1 or after 9999 in UTC (0001-01-01T00:00+10:00): the first
        # or last moment the database can hold, which says the same.
        return (
            datetime.min.replace(tzinfo=UTC)
            if value.year == 1
            else datetime.max.replace(tzinfo=UTC)
        )


def search_param(request):
    """The search parameter: words searched as the directory searches its keyword."""
    text = request.GET.get("search", "")
    if len(text) > MAX_SEARCH:
        raise BadParameter("search", f"search is limited to {MAX_SEARCH} characters.")
    return text


def page_of(request, found, records, *, per_page=PER_PAGE):
    """HSDS's page: its counts, then `contents`, the page's items made into records by
    records(items). `found` is a queryset or a list."""
    page = whole_number(request, "page", 1, 1, 10**6)
    per_page = whole_number(request, "per_page", per_page, 1, MAX_PER_PAGE)
    total = len(found) if isinstance(found, list) else found.count()
    pages = max(1, -(-total // per_page))
    items = list(found[(page - 1) * per_page : page * per_page]) if page <= pages else []
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(items),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not items,
            "contents": records(items),
        }
    )


def each(record):
    return lambda items: [record(item) for item in items]


def matches(record, text, fields):
    """Whether every word of a search is in one of the record's fields (any case)."""
    haystack = " ".join(str(record.get(name, "")) for name in fields).casefold()
    return all(word.casefold() in haystack for word in keyword_terms(text))


@api_view("/")
def index(request):
    return JsonResponse(
        {
            "version": HSDS_VERSION,
            "profile": PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("api:openapi")),
        }
    )


@api_view
def openapi(request):
    return JsonResponse(our_openapi(request.build_absolute_uri(reverse("api:index"))))


def published_services():
    return Service.objects.visible_to(None).order_by("name", "id")


def filter_services(request, queryset, prefix=""):
    """The services (or, with prefix="service__", their links to locations) that match the
    filters /services and /service_at_locations share."""
    within = f"{prefix}in" if prefix else "pk__in"
    if text := search_param(request):
        queryset = queryset.filter(**{within: Service.objects.search(text).values("pk")})
    if term := uuid_param(request, "taxonomy_term_id"):
        queryset = queryset.filter(**{within: Service.objects.in_category(term).values("pk")})
    if (taxonomy := uuid_param(request, "taxonomy_id")) is not None:
        if str(taxonomy) != OUR_TAXONOMY_ID:
            queryset = queryset.none()
        categorised = Service.categories.through.objects.values("service_id")
        queryset = queryset.filter(**{within: categorised})
    if org := uuid_param(request, "organization_id"):
        queryset = queryset.filter(**{f"{prefix}organization_id": org})
    return queryset


@api_view("/services")
def services(request):
    if boolean(request, "minimal"):
        # Every service in one page, as HSDS asks of `minimal`, up to MAX_MINIMAL.
        queryset = published_services().only("id", "name", "status", "last_modified")
        per_page, records = MAX_MINIMAL, each(service_minimal_record)
    elif boolean(request, "full"):
        queryset = services_for_hsds()
        per_page, records = PER_PAGE, each(service_record)
    else:
        queryset = published_services().select_related("organization")
        per_page, records = PER_PAGE, each(service_list_record)
    queryset = filter_services(request, queryset)
    if after := moment(request, "modified_after"):
        queryset = queryset.filter(last_modified__gte=after)
    return page_of(request, queryset, records, per_page=per_page)


def path_uuid(value, what):
    found = as_uuid(value)
    if found is None:
        raise BadParameter("id", f"The {what} id must be a UUID.")
    return found


@api_view("/services/{id}")
def service(request, service_id):
    found = services_for_hsds().filter(pk=path_uuid(service_id, "service")).first()
    if found is None:
        return error(404, "No published service has this id.")
    return JsonResponse(service_record(found))


def published_organizations():
    published = Service.objects.visible_to(None).values("organization_id")
    return Organization.objects.filter(pk__in=published).order_by("name", "id")


def nested_organizations(organizations, full_service):
    """Organizations in full, each with its published services: in full, or their one-to-one
    fields. One query for every organization's services (and the full records' own)."""
    offered = services_for_hsds() if full_service else published_services()
    by_organization = defaultdict(list)
    for found in offered.filter(organization__in=[org.pk for org in organizations]):
        by_organization[found.organization_id].append(found)
    prefetch_related_objects(organizations, "source_records")
    records = []
    for org in organizations:
        record = organization_record(org)
        record["services"] = [
            service_record(s) if full_service else compact(service_fields(s, True))
            for s in by_organization[org.pk]
        ]
        records.append(record)
    return records


@api_view("/organizations")
def organizations(request):
    queryset = published_organizations()
    for word in keyword_terms(search_param(request)):
        queryset = queryset.filter(name__icontains=word)
    full_service = boolean(request, "full_service")
    if boolean(request, "full") or full_service:
        return page_of(request, queryset, lambda orgs: nested_organizations(orgs, full_service))
    return page_of(request, queryset, each(organization_list_record))


@api_view("/organizations/{id}")
def organization(request, organization_id):
    org = published_organizations().filter(pk=path_uuid(organization_id, "organization")).first()
    if org is None:
        return error(404, "No organization with published services has this id.")
    return JsonResponse(nested_organizations([org], boolean(request, "full_service"))[0])


@api_view("/taxonomies")
def taxonomies(request):
    text = search_param(request)
    found = [t for t in TAXONOMIES if matches(t, text, ("name", "description"))]
    return page_of(request, found, list)


@api_view("/taxonomies/{id}")
def taxonomy(request, taxonomy_id):
    wanted = str(path_uuid(taxonomy_id, "taxonomy"))
    found = [t for t in TAXONOMIES if t["id"] == wanted]
    if not found:
        return error(404, "No taxonomy has this id.")
    return JsonResponse(found[0])


@api_view("/taxonomy_terms")
def taxonomy_terms(request):
    text = search_param(request)
    taxonomy, parent = uuid_param(request, "taxonomy_id"), uuid_param(request, "parent_id")
    top_only = boolean(request, "top_only")
    found = [
        term
        for term in all_terms()
        if matches(term, text, ("code", "name", "description"))
        and (taxonomy is None or term["taxonomy_id"] == str(taxonomy))
        and (parent is None or term.get("parent_id") == str(parent))
        and not (top_only and term.get("parent_id"))
    ]
    return page_of(request, found, list)


@api_view("/taxonomy_terms/{id}")
def taxonomy_term(request, term_id):
    wanted = str(path_uuid(term_id, "taxonomy term"))
    found = [t for t in all_terms() if t["id"] == wanted]
    if not found:
        return error(404, "No taxonomy term has this id.")
    return JsonResponse(found[0])


def services_at_locations(full):
    links = ServiceAtLocation.objects.filter(service__in=Service.objects.visible_to(None))
    if full:
        links = links.select_related("location").prefetch_related(
            "location__schedules",
            "location__source_records",
            Prefetch("service", queryset=services_for_hsds()),
        )
    else:
        # The services' kept records: what the source said of each link (its description).
        links = links.select_related("location", "service__organization").prefetch_related(
            "service__source_records"
        )
    return links.order_by("service__name", "service_id", "location__name", "id")


def near_postcode(request, links):
    """The links whose location is within `proximity` metres of `postcode`'s centre
    (DEFAULT_RADIUS miles without proximity; a confidential location's distance rounded,
    as everywhere: directory.confidential). A ZIP code that does not exist is near nothing."""
    code, metres = request.GET.get("postcode"), request.GET.get("proximity")
    if code is None:  # proximity says nothing without a postcode
        return links
    if not POSTCODE.fullmatch(code):
        raise BadParameter("postcode", "postcode must be a US ZIP code (12345 or 12345-6789).")
    if metres is None:
        miles = DEFAULT_RADIUS
    else:
        miles = float(metres) / METRES_PER_MILE if NUMBER.fullmatch(metres) else -1
    if not 0 <= miles <= MAX_PROXIMITY_MILES:
        most = MAX_PROXIMITY_MILES * METRES_PER_MILE
        raise BadParameter("proximity", f"proximity must be a number of metres up to {most:.0f}.")
    centre = zip_centre(code)
    if centre is None:  # no such ZIP code: nothing is near it
        return links.none()
    south, north, west, east = bounding_box(*centre, miles + CONFIDENTIAL_DISTANCE_STEP / 2)
    return (
        links.filter(
            location__latitude__range=(south, north), location__longitude__range=(west, east)
        )
        .alias(miles=shown_distance(miles_expression(*centre, "location__"), "location__"))
        .filter(miles__lte=miles)
    )


@api_view("/service_at_locations")
def service_at_locations(request):
    full = boolean(request, "full")
    links = filter_services(request, services_at_locations(full), "service__")
    if after := moment(request, "modified_after"):
        links = links.filter(
            Q(service__last_modified__gte=after) | Q(location__last_modified__gte=after)
        )
    links = near_postcode(request, links)
    return page_of(request, links, each(lambda link: service_at_location_record(link, full)))


@api_view("/service_at_locations/{id}")
def service_at_location(request, link_id):
    link = services_at_locations(True).filter(pk=path_uuid(link_id, "service_at_location"))
    found = link.first()
    if found is None:
        return error(404, "No published service is at a location with this id.")
    return JsonResponse(service_at_location_record(found, True))


@api_view
def not_found(request, rest=""):
    return error(404, "There is no such API endpoint.")
