"""Import an HSDS package: read, check, compare with the database, then write in one go.

Records are matched by their HSDS id, which is our primary key. For each record the last
imported state (ImportedRecord) makes a three-way comparison possible, field by field:
- the package changed a field nobody touched here: the field is updated;
- a curator changed a field here and the package did not: the curator's value stays;
- both changed it: the record is a conflict, named in the report and left alone unless
  `overwrite` is given.
Nothing is written when any record has an error, unless `skip_invalid` is given; nothing
at all in a dry run.
The address and coordinates of a confidential location are neither compared nor written
(directory.confidential.screen_import); the report says so, and compares them only for a
`viewer` who may see confidential addresses.
A record's kept records (hsds/store.py: required documents, programs, accessibility...)
are one field of its state (KEPT), so a change to them alone is an update, with its
history entry; never compared for a confidential location, or a link to one.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext, ngettext

from directory.confidential import confidential_ids, screen_import
from directory.language_check import Checker
from directory.models import (
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
)
from hsds import source_terms, store
from hsds.build import (
    CAPACITIES,
    CONTACTS,
    FIELDS,
    FROM_TABLES,
    PHONES,
    SCHEDULES,
    SERVICE_SETS,
    build,
    defaults,
)
from hsds.capacity import capacity_state
from hsds.columns import schedule_state
from hsds.contacts import contact_state, phone_state
from hsds.fields import decimal_text, fit
from hsds.mapping import TermMapper
from hsds.models import ImportedRecord
from hsds.reader import SourceError, open_source
from hsds.report import KEPT_PROBLEMS, KINDS, Report, grouped
from hsds.validate import validate
from hsds.writer import write

MODELS = {"organization": Organization, "location": Location, "service": Service}
# Ids a source gives to records we fold into ours (a location's address): always the
# source's, never a curator's, so never a conflict.
# A record's kept records (hsds/store.py: a required document, an accessibility note, a
# program...), of the tables the package gives, as store.kept_state(): the source's alone,
# like SOURCE_IDS, so a change is an update, never a conflict.
KEPT = "kept_records"
SOURCE_IDS = {"address_id", KEPT}
CHUNK = 1000


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Change:
    kind: str
    id: str
    outcome: str  # created, updated, unchanged or skipped
    state: dict  # what the record is to hold
    fields: list = field(default_factory=list)  # the fields to write
    incoming: dict = field(default_factory=dict)  # what the package says: the next base
    track: bool = False  # store `incoming` as the record's imported state


def import_package(
    path,
    *,
    label=None,
    dry_run=False,
    skip_invalid=False,
    overwrite=False,
    as_draft=False,
    progress=None,
    run=None,
    viewer=None,
    finish=None,
    feed=None,
):
    """Check the package at `path`, compare it with the directory, and write it (unless
    `dry_run`) in one transaction, which ends with finish(report) if given: what the caller
    saves there is kept with the data, or undone with it. Returns the Report.

    progress(message, read=None, total=None) hears how far it got: while checking, `read`
    rows of `total` (None when the package does not say beforehand). `feed` (a Feed's id,
    for a sync) adds that feed's term mappings to those for every source."""
    label = label or Path(path).name
    report = Report(source=label, dry_run=dry_run, skip_invalid=skip_invalid)
    progress = progress or (lambda message: None)
    try:
        source = open_source(path, label)
    except SourceError as exc:
        report.error(label, "", str(exc))
        return report
    progress(gettext("Checking the package"))
    tables = validate(source, report, progress, known_ids)
    progress(
        ngettext("Checked %(rows)s row", "Checked %(rows)s rows", report.rows_read)
        % {"rows": grouped(report.rows_read)}
    )
    mapper = TermMapper(feed)
    plan = build(tables, report, mapper)
    fit_to_columns(plan, report)
    check_language(plan, report)
    for kind in KINDS:
        report.count(kind, "skipped", len(tables.invalid[kind]) + plan.invalid[kind])
    del tables
    if report.errors and not skip_invalid:
        return report
    progress(gettext("Comparing with the directory"))
    changes = compare(plan, report, overwrite, viewer)
    if dry_run:
        return report
    with transaction.atomic():
        write(plan, changes, mapper, as_draft=as_draft, run=run, progress=progress)
        report.written = True
        if finish:
            finish(report)
    return report


def fit_to_columns(plan, report):
    """Every text a record is to hold, fitted to its column (fields.fit), so that a dry run
    that passes never fails on import. build() fits most fields where it still knows the row
    they came from; this fits the rest (emails), and any field added to FIELDS later."""
    for kind, records in (
        ("organization", plan.organizations),
        ("location", plan.locations),
        ("service", plan.services),
    ):
        for record in records.values():
            for name, value in record.state.items():
                if isinstance(value, str):
                    # A field made from other tables is named as the JSON key that nests them.
                    hsds_field = FROM_TABLES[name][1][0] if name in FROM_TABLES else name
                    record.state[name] = fit(
                        MODELS[kind], name, value, record.where, hsds_field, report
                    )


def check_language(plan, report):
    """List in the report what the survivor-informed language check flags: never an error."""
    checker = Checker()
    for kind, records, check in (
        ("organization", plan.organizations, checker.organization),
        ("service", plan.services, checker.service),
    ):
        for record in records.values():
            if len(report.language) >= KEPT_PROBLEMS:
                return  # like the warnings: the first ones, so a huge package stays small
            flags = check(record.state)
            if flags:
                report.language.append(
                    {
                        "kind": kind,
                        "id": record.id,
                        "name": record.name,
                        "flags": [str(flag) for flag in flags],
                    }
                )


def known_ids(resource, ids):
    found = set()
    for chunk in chunks(ids):
        found |= {
            str(pk)
            for pk in MODELS[resource].objects.filter(pk__in=chunk).values_list("pk", flat=True)
        }
    return found


def normal(value):
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def current_states(kind, ids, present=()):
    """The records as they are in the database now, in the shape build() gives; with their
    kept records of the tables `present` in the package (KEPT)."""
    states = {}
    for chunk in chunks(ids):
        rows = MODELS[kind].objects.filter(pk__in=chunk).values("id", *FIELDS[kind])
        for row in rows:
            states[str(row.pop("id"))] = {k: normal(v) for k, v in row.items()}
        kept = store.current_kept(kind, chunk, present)
        for pk in (str(pk) for pk in chunk if str(pk) in states):
            states[pk][KEPT] = kept.get(pk, [])
        if kind in ("service", "location"):
            add_schedules(kind, chunk, states)
        if kind != "service":
            continue
        for state in (states[str(pk)] for pk in chunk if str(pk) in states):
            for name in SERVICE_SETS:
                state[name] = []
        through = {
            "languages": (Service.languages.through, "language__code"),
            "areas": (Service.areas.through, "servicearea__name"),
            "remedies": (Service.remedies.through, "legalremedy__slug"),
            "populations": (Service.populations.through, "populationtag__slug"),
            "court_areas": (Service.court_areas.through, "servicearea__name"),
            "categories": (Service.categories.through, "category_id"),
        }
        for name, (model, column) in through.items():
            pairs = model.objects.filter(service_id__in=chunk).values_list("service_id", column)
            for service_id, value in pairs:
                states[str(service_id)][name].append(normal(value))
        links = ServiceAtLocation.objects.filter(service_id__in=chunk)
        for service_id, sal_id, location_id in links.values_list("service_id", "id", "location_id"):
            states[str(service_id)]["locations"].append(f"{sal_id}|{location_id}")
        for state in (states[str(pk)] for pk in chunk if str(pk) in states):
            for name in SERVICE_SETS:
                state[name].sort()
        add_capacities(chunk, states)
        found = source_terms.current(chunk)
        for pk in (str(pk) for pk in chunk if str(pk) in states):
            states[pk][source_terms.STATE_FIELD] = found.get(pk, [])
        add_contacts(chunk, states)
    return states


def add_contacts(ids, states):
    """The contacts and phones of these services, in their states."""
    for state in (states[str(pk)] for pk in ids if str(pk) in states):
        state[CONTACTS], state[PHONES] = [], []
    for name, model, as_state in ((CONTACTS, Contact, contact_state), (PHONES, Phone, phone_state)):
        for values in model.objects.filter(service_id__in=ids).order_by("id").values():
            owner = str(values["service_id"])
            if owner in states:
                states[owner][name].append(as_state(values))


def add_capacities(ids, states):
    """The capacities of these services, in their states."""
    for state in (states[str(pk)] for pk in ids if str(pk) in states):
        state[CAPACITIES] = []
    for capacity in ServiceCapacity.objects.filter(service_id__in=ids).order_by("id").values():
        owner = str(capacity["service_id"])
        if owner in states:
            states[owner][CAPACITIES].append(capacity_state(capacity))


def add_schedules(kind, ids, states):
    """The structured schedules of these services or locations, in their states."""
    for state in (states[str(pk)] for pk in ids if str(pk) in states):
        state[SCHEDULES] = []
    for schedule in Schedule.objects.filter(**{f"{kind}_id__in": ids}).order_by("id").values():
        owner = str(schedule[f"{kind}_id"])
        if owner in states:
            states[owner][SCHEDULES].append(schedule_state(schedule))
    for state in (states[str(pk)] for pk in ids if str(pk) in states):
        state[SCHEDULES].sort(key=lambda schedule: schedule["id"])


def compare(plan, report, overwrite, viewer=None):
    changes = {}
    kept = store.incoming_kept(plan.source_records, plan.present)
    for kind, records in (
        ("organization", plan.organizations),
        ("location", plan.locations),
        ("service", plan.services),
    ):
        for record in records.values():
            record.state[KEPT] = kept.get((kind, record.id), [])
        current = current_states(kind, records, plan.present)
        bases = {}
        for chunk in chunks(records):
            tracked = ImportedRecord.objects.filter(kind=kind, object_id__in=chunk)
            bases.update({str(r.object_id): r.state for r in tracked})
        screened = screen_confidential(kind, records, current, bases, viewer, report)
        if kind == "service":
            screen_links(records, current, bases)
        changes[kind] = []
        for record in records.values():
            change = merge(
                kind, record, current.get(record.id), bases.get(record.id), overwrite, report
            )
            if record.id in screened and not change.track:
                # Stored again, without the address the last import may have kept a copy of.
                change.incoming = change.incoming or bases.get(record.id) or {}
                change.track = bool(change.incoming)
            report.count(kind, change.outcome)
            changes[kind].append(change)
            # A re-check of an unchanged record has nothing new to place.
            uncategorized = not change.state.get("categories")
            if kind == "service" and uncategorized and change.outcome != "unchanged":
                report.uncategorized.append(
                    {"id": record.id, "name": record.name, "new": change.outcome == "created"}
                )
    return changes


def screen_confidential(kind, records, current, bases, viewer, report):
    """Take the address of confidential locations out of the comparison, and say so."""
    if kind != "location":
        return {}
    incoming = {record_id: record.state for record_id, record in records.items()}
    screened = screen_import(incoming, current, bases, viewer)
    for record_id in screened:
        # What the source said of the place (its other addresses, its accessibility...)
        # may tell where it is: not compared either, nor kept as the last import's.
        for states in (incoming, current, bases):
            (states.get(record_id) or {}).pop(KEPT, None)
    for record_id, comparison in screened.items():
        given, differing = comparison or (None, None)
        report.confidential.append(
            {
                "id": record_id,
                "name": records[record_id].name,
                "given": given,
                "differing": differing,
            }
        )
    return screened


def screen_links(records, current, bases):
    """Take out of the services' kept records (KEPT) what the source says of their links to
    confidential locations (a service_at_location's description may tell where it is), on
    both sides, like screen_confidential: not compared, nor kept as the last import's."""
    places = {}  # service_at_location id -> location id, as the package or we have it
    for states in (
        [record.state for record in records.values()],
        current.values(),
        bases.values(),
    ):
        for state in states:
            for link in state.get("locations", []):
                link_id, _, location_id = link.partition("|")
                places.setdefault(link_id, set()).add(location_id)
    hidden = confidential_ids({loc for locs in places.values() for loc in locs})
    if not hidden:
        return
    private = {link for link, locs in places.items() if locs & hidden}
    for states in ([record.state for record in records.values()], current.values(), bases.values()):
        for state in states:
            if KEPT in state:
                state[KEPT] = [
                    r
                    for r in state[KEPT]
                    if not (r[0] == "service_at_location" and r[1] in private)
                ]


def merge(kind, record, current, base, overwrite, report):
    incoming = record.state
    if current is None:
        full = {**defaults(kind), **incoming}
        return Change(kind, record.id, "created", full, list(full), full, True)
    differing = [k for k in incoming if incoming[k] != current.get(k)]
    if base is None:
        # Here before any import (made by hand, or an earlier copy): differences are conflicts.
        take, conflicts = [], differing
    else:
        take = [k for k in differing if untouched(kind, k, current.get(k), base)]
        conflicts = [k for k in differing if k not in take and incoming[k] != base.get(k)]
    # The source's own ids for what we fold into a record: nobody edits them here.
    take += [k for k in conflicts if k in SOURCE_IDS]
    conflicts = [k for k in conflicts if k not in SOURCE_IDS]
    merged = {**current, **{k: incoming[k] for k in take}}
    if kind == "service" and not conflicts and not ages_in_order(merged):
        conflicts = [k for k in ("minimum_age", "maximum_age") if k in differing]
    if conflicts:
        entry = {"kind": kind, "id": record.id, "name": record.name, "fields": conflicts}
        if not overwrite:
            report.conflicts.append(entry)
            return Change(kind, record.id, "skipped", current)
        report.overwritten.append(entry)
        take, merged = differing, {**current, **incoming}
    # The next base: what the source has said of each field, lately or before.
    new_base = {**(base or current), **incoming}
    if not take:
        return Change(kind, record.id, "unchanged", current, [], new_base, new_base != base)
    return Change(kind, record.id, "updated", merged, take, new_base, True)


def untouched(kind, name, value, base):
    """Whether nobody changed the field here since the last import: it holds what that
    import said; or, for a field no import has said anything of yet (one the import has
    only begun to read), it holds what a record holds when nobody says: empty, or the
    model's default (a location made here is "physical", in the "US")."""
    if name in base:
        return value == base[name]
    field = MODELS[kind]._meta.get_field(name) if name in FIELDS[kind] else None
    default = field.get_default() if field is not None and field.has_default() else None
    return value in (None, "", default)


def ages_in_order(state):
    low, high = state.get("minimum_age"), state.get("maximum_age")
    return low is None or high is None or low <= high
