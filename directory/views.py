from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.roles import can_curate
from config.errors import answers_json
from config.middleware import validates_query_string
from directory import hours
from directory.cards import attach_links
from directory.cards import cards as draw_cards
from directory.confidential import (
    can_see_address,
    map_points,
    record_views,
    shareable_address,
)
from directory.filters import DEFAULT_RADIUS, ServiceFilter
from directory.localized import localized
from directory.models import Category, Organization, Schedule, Service
from directory.models.where_when import attach_todays_hours
from directory.panel import PANEL_NAMES, filter_panel
from directory.panel import vocabulary as panel_vocabulary
from directory.results import SearchResults

# The most places the results map shows: a search with more says so (narrow it to see them).
MAP_MARKERS = 1000

# Every directory page needs a role that reads the directory (accounts/roles.py).
read_directory = permission_required("directory.view_service", raise_exception=True)


@read_directory
def home(request):
    categories = Category.objects.filter(parent=None)
    return render(request, "directory/home.html", {"categories": categories})


@read_directory
@validates_query_string  # the filter form names the field
def service_list(request):
    staff = can_curate(request.user)
    # Always bound, even to an empty query string: an empty search is a valid search.
    filterset = ServiceFilter(
        request.GET, queryset=Service.objects.visible_to(request.user), staff=staff
    )
    # A part of the search that cannot be understood is left out, and the page says so;
    # the rest of the search still applies (form.cleaned_data holds only the valid parts).
    context = {
        "filter": filterset,
        "form": filterset.form,
        "show_status": staff,
        "invalid": not filterset.is_valid(),
        "default_radius": str(DEFAULT_RADIUS),
    }
    # This process's, at the directory's data version (directory/panel.py): read only if
    # the search is worked out, or the filter panel drawn (a search asked again needs
    # neither).
    vocabulary = SimpleLazyObject(panel_vocabulary)
    page_number = request.GET.get("page", "1")
    # The counts, the page's cards and the suggestions: the same search asked since the
    # directory last changed comes from the cache (directory/results.py).
    results, services = SearchResults.of(
        filterset,
        page_number,
        SimpleLazyObject(lambda: vocabulary.languages),
        SimpleLazyObject(lambda: vocabulary.categories),
    )
    page = results.page(filterset, services)
    if settings.MAP_TILE_URL:  # the optional map: its script reads results_map()
        query = request.GET.copy()
        query.pop("page", None)  # the map is of the whole search
        context.update(map=map_settings(), map_markers=MAP_MARKERS, map_query=query.urlencode())
    if page_number not in ("1", str(page.number)):
        messages.info(
            request,
            _("There is no page %(asked)s: showing page %(shown)s.")
            % {"asked": page_number[:20], "shown": page.number},
        )

    chosen = filterset.form.cleaned_data
    if chosen.get("q"):
        context.update(
            # A word that names a language or a category offers that filter.
            filter_offers=results.filter_offers,
            # A word the directory does not know: the nearest word it does, if any.
            did_you_mean=results.did_you_mean,
        )
    # What the filter panel lists, with its counts: worked out only to draw it.
    panel = SimpleLazyObject(lambda: filter_panel(filterset, results, vocabulary, request))
    context.update(
        {name: SimpleLazyObject(lambda name=name: panel[name]) for name in PANEL_NAMES},
        page_obj=page,
        services=page.object_list,
        cards=results.card_list(page.object_list),
        chosen_category=chosen.get("category"),
        # Its off-ramp link, drawn once per language and data version (directory/panel.py).
        chosen_offramp=SimpleLazyObject(
            lambda: mark_safe(vocabulary.chosen_offramp(request, chosen.get("category")))
        ),
        has_keyword=bool(chosen.get("q")),
        # Each one a link to the same search without it, above the results.
        chosen_filters=SimpleLazyObject(filterset.chosen),
    )
    # The filter panel and the head of the results: the same for whoever asks this search,
    # so drawn once and kept with its results.
    fragments = results.fragments
    if fragments is None:
        fragments = {
            name: render_to_string(template, context, request)
            for name, template in FRAGMENTS.items()
        }
        results.keep(fragments)
    context.update({name: mark_safe(html) for name, html in fragments.items()})
    return render(request, "directory/index.html", context)


# The parts of the directory page drawn once for a search and kept with its results.
FRAGMENTS = {
    "filter_panel": "directory/_filters.html",
    "results_head": "directory/_results_head.html",
}


def map_settings():
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


@read_directory
@answers_json  # its errors too (config/errors.py)
def results_map(request):
    """The places of a directory search for its map (the same query string as the page):
    every result's public location, the first MAP_MARKERS of them in the search's order,
    never a confidential one (directory.confidential.map_points). JSON, for the map's
    script; the page says everything without it."""
    filterset = ServiceFilter(
        request.GET,
        queryset=Service.objects.visible_to(request.user),
        staff=can_curate(request.user),
    )
    filterset.is_valid()  # as on the page: the parts of the search that are understood
    points, capped = map_points(filterset.ordered(filterset.qs), MAP_MARKERS)
    return JsonResponse({"points": points, "capped": capped})


@read_directory
def service_detail(request, pk):
    # Curators preview drafts here.
    services = Service.objects.visible_to(request.user, drafts=True)
    service = services.with_detail_relations().filter(pk=pk).first()
    if service is None:
        return service_unavailable(request, pk)
    others = (
        Service.objects.visible_to(request.user)
        .filter(organization=service.organization_id)
        .exclude(pk=service.pk)
        .order_by("name")
    )
    locations = service.locations.all()
    share_url = request.build_absolute_uri(service.get_absolute_url())
    show_confidential = can_see_address(request.user)
    if show_confidential:
        record_views(request, [location for location in locations if location.confidential])
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "organization": service.organization,
            "locations": locations,
            "show_confidential": show_confidential,
            "other_services": others,
            "share_url": share_url,
            "referral_mailto": referral_mailto(service, locations, share_url),
            **opening_hours(service, locations),
            **as_the_source_said(service, locations),
        },
    )


def as_the_source_said(service, locations):
    """What an HSDS import kept as its source gave it that helps a case worker (hsds/store.py):
    the documents to bring, and each public location's accessibility (never a confidential
    one's, which may tell where it is). One query. Also the service's phones and contacts,
    each phone under its contact."""
    from hsds.models import SourceRecord

    public = {location.pk: location for location in locations if not location.confidential}
    records = SourceRecord.objects.filter(
        Q(service=service, table="required_document")
        | Q(location__in=list(public), table="accessibility")
    ).order_by("record_id")
    documents, accessibility = [], {}
    for record in records:
        if record.table == "required_document":
            documents.append(record.values)
        else:
            accessibility.setdefault(record.location_id, []).append(record.values)
    for pk, location in public.items():
        location.accessibility = accessibility.get(pk, [])
    phones = list(service.phones.all())
    contacts = list(service.contacts.all())
    for contact in contacts:
        contact.lines = [phone for phone in phones if phone.contact_id == contact.pk]
    return {
        "required_documents": documents,
        "service_phones": [phone for phone in phones if not phone.contact_only],
        "contacts": contacts,
    }


def opening_hours(service, locations):
    """The week's hours for the service page: the service's own schedules, else those of
    its locations; whether it is open now (the directory's own rule, in one query)."""
    found = list(Schedule.objects.filter(Q(service=service) | Q(location__in=locations)))
    schedules = [s for s in found if s.service_id] or found
    today = timezone.localdate()
    held = [schedule for schedule in schedules if hours.holds_on(schedule, today)]
    week = hours.week(held, today)
    return {
        "week": week,
        "schedule_texts": [text for s in held for text in (s.description, s.notes) if text],
        "always_open": week is not None and hours.is_always_open(held, today),
        "open_now": week is not None and Service.objects.filter(pk=service.pk).open_now().exists(),
    }


def referral_mailto(service, locations, share_url):
    """A mailto: link whose message holds what a colleague needs to refer: how to reach the
    service, where (never a confidential address), when, in which languages, for whom.
    In the sender's language, its Spanish text falling back to the English."""
    organization = service.organization
    name, organization_name = localized(service, "name"), localized(organization, "name")
    lines = [f"{name} ({organization_name})", ""]

    def add(label, value):
        if value:
            lines.append(f"{label}: {value}")

    add(_("Intake phone"), service.intake_phone)
    add(_("Intake email"), service.intake_email)
    add(_("Hours"), service.hours)
    add(_("Address"), "; ".join(shareable_address(location) for location in locations))
    add(
        _("Languages"),
        ", ".join(str(localized(language, "name")) for language in service.languages.all()),
    )
    add(_("Ages"), service.age_range)
    add(_("Eligibility"), str(localized(service, "eligibility_description")))
    add(_("How to refer"), str(localized(service, "application_process")))
    add(_("Referral form"), service.referral_form_url)
    lines += ["", share_url]
    subject = f"{name} – {organization_name}"
    body = "\n".join(lines)
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def service_unavailable(request, pk):
    """A shared link to a published service that has closed: say so, rather than "not found".

    Only the name, the organization and the status are shown. Drafts stay a plain 404.
    """
    # Published, so in the open record, yet not visible to this user: it has closed.
    service = get_object_or_404(
        Service.objects.visible_to(None)
        .exclude(pk__in=Service.objects.visible_to(request.user, drafts=True))
        .select_related("organization"),
        pk=pk,
    )
    return render(
        request,
        "directory/service_unavailable.html",
        {
            "service": service,
            "organization": service.organization,
            "other_services": Service.objects.visible_to(request.user)
            .filter(organization=service.organization_id)
            .order_by("name"),
        },
        status=404,
    )


@read_directory
def organization_detail(request, pk):
    services = (
        Service.objects.visible_to(request.user)
        .select_related("organization")
        .prefetch_related("capacities")
        .with_open_now()
        .order_by("name")
    )
    organizations = Organization.objects.prefetch_related(
        Prefetch("services", queryset=services, to_attr="visible_services")
    )
    organization = get_object_or_404(organizations, pk=pk)
    if not organization.visible_services and not can_curate(request.user):
        # An organization with nothing published is not part of the directory yet.
        raise Http404("No published services")
    services = organization.visible_services
    attach_todays_hours(services)
    attach_links(services, panel_vocabulary())  # what each card names: one query
    cards = [
        (service, mark_safe(before), mark_safe(after))
        for service, (before, after) in zip(services, draw_cards(services), strict=True)
    ]
    return render(
        request,
        "directory/organization_detail.html",
        {"organization": organization, "services": services, "cards": cards},
    )
