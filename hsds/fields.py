"""One HSDS value to one of our field values: phones, hours, cost, ages, languages,
areas and categories, each with a warning where something is left out or cut."""

from decimal import Decimal

from django.db.models import CharField, EmailField, URLField
from django.utils.text import slugify
from django.utils.translation import gettext

from directory.models import Language, Service, ServiceArea
from hsds import disclosure, legal, populations
from hsds.mapping import describe_term, spanish_field

SIX_PLACES = Decimal("0.000001")
COST_LABELS = {label.casefold(): value for value, label in Service.Cost.choices}


def decimal_text(value):
    return None if value is None else format(Decimal(value).quantize(SIX_PLACES), "f")


def column_limit(model, field_name):
    """The most characters our column holds: its max_length (None for a column of any length).

    The only source of the import's length limits, so a column added or widened is covered.
    """
    field = model._meta.get_field(field_name)
    return field.max_length if isinstance(field, CharField) else None


def fit(model, field_name, value, where, hsds_field, report):
    """The value as our column can hold it, with a warning when it is too long: text is cut;
    an email or web address is left out, as one cut short is another address or none."""
    value = value or ""
    limit = column_limit(model, field_name)
    if limit is None or len(value) <= limit:
        return value
    if isinstance(model._meta.get_field(field_name), (EmailField, URLField)):
        report.warning(
            where,
            hsds_field,
            gettext(
                "is longer than %(limit)s characters, and an address cut short is a wrong one: "
                "left out."
            )
            % {"limit": limit},
        )
        return ""
    report.warning(
        where, hsds_field, gettext("is longer than %(limit)s characters: cut.") % {"limit": limit}
    )
    return value[:limit]


def age_range(values, where, report):
    ages = []
    for name in ("minimum_age", "maximum_age"):
        age = values.get(name)
        if age is not None and (age != age.to_integral_value() or not 0 <= age <= 150):
            report.error(
                where,
                name,
                gettext("%(age)s is not an age in whole years (0 to 150).") % {"age": age},
            )
            raise ValueError(name)
        ages.append(None if age is None else int(age))
    if None not in ages and ages[0] > ages[1]:
        report.error(
            where,
            "maximum_age",
            gettext("%(maximum)s is below the minimum age %(minimum)s.")
            % {"maximum": ages[1], "minimum": ages[0]},
        )
        raise ValueError("maximum_age")
    return ages


def phone_text(phone, where, report):
    text = phone["number"].strip()
    if phone.get("extension") is not None:
        text += f" ext. {phone['extension']}"
    return fit(Service, "intake_phone", text, where, "phones", report)


def schedule_text(schedule):
    if schedule.get("description"):
        return schedule["description"]
    times = ""
    if schedule.get("opens_at") and schedule.get("closes_at"):
        times = f"{schedule['opens_at']:%H:%M}–{schedule['closes_at']:%H:%M}"
    return " ".join(filter(None, [schedule.get("byday"), times]))


def cost_of(options, fees_description):
    """free / sliding / fee, from the cost options, else from the fees description."""
    for option in options:
        label = (option.get("option") or "").strip().casefold()
        if label in COST_LABELS:
            return COST_LABELS[label]
    texts = " ".join(
        f"{o.get('option') or ''} {o.get('amount_description') or ''}" for o in options
    ).casefold()
    if "sliding" in texts:
        return Service.Cost.SLIDING_SCALE.value
    if any((o.get("amount") or 0) > 0 for o in options):
        return Service.Cost.FEE.value
    if options:
        return Service.Cost.FREE.value
    fees = (fees_description or "").casefold()
    if "sliding" in fees:
        return Service.Cost.SLIDING_SCALE.value
    if fees and "free" not in fees and "no cost" not in fees:
        return Service.Cost.FEE.value
    return Service.Cost.FREE.value


class LanguageResolver:
    """Language rows to our ISO codes; unknown codes become new languages."""

    def __init__(self, plan):
        self.plan = plan
        self.codes = {lang.code.casefold(): lang.code for lang in Language.objects.all()}
        self.names = {lang.name.casefold(): lang.code for lang in Language.objects.all()}

    def code_for(self, row, report, tables):
        code, name = (row.get("code") or "").strip(), (row.get("name") or "").strip()
        where = tables.where[("language", row["id"])]
        if code:
            if code.casefold() in self.codes:
                return self.codes[code.casefold()]
            if len(code) > column_limit(Language, "code") or " " in code:
                report.warning(
                    where,
                    "code",
                    gettext("%(code)s is not a language code: left out.") % {"code": repr(code)},
                )
                return None
            self.codes[code.casefold()] = code
            self.plan.new_languages[code] = fit(
                Language, "name", name or code, where, "name", report
            )
            return code
        if name.casefold() in self.names:
            return self.names[name.casefold()]
        report.warning(
            where,
            "name",
            gettext("%(name)s has no ISO 639 code and is not one of ours: left out.")
            % {"name": repr(name)},
        )
        return None


def area_name(row, areas, tables, report):
    where = tables.where[("service_area", row["id"])]
    name = fit(ServiceArea, "name", row["name"].strip(), where, "name", report)
    return areas.setdefault(name.casefold(), name)


def area_slug(name, taken):
    # Room for the "-2", "-3" ... that keeps a slug unique.
    base = slugify(name)[: column_limit(ServiceArea, "slug") - 10] or "area"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def categories_of(service_id, attributes_by, tables, mapper, report, service_name):
    found, unmapped = set(), []
    for attribute in attributes_by.get(service_id, []):
        term = tables.rows["taxonomy_term"].get(attribute.get("taxonomy_term_id"))
        if term is None or spanish_field(term):
            continue
        taxonomy = tables.rows["taxonomy"].get(term.get("taxonomy_id") or "", {})
        if disclosure.is_ours(term, taxonomy.get("name", "")):
            continue  # a disclosure fact, not a category (hsds/disclosure.py)
        if legal.is_ours(term, taxonomy.get("name", "")):
            continue  # a legal remedy or court county, not a category (hsds/legal.py)
        if populations.is_ours(term, taxonomy.get("name", "")):
            continue  # a population tag, not a category (hsds/populations.py)
        categories = mapper.categories_for(term, taxonomy.get("name", ""))
        found |= categories
        if not categories:
            unmapped.append(describe_term(term, taxonomy.get("name", "")))
    for label in unmapped:
        report.unmapped_terms[label] = report.unmapped_terms.get(label, 0) + 1
    return {str(c) for c in found}
