"""Write the compared records in bulk, a chunk at a time (called inside one transaction).

Bulk writes skip Model.save(), so this module does what save() would: it fills the search
fields (Service.build_search_text() with the category labels it already has, then, once a
chunk's links are written, refresh_search_text() for their languages, tags and areas), sets
last_modified on updates, and marks the directory changed for what is cached of it.
"""

from datetime import date, time
from decimal import Decimal
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext

from directory.geo import fill_coordinates
from directory.models import (
    Contact,
    Language,
    LegalRemedy,
    Location,
    OpeningTime,
    Organization,
    Phone,
    PopulationTag,
    Schedule,
    Service,
    ServiceArea,
    ServiceCapacity,
)
from directory.models import ServiceAtLocation as SAL
from directory.models.querysets import directory_changed
from hsds import source_terms
from hsds.build import CAPACITIES, CONTACTS, FIELDS, PHONES, SCHEDULES, SERVICE_FIELDS
from hsds.capacity import capacity_objects
from hsds.columns import SCHEDULE_DATES, SCHEDULE_TIMES
from hsds.contacts import contact_objects, phone_objects
from hsds.fields import area_slug, column_limit
from hsds.models import ImportedRecord
from hsds.report import KIND_PLURALS, grouped
from hsds.store import write_source_records

BATCH = 500
CHUNK = 1000


def _chunks(items, size=CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _model_values(state, fields):
    values = {}
    for name in fields:
        value = state[name]
        if name in ("latitude", "longitude") and value is not None:
            value = Decimal(value)
        values[name] = value
    return values


def write(plan, changes, mapper, *, as_draft=False, run=None, progress=None):
    progress = progress or (lambda message: None)
    now = timezone.now()
    user = run.user if run else None
    save = Saver(user, change_reason(run))
    _write_simple("organization", Organization, changes["organization"], now, save, progress)
    _write_simple("location", Location, changes["location"], now, save, progress)
    _write_schedules("location", changes["location"])
    source_terms.write_terms(plan.source_terms)
    services = [c for c in changes["service"] if c.outcome in ("created", "updated")]
    language_ids, area_ids = _vocabulary(plan, services)
    org_names = _organization_names(changes, services)
    category_labels = {key: str(category) for key, category in mapper.categories.items()}
    for done, chunk in enumerate(_chunks(services)):
        _write_services(
            chunk, now, as_draft, save, org_names, category_labels, language_ids, area_ids
        )
        progress(
            gettext("Writing services: %(done)s/%(total)s")
            % {
                "done": grouped(min((done + 1) * CHUNK, len(services))),
                "total": grouped(len(services)),
            }
        )
    written = {
        kind: {c.id for c in kind_changes if c.outcome != "skipped"}
        for kind, kind_changes in changes.items()
    }
    write_source_records(plan.source_records, plan.present, written)
    _track(changes, run, now)
    _refresh_renamed(changes, {c.id for c in services})
    directory_changed()  # what is cached of the directory (facet counts) is out of date


def change_reason(run):
    """What each version in the change history says: a long path keeps its end, the file's
    name, to fit the column (simple_history's, the same in every history table)."""
    if run is None:
        return "HSDS import"
    reason, limit = "HSDS import of ", column_limit(Service.history.model, "history_change_reason")
    if len(reason + run.source) <= limit:
        return reason + run.source
    return reason + "…" + run.source[len(reason) + 1 - limit :]


class Saver:
    """Bulk create and update, through django-simple-history where a model keeps history,
    so an import shows in the change history like any other edit."""

    def __init__(self, user, reason):
        self.user, self.reason = user, reason

    def create(self, model, objects):
        if hasattr(model, "history"):
            from simple_history.utils import bulk_create_with_history

            bulk_create_with_history(
                objects,
                model,
                batch_size=BATCH,
                default_user=self.user,
                default_change_reason=self.reason,
            )
        else:
            model.objects.bulk_create(objects, batch_size=BATCH)

    def update(self, model, objects, fields):
        if hasattr(model, "history"):
            from simple_history.utils import bulk_update_with_history

            bulk_update_with_history(
                objects,
                model,
                fields,
                batch_size=BATCH,
                default_user=self.user,
                default_change_reason=self.reason,
            )
        else:
            model.objects.bulk_update(objects, fields, batch_size=BATCH)


def _loaded(model, chunk):
    """The records to update, whole: history keeps every field, not only the changed ones."""
    objects = model.objects.in_bulk([c.id for c in chunk])
    return [(c, objects[UUID(c.id)]) for c in chunk]


def _write_simple(kind, model, changes, now, save, progress):
    fields = FIELDS[kind]
    created = [c for c in changes if c.outcome == "created"]
    updated = [c for c in changes if c.outcome == "updated"]
    for chunk in _chunks(created):
        objects = [model(id=c.id, **_model_values(c.state, fields)) for c in chunk]
        if model is Location:
            for obj in objects:
                fill_coordinates(obj)  # as saving one would
        save.create(model, objects)
    for chunk in _chunks(updated):
        objects = []
        for change, obj in _loaded(model, chunk):
            names = [name for name in change.fields if name in fields]
            for name, value in _model_values(change.state, names).items():
                setattr(obj, name, value)
            if model is Location:
                fill_coordinates(obj)
            obj.last_modified = now
            objects.append(obj)
        save.update(model, objects, [*fields, "last_modified"])
    if created or updated:
        progress(
            gettext("Wrote %(count)s %(kind)s")
            % {
                "count": grouped(len(created) + len(updated)),
                "kind": KIND_PLURALS.get(kind, f"{kind}s"),
            }
        )


def _vocabulary(plan, services):
    """Ids of the languages and areas the services use, creating the new ones."""
    codes = {code for c in services for code in c.state["languages"]}
    new = [
        Language(code=code, name=plan.new_languages[code])
        for code in codes
        if code in plan.new_languages
    ]
    existing = set(
        Language.objects.filter(code__in=[lang.code for lang in new]).values_list("code", flat=True)
    )
    Language.objects.bulk_create([lang for lang in new if lang.code not in existing])
    language_ids = dict(Language.objects.filter(code__in=codes).values_list("code", "id"))

    names = {name for c in services for key in ("areas", "court_areas") for name in c.state[key]}
    area_ids = {a.name: a.id for a in ServiceArea.objects.all()}
    taken = set(ServiceArea.objects.values_list("slug", flat=True))
    missing = [
        ServiceArea(name=n, slug=area_slug(n, taken)) for n in sorted(names - area_ids.keys())
    ]
    ServiceArea.objects.bulk_create(missing)
    if missing:
        area_ids = {a.name: a.id for a in ServiceArea.objects.all()}
    return language_ids, area_ids


def _organization_names(changes, services):
    names = {c.id: c.state["name"] for c in changes["organization"] if c.outcome != "skipped"}
    wanted = {c.state["organization_id"] for c in services} - names.keys()
    for chunk in _chunks(list(wanted)):
        rows = Organization.objects.filter(pk__in=chunk).values_list("id", "name")
        names.update({str(pk): name for pk, name in rows})
    return names


def _write_services(chunk, now, as_draft, save, org_names, category_labels, language_ids, area_ids):
    """A chunk of created and updated services, then what hangs off them, a table each."""
    _write_service_rows(chunk, now, as_draft, save, org_names, category_labels)
    _write_languages(chunk, language_ids)
    _write_areas(chunk, area_ids)
    _write_legal(chunk, area_ids)
    _write_populations(chunk)
    _write_categories(chunk)
    _write_service_locations(chunk, save)
    _write_schedules("service", chunk)
    _write_capacities(chunk, save)
    source_terms.write_attributes(chunk)
    _write_contacts(chunk, save)
    # The links are written: the search text takes in their languages, tags and areas.
    Service.objects.filter(pk__in=[c.id for c in chunk]).refresh_search_text()


def _rewritten(chunk, name):
    """The changes whose `name` is written: all new services, and updates that change it."""
    return [c for c in chunk if c.outcome == "created" or name in c.fields]


def _write_service_rows(chunk, now, as_draft, save, org_names, category_labels):
    """The services themselves, with the search text and publication save() would give."""
    created = [(c, Service(id=c.id)) for c in chunk if c.outcome == "created"]
    updated = _loaded(Service, [c for c in chunk if c.outcome == "updated"])
    for change, service in created + updated:
        names = SERVICE_FIELDS if change.outcome == "created" else change.fields
        for name, value in _model_values(
            change.state, [n for n in names if n in SERVICE_FIELDS]
        ).items():
            setattr(service, name, value)
        org_id = change.state["organization_id"]
        service.organization = Organization(id=org_id, name=org_names[org_id])
        labels = [category_labels[c] for c in change.state["categories"] if c in category_labels]
        service.search_text = service.build_search_text(labels)
    for change, service in created:
        published = bool(change.state["categories"]) and not as_draft
        service.publication = (
            Service.Publication.PUBLISHED if published else Service.Publication.DRAFT
        )
    for _, service in updated:
        service.last_modified = now
    save.create(Service, [service for _, service in created])
    save.update(
        Service,
        [service for _, service in updated],
        [*SERVICE_FIELDS, "search_text", "last_modified"],
    )


def _replace_links(chunk, name, model, column, ids=None):
    """Rewrite one many-to-many table of the services whose `name` is written: an update's
    old rows go first. ids turns a state's values into keys (None: they are keys)."""
    targets = _rewritten(chunk, name)
    model.objects.filter(service_id__in=[c.id for c in targets if c.outcome == "updated"]).delete()
    rows = [
        model(service_id=c.id, **{column: value if ids is None else ids[value]})
        for c in targets
        for value in c.state[name]
    ]
    model.objects.bulk_create(rows, batch_size=BATCH)


def _write_languages(chunk, language_ids):
    _replace_links(chunk, "languages", Service.languages.through, "language_id", language_ids)


def _write_areas(chunk, area_ids):
    _replace_links(chunk, "areas", Service.areas.through, "servicearea_id", area_ids)


def _write_legal(chunk, area_ids):
    """A legal service's remedies (by slug: only those we have reach the state) and the
    counties whose courts it appears in (hsds/legal.py)."""
    remedy_ids = dict(LegalRemedy.objects.values_list("slug", "id"))
    _replace_links(chunk, "remedies", Service.remedies.through, "legalremedy_id", remedy_ids)
    _replace_links(chunk, "court_areas", Service.court_areas.through, "servicearea_id", area_ids)


def _write_populations(chunk):
    """A service's population tags (by slug: only those we have reach the state)."""
    tag_ids = dict(PopulationTag.objects.values_list("slug", "id"))
    _replace_links(chunk, "populations", Service.populations.through, "populationtag_id", tag_ids)


def _write_categories(chunk):
    _replace_links(chunk, "categories", Service.categories.through, "category_id")


def _write_service_locations(chunk, save):
    """The service-at-location links, through the history like the services. A link keeps
    its HSDS id, so one that moved to another service is removed from there first."""
    targets = _rewritten(chunk, "locations")
    links = [(c.id, *link.split("|")) for c in targets for link in c.state["locations"]]
    SAL.objects.filter(service_id__in=[c.id for c in targets if c.outcome == "updated"]).delete()
    SAL.objects.filter(id__in=[sal_id for _, sal_id, _ in links]).delete()
    save.create(
        SAL,
        [
            SAL(id=sal_id, service_id=service_id, location_id=location_id)
            for service_id, sal_id, location_id in links
        ],
    )


def _write_capacities(chunk, save):
    """Replace the capacities of the services whose capacities are written, through the
    history. A capacity keeps its HSDS id, so one that moved from another service is
    taken from there first."""
    targets = _rewritten(chunk, CAPACITIES)
    objects = [obj for c in targets for obj in capacity_objects(c.id, c.state[CAPACITIES])]
    updated = [c.id for c in targets if c.outcome == "updated"]
    ServiceCapacity.objects.filter(service_id__in=updated).delete()
    ServiceCapacity.objects.filter(pk__in=[obj.pk for obj in objects]).delete()
    save.create(ServiceCapacity, objects)


def _write_contacts(chunk, save):
    """Replace the contacts, then the phones, of the services whose contacts or phones are
    written. Each keeps its HSDS id, so one that moved from another service goes first."""
    targets = [c for c in chunk if c.outcome == "created" or {CONTACTS, PHONES} & set(c.fields)]
    contacts = [obj for c in targets for obj in contact_objects(c.id, c.state[CONTACTS])]
    phones = [obj for c in targets for obj in phone_objects(c.id, c.state[PHONES])]
    updated = [c.id for c in targets if c.outcome == "updated"]
    Phone.objects.filter(service_id__in=updated).delete()
    Phone.objects.filter(pk__in=[obj.pk for obj in phones]).delete()
    Contact.objects.filter(service_id__in=updated).delete()
    Contact.objects.filter(pk__in=[obj.pk for obj in contacts]).delete()
    save.create(Contact, contacts)
    known = {str(obj.pk) for obj in contacts}
    for phone in phones:
        if phone.contact_id and str(phone.contact_id) not in known:
            phone.contact_id = None  # its contact is another service's
    save.create(Phone, phones)


def _schedule(owner, kind, state):
    values = {key: value for key, value in state.items() if key != "id"}
    for name in SCHEDULE_DATES:
        values[name] = values[name] and date.fromisoformat(values[name])
    for name in SCHEDULE_TIMES:
        values[name] = values[name] and time.fromisoformat(values[name])
    if values["timezone"] is not None:
        values["timezone"] = Decimal(values["timezone"])
    return Schedule(id=state["id"], **{f"{kind}_id": owner}, **values)


def _write_schedules(kind, changes):
    """Replace the schedules of the services or locations whose schedules are written, then
    their opening times. A schedule keeps its HSDS id, so one that moved from another
    record is taken from there first."""
    targets = [c for c in _rewritten(changes, SCHEDULES) if c.outcome != "skipped"]
    if not targets:
        return
    owners = [c.id for c in targets]
    schedules = [_schedule(c.id, kind, state) for c in targets for state in c.state[SCHEDULES]]
    moved = Schedule.objects.filter(pk__in=[schedule.pk for schedule in schedules])
    services, locations = set(), set()
    for service_id, location_id in moved.values_list("service_id", "location_id"):
        services.add(service_id)
        locations.add(location_id)
    moved.delete()
    Schedule.objects.filter(**{f"{kind}_id__in": owners}).delete()
    Schedule.objects.bulk_create(schedules, batch_size=BATCH)
    (services if kind == "service" else locations).update(owners)
    OpeningTime.rebuild(services=services, locations=locations)


def _track(changes, run, now):
    rows = [
        ImportedRecord(kind=kind, object_id=c.id, state=c.incoming, run=run, imported_at=now)
        for kind, kind_changes in changes.items()
        for c in kind_changes
        if c.track
    ]
    ImportedRecord.objects.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["state", "run", "imported_at"],
    )


def _refresh_renamed(changes, written):
    """A renamed organization's name is in the search text of all its services."""
    renamed = [
        c.id
        for c in changes["organization"]
        if c.outcome == "updated" and {"name", "name_es"} & set(c.fields)
    ]
    others = Service.objects.filter(organization_id__in=renamed).exclude(id__in=written)
    others.refresh_search_text()
