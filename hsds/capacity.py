"""What HSDS 3.1 adds that we keep, both ways: a service's `capacities` (service_capacity,
each with its unit) from our ServiceCapacity rows for a 3.1 export, our capacity states from
the checked rows of an import; and its referral form, among its `additional_urls`.

Our units are three (ServiceCapacity.Unit): an incoming unit is one of them by its name or
identifier ("Bed", "beds", "Places", ...); any other unit (the official example's
"Kilogram") is left out with a warning. One figure per unit and service.
"""

import uuid
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext

from directory.models import Service, ServiceCapacity
from hsds.fields import fit

UNIT_WORDS = {
    ServiceCapacity.Unit.BEDS: {"bed", "beds"},
    ServiceCapacity.Unit.APPOINTMENTS: {"appointment", "appointments"},
    ServiceCapacity.Unit.SLOTS: {"slot", "slots", "place", "places", "space", "spaces"},
}
UNIT_NAMES = {
    ServiceCapacity.Unit.BEDS: "Beds",
    ServiceCapacity.Unit.APPOINTMENTS: "Appointments",
    ServiceCapacity.Unit.SLOTS: "Places",
}
UNITS = uuid.UUID("6f0b2f0e-3c55-4b8e-9a55-2f4c1a7e5d01")
MAX_FIGURE = 100_000
# The label of a service's referral form among its additional_urls.
REFERRAL_FORM_LABEL = "Referral form"


def unit_id(unit):
    """The same id for our unit in every export."""
    return str(uuid.uuid5(UNITS, unit))


def utc_text(moment):
    return moment.astimezone(UTC).isoformat()


# -- Export -------------------------------------------------------------------------------


def unit_record(unit):
    return {"id": unit_id(unit), "name": UNIT_NAMES[unit], "identifier": str(unit)}


def capacity_record(capacity):
    record = {
        "id": str(capacity.id),
        "unit": unit_record(capacity.unit),
        "available": capacity.available,
        "maximum": capacity.maximum,
        "description": capacity.description,
        "updated": utc_text(capacity.updated),
    }
    return {k: v for k, v in record.items() if v not in (None, "")}


def capacity_records(service):
    """A service's `capacities`. Needs its capacities prefetched."""
    return [capacity_record(c) for c in sorted(service.capacities.all(), key=lambda c: c.unit)]


# -- Import -------------------------------------------------------------------------------


def our_unit(unit_row):
    words = {(unit_row.get(name) or "").strip().casefold() for name in ("name", "identifier")}
    for unit, known in UNIT_WORDS.items():
        if words & known:
            return unit
    return None


def whole(value):
    return value is not None and value == value.to_integral_value() and 0 <= value < MAX_FIGURE


def capacity_state(values):
    """A capacity as a state, from a ServiceCapacity's fields (what compare() reads)."""
    return {
        "id": str(values["id"]),
        "unit": str(values["unit"]),
        "available": int(values["available"]),
        "maximum": None if values.get("maximum") is None else int(values["maximum"]),
        "description": values.get("description") or "",
        "updated": utc_text(values["updated"]),
    }


def capacities_state(rows, tables, report):
    """The states of a service's capacities, one per unit, sorted by id."""
    states, units = [], set()
    for row in sorted(rows, key=lambda row: row["id"]):
        where = tables.where[("service_capacity", row["id"])]
        unit_row = tables.rows["unit"].get(row.get("unit_id")) or {}
        unit = our_unit(unit_row)
        if unit is None:
            name = unit_row.get("name") or row.get("unit_id")
            report.warning(
                where,
                "unit_id",
                gettext(
                    "the unit %(name)s is not one the directory counts (beds, appointments, "
                    "places): the capacity is left out."
                )
                % {"name": repr(name)},
            )
            continue
        # The unit as a reader says it ("beds", "places"), in the report's language.
        unit_name = str(ServiceCapacity.Unit(unit).label).lower()
        if unit in units:
            report.warning(
                where,
                "unit_id",
                gettext("the service has another figure in %(unit)s: left out.")
                % {"unit": unit_name},
            )
            continue
        available, maximum = row["available"], row.get("maximum")
        if not whole(available):
            report.warning(
                where,
                "available",
                gettext("%(available)s is not a number of %(unit)s: capacity left out.")
                % {"available": available, "unit": unit_name},
            )
            continue
        if maximum is not None and (not whole(maximum) or maximum < available):
            report.warning(
                where,
                "maximum",
                gettext(
                    "%(maximum)s is not a number of %(unit)s at least the %(available)s "
                    "available: left out."
                )
                % {"maximum": maximum, "available": available, "unit": unit_name},
            )
            maximum = None
        updated = row["updated"]
        if timezone.is_naive(updated):
            updated = timezone.make_aware(updated)
        units.add(unit)
        states.append(
            capacity_state(
                {
                    "id": row["id"],
                    "unit": unit,
                    "available": available,
                    "maximum": maximum,
                    "description": fit(
                        ServiceCapacity,
                        "description",
                        row.get("description"),
                        where,
                        "description",
                        report,
                    ),
                    "updated": updated,
                }
            )
        )
    return states


def referral_form(rows, tables, report):
    """A service's referral form: its additional URL labelled as ours is ("Referral form")."""
    for row in sorted(rows, key=lambda row: row["id"]):
        if (row.get("label") or "").strip().casefold() == REFERRAL_FORM_LABEL.casefold():
            where = tables.where[("url", row["id"])]
            return fit(Service, "referral_form_url", row.get("url"), where, "url", report)
    return ""


def capacity_objects(service_id, states):
    """ServiceCapacity rows from a service's capacity states (the writer saves them)."""
    return [
        ServiceCapacity(
            id=state["id"],
            service_id=service_id,
            unit=state["unit"],
            available=state["available"],
            maximum=state["maximum"],
            description=state["description"],
            updated=datetime.fromisoformat(state["updated"]),
        )
        for state in states
    ]
