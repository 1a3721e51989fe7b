"""The read-only Open Referral HSDS 3.0 API under /api/.

The required endpoints (/, /services, /services/{id}) and the organizations, answering with
the same records as the export: published services only, confidential locations without
address or coordinates, whoever asks. Who may ask is settings.HSDS_API_ACCESS. Every
answer is JSON, errors included: a bad parameter is a 400 that names it.
"""

import uuid
from datetime import UTC, datetime, time
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from config.errors import json_error as error
from directory.models import Organization, Service
from directory.models.querysets import KEYWORD_MAX_LENGTH, keyword_terms
from hsds import HSDS_VERSION
from hsds.exporter import services_for_hsds
from hsds.mapping import OUR_TAXONOMY_ID
from hsds.models import ApiToken
from hsds.serializers import (
    organization_list_record,
    organization_record,
    service_fields,
    service_list_record,
    service_record,
)

PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_SEARCH = KEYWORD_MAX_LENGTH  # as the directory's keyword
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"  # HSDS itself: no profile
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"


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


def api_view(view):
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
            return view(request, *args, **kwargs)
        except BadParameter as exc:
            return error(400, str(exc), parameter=exc.name)

    return wrapper


def whole_number(request, name, default, low, high):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a whole number.") from None
    if not low <= value <= high:
        raise BadParameter(name, f"{name} must be between {low} and {high}.")
    return value


def uuid_param(request, name):
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a UUID.") from None


def boolean(request, name):
    raw = request.GET.get(name, "false").lower()
    if raw not in ("true", "false"):
        raise BadParameter(name, f"{name} must be true or false.")
    return raw == "true"


def moment(request, name):
    raw = request.GET.get(name)
    if not raw:
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
        # In UTC, as the database compares it: 0001-01-01T00:00+10:00 falls before year 1.
        return value.astimezone(UTC)
    except OverflowError:
        raise BadParameter(name, f"{name} must fall between the years 1 and 9999.") from None


def search_param(request):
    """The search parameter: words searched as the directory searches its keyword."""
    text = request.GET.get("search", "")
    if len(text) > MAX_SEARCH:
        raise BadParameter("search", f"search is limited to {MAX_SEARCH} characters.")
    return text


def page_of(request, queryset, record):
    page = whole_number(request, "page", 1, 1, 10**6)
    per_page = whole_number(request, "per_page", PER_PAGE, 1, MAX_PER_PAGE)
    total = queryset.count()
    pages = max(1, -(-total // per_page))
    items = list(queryset[(page - 1) * per_page : page * per_page]) if page <= pages else []
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(items),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not items,
            "contents": [record(item) for item in items],
        }
    )


@api_view
def index(request):
    return JsonResponse(
        {
            "version": HSDS_VERSION,
            "profile": PROFILE_URL,
            "openapi_url": OPENAPI_URL,
        }
    )


@api_view
def services(request):
    queryset = services_for_hsds().search(search_param(request))
    if term := uuid_param(request, "taxonomy_term_id"):
        queryset = queryset.in_category(term)
    if (taxonomy := uuid_param(request, "taxonomy_id")) is not None:
        if str(taxonomy) != OUR_TAXONOMY_ID:
            queryset = queryset.none()
        queryset = queryset.filter(pk__in=Service.categories.through.objects.values("service_id"))
    if org := uuid_param(request, "organization_id"):
        queryset = queryset.filter(organization_id=org)
    if after := moment(request, "modified_after"):
        queryset = queryset.filter(last_modified__gte=after)
    return page_of(
        request, queryset, service_record if boolean(request, "full") else service_list_record
    )


def path_uuid(value, what):
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadParameter("id", f"The {what} id must be a UUID.") from None


@api_view
def service(request, service_id):
    found = services_for_hsds().filter(pk=path_uuid(service_id, "service")).first()
    if found is None:
        return error(404, "No published service has this id.")
    return JsonResponse(service_record(found))


def published_organizations():
    published = Service.objects.visible_to(None).values("organization_id")
    return Organization.objects.filter(pk__in=published).order_by("name", "id")


@api_view
def organizations(request):
    queryset = published_organizations()
    for word in keyword_terms(search_param(request)):
        queryset = queryset.filter(name__icontains=word)
    return page_of(request, queryset, organization_list_record)


@api_view
def organization(request, organization_id):
    org = published_organizations().filter(pk=path_uuid(organization_id, "organization")).first()
    if org is None:
        return error(404, "No organization with published services has this id.")
    full = boolean(request, "full_service")
    offered = services_for_hsds().filter(organization=org)
    record = organization_record(org)
    record["services"] = [
        service_record(s)
        if full
        else {k: v for k, v in service_fields(s, True).items() if v not in (None, "")}
        for s in offered
    ]
    return JsonResponse(record)


@api_view
def not_found(request, rest=""):
    return error(404, "There is no such API endpoint.")
