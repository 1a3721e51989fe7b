"""Load the fictional demo directory described in directory/demo_data.py.

Running it again changes nothing. Every organization, location, service and service
location gets a UUID derived from its key in demo_data (uuid5 in DEMO_NAMESPACE), so a re-run
finds the records it made and updates them in place. A record whose values already match is
not saved, so its last_modified stays as it was. Many-to-many links are set only when they
differ. Areas are matched by slug, and the vocabulary (categories, languages, population
tags) must already exist: migrations seed it.

Dates: demo_data gives each service's last-verified date as a number of days before the
load. The command sets that date, and the verifier's email, only when it creates the service.
After that it leaves them alone, so a curator's "mark verified today" survives a re-run, and a
run on a later day changes nothing either. The price is that the demo ages with the
database: a year on, most services are stale. `--refresh-dates` sets every demo service's
date again, counted from today.

Records a curator added to a demo organization are left alone. The only exception is a demo
service's list of locations, which is made to match demo_data like its other links.
"""

import uuid
from datetime import time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from directory import demo_data
from directory.geo import zip_coordinates
from directory.models import (
    Category,
    Language,
    LegalRemedy,
    Location,
    OpeningTime,
    Organization,
    PopulationTag,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
)
from directory.models.disclosure import FACTS, Answer

DEMO_NAMESPACE = uuid.UUID("3d0c9f2a-5e7b-4f61-8c2d-9a4b1e6f0d37")

DEMO_ASSURER_EMAIL = "demo-curator@example.org"

LOCATION_DEFAULTS = {
    "name": "",
    "address_1": "",
    "address_2": "",
    "city": "",
    "state_province": demo_data.STATE,
    "postal_code": "",
    "latitude": None,
    "longitude": None,
    "confidential": False,
}

SERVICE_DEFAULTS = {
    "alternate_name": "",
    "description": "",
    "url": "",
    "email": "",
    "interpretation_services": "",
    "minimum_age": None,
    "maximum_age": None,
    "eligibility_description": "",
    "cost": Service.Cost.FREE,
    "fees_description": "",
    "application_process": "",
    "intake_phone": "",
    "intake_email": "",
    "hours": "",
    "status": Service.Status.ACTIVE,
    "publication": Service.Publication.PUBLISHED,
}

# Keys of a service in demo_data that are not plain Service fields.
SERVICE_LINKS = {
    "key",
    "categories",
    "languages",
    "populations",
    "areas",
    "remedies",
    "court_areas",
    "disclosure",
    "locations",
    "verified_days_ago",
}


def demo_uuid(*key):
    """The stable id of a demo record, e.g. demo_uuid("service", "lantern-house", "drop-in")."""
    return uuid.uuid5(DEMO_NAMESPACE, "/".join(key))


class Command(BaseCommand):
    help = "Load the fictional demo directory. Safe to run again: a second run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh-dates",
            action="store_true",
            help="Set every demo service's last-verified date again, counted from today.",
        )

    def handle(self, *args, refresh_dates=False, **options):
        self.today = timezone.localdate()
        self.refresh_dates = refresh_dates
        self.created = self.updated = 0
        with transaction.atomic():
            self.vocabulary = self.load_vocabulary()
            self.sync_areas()
            organizations = self.sync_organizations()
            locations = self.sync_locations(organizations)
            services = self.sync_services(organizations, locations)
            self.sync_schedules(services)
            self.sync_capacities(services)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Demo directory: {len(organizations)} organizations, {len(services)} "
                f"services, {len(locations)} locations, {len(demo_data.AREAS)} areas "
                f"({self.created} created, {self.updated} updated)"
            )

    def load_vocabulary(self):
        """Slug or code -> primary key for each vocabulary, failing on anything missing."""
        services = [s for org in demo_data.ORGANIZATIONS for s in org["services"]]
        vocabulary = {}
        for field, model, lookup in [
            ("categories", Category, "slug"),
            ("languages", Language, "code"),
            ("populations", PopulationTag, "slug"),
            ("remedies", LegalRemedy, "slug"),
        ]:
            wanted = {value for service in services for value in service.get(field, ())}
            found = dict(
                model.objects.filter(**{f"{lookup}__in": wanted}).values_list(lookup, "pk")
            )
            if missing := sorted(wanted - found.keys()):
                raise CommandError(
                    f"The demo data uses {field} that are not in the database: "
                    f"{', '.join(missing)}. Run `manage.py migrate` first."
                )
            vocabulary[field] = found
        return vocabulary

    def sync_areas(self):
        existing = ServiceArea.objects.in_bulk(
            [slug for slug, _, _ in demo_data.AREAS], field_name="slug"
        )
        areas = {}
        for slug, name, covers_all in demo_data.AREAS:
            area = existing.get(slug)
            if area is None:
                area = ServiceArea.objects.create(slug=slug, name=name, covers_all=covers_all)
                self.created += 1
            elif (area.name, area.covers_all) != (name, covers_all):
                area.name = name
                area.covers_all = covers_all
                area.save()
                self.updated += 1
            areas[slug] = area.pk
        self.vocabulary["areas"] = areas

    def sync_organizations(self):
        """Returns {org key: Organization}."""
        ids = {org["key"]: demo_uuid("organization", org["key"]) for org in demo_data.ORGANIZATIONS}
        existing = Organization.objects.in_bulk(ids.values())
        organizations = {}
        for org in demo_data.ORGANIZATIONS:
            values = {
                "name": org["name"],
                "description": org["description"],
                "website": org.get("website", ""),
                "email": org.get("email", ""),
                "phone": org.get("phone", ""),
                "description_es": org.get("description_es", ""),
            }
            organizations[org["key"]], _ = self.sync(
                Organization, existing, ids[org["key"]], values
            )
        return organizations

    def sync_locations(self, organizations):
        """Returns {(org key, location key): Location}."""
        wanted = {}
        for org in demo_data.ORGANIZATIONS:
            for location in org.get("locations", ()):
                key = (org["key"], location["key"])
                values = {**LOCATION_DEFAULTS, **location}
                del values["key"]
                values["organization_id"] = organizations[org["key"]].pk
                if values["latitude"] is None and values["longitude"] is None:
                    # What saving would fill in, so a second run finds nothing to change.
                    coordinates = zip_coordinates(values["postal_code"])
                    if coordinates:
                        values["latitude"], values["longitude"] = coordinates
                wanted[key] = values
        ids = {key: demo_uuid("location", *key) for key in wanted}
        existing = Location.objects.in_bulk(ids.values())
        return {
            key: self.sync(Location, existing, ids[key], values)[0]
            for key, values in wanted.items()
        }

    def sync_services(self, organizations, locations):
        """Returns {(org key, service key): Service}."""
        ids = {
            (org["key"], service["key"]): demo_uuid("service", org["key"], service["key"])
            for org in demo_data.ORGANIZATIONS
            for service in org["services"]
        }
        # Loaded after the organizations are saved, so a service's cached organization
        # (part of its search text) is current.
        existing = (
            Service.objects.select_related("organization")
            .prefetch_related(
                "categories", "languages", "populations", "areas", "remedies", "court_areas"
            )
            .in_bulk(ids.values())
        )
        links = {}
        for link in ServiceAtLocation.objects.filter(service_id__in=ids.values()):
            links.setdefault(link.service_id, {})[link.location_id] = link

        services = {}
        for org in demo_data.ORGANIZATIONS:
            for data in org["services"]:
                key = (org["key"], data["key"])
                pk = ids[key]
                values = {**SERVICE_DEFAULTS}
                values.update((k, v) for k, v in data.items() if k not in SERVICE_LINKS)
                values["organization_id"] = organizations[org["key"]].pk
                # Every fact the demo does not give is unknown, and shows as unknown.
                values.update({fact.field: Answer.UNKNOWN for fact in FACTS})
                values.update({fact.note_field: "" for fact in FACTS})
                values.update(data.get("disclosure", {}))
                if pk not in existing or self.refresh_dates:
                    values.update(self.verification(data["verified_days_ago"]))
                    # The provider confirmed its answers when the service was last verified.
                    if data.get("disclosure"):
                        values["disclosure_confirmed"] = values["assured_date"]

                service, counted = self.sync(Service, existing, pk, values)
                changed = self.sync_relations(service, data)
                location_ids = {}
                for location_key in data.get("locations", ()):
                    if (org["key"], location_key) not in locations:
                        raise CommandError(
                            f"Demo service {key} names an unknown location {location_key!r}."
                        )
                    location_ids[locations[org["key"], location_key].pk] = location_key
                changed |= self.sync_links(service, key, location_ids, links.get(pk, {}))
                if changed and not counted:
                    self.updated += 1
                services[key] = service
        return services

    def sync_schedules(self, services):
        """Make each demo service's schedules match demo_data.SCHEDULES, then its opening
        times. A schedule a curator added to a demo service is left alone."""
        wanted = {}
        for key, rows in demo_data.SCHEDULES.items():
            for number, row in enumerate(rows):
                days, opens, closes, description = (*row, "")[:4]
                wanted[demo_uuid("schedule", *key, str(number))] = {
                    "service_id": services[key].pk,
                    "location_id": None,
                    "freq": Schedule.Frequency.WEEKLY
                    if days.replace(",", "").isalpha()
                    else Schedule.Frequency.MONTHLY,
                    "byday": days,
                    "opens_at": time.fromisoformat(opens),
                    "closes_at": time.fromisoformat(closes),
                    "description": description,
                }
        demo_services = [service.pk for service in services.values()]
        existing = {
            schedule.pk: schedule
            for schedule in Schedule.objects.filter(service__in=demo_services)
            if schedule.pk in wanted
        }
        changed = set()
        for pk, values in wanted.items():
            schedule = existing.get(pk)
            if schedule and all(getattr(schedule, k) == v for k, v in values.items()):
                continue
            changed.add(values["service_id"])
            if schedule:
                Schedule.objects.filter(pk=pk).update(**values)
            else:
                Schedule.objects.bulk_create([Schedule(id=pk, **values)])
        # A demo schedule that demo_data no longer has.
        derived = {demo_uuid("schedule", *key, str(n)) for key in services for n in range(10)}
        gone = Schedule.objects.filter(service__in=demo_services, pk__in=derived - wanted.keys())
        changed |= set(gone.values_list("service_id", flat=True))
        gone.delete()
        OpeningTime.rebuild(services=changed)

    def sync_capacities(self, services):
        """Give the demo shelters their figures (demo_data.CAPACITIES) once; a second run
        leaves them as providers and curators have since made them, unless asked to
        refresh the dates."""
        now = timezone.now()
        for key, rows in demo_data.CAPACITIES.items():
            for unit, available, maximum, description, hours_ago in rows:
                pk = demo_uuid("capacity", *key, unit)
                updated = now - timedelta(hours=hours_ago)
                capacity = ServiceCapacity.objects.filter(pk=pk).first()
                if capacity is None:
                    ServiceCapacity.objects.create(
                        id=pk,
                        service=services[key],
                        unit=unit,
                        available=available,
                        maximum=maximum,
                        description=description,
                        updated=updated,
                    )
                elif self.refresh_dates:
                    capacity.available, capacity.updated = available, updated
                    capacity.save()

    def verification(self, days_ago):
        if days_ago is None:
            return {"assured_date": None, "assurer_email": ""}
        return {
            "assured_date": self.today - timedelta(days=days_ago),
            "assurer_email": DEMO_ASSURER_EMAIL,
        }

    def sync(self, model, existing, pk, values):
        """Create the record, or save it only if a value differs.

        Returns the record and whether it was created or updated (and so already counted).
        """
        record = existing.get(pk)
        if record is None:
            self.created += 1
            return model.objects.create(id=pk, **values), True
        changed = {name: value for name, value in values.items() if getattr(record, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(record, name, value)
            record.save()
            self.updated += 1
        return record, bool(changed)

    def sync_relations(self, service, data):
        """Set each many-to-many relation that differs. Returns whether any did."""
        changed = False
        for field in ["categories", "languages", "populations", "areas", "remedies", "court_areas"]:
            vocabulary = self.vocabulary["areas" if field == "court_areas" else field]
            wanted = {vocabulary[value] for value in data.get(field, ())}
            manager = getattr(service, field)
            if {related.pk for related in manager.all()} != wanted:
                manager.set(wanted)
                changed = True
        return changed

    def sync_links(self, service, key, wanted, current):
        """Make the service's locations match `wanted` ({location id: location key})."""
        stale = [link.pk for location_id, link in current.items() if location_id not in wanted]
        missing = [
            ServiceAtLocation(
                id=demo_uuid("service-at-location", *key, location_key),
                service=service,
                location_id=location_id,
            )
            for location_id, location_key in wanted.items()
            if location_id not in current
        ]
        if stale:
            ServiceAtLocation.objects.filter(pk__in=stale).delete()
        if missing:
            ServiceAtLocation.objects.bulk_create(missing)
        return bool(stale or missing)
