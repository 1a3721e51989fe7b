"""A service's result card, as the directory page and an organization's page list it.

Drawn in Python rather than through a template: a page draws twenty cards, and through the
template engine they were the largest part of drawing a search's first asking (about half a
millisecond each at best, a fraction of that here). Each part of a card is one small
function below, in the card's order; every text is escaped as the template did, and every
word of ours goes through gettext with the msgid the template had.

What a card names of the service's categories, languages, population tags and areas is
read in one statement for a page of services (attach_links), and the names come from the
vocabulary this process holds (directory/panel.py). The referral list's Add/Remove button
is the reader's own: a card leaves its place marked (TOGGLE) and the page puts it in.
"""

from django.db import connections
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from directory.localized import localized
from directory.models import Category, Language, PopulationTag, Service, ServiceArea
from directory.templatetags.directory_tags import hours_summary, tel_href, verified_ago

# Where the referral list's button goes in a card.
TOGGLE = "<!--referral-toggle-->"
# The relations a card names, and the model of each.
LINKS = {
    "categories": Category,
    "languages": Language,
    "populations": PopulationTag,
    "areas": ServiceArea,
}


def attach_links(services, vocabulary):
    """Gives each service `card_links`: {relation: [records in the vocabulary's order]} for
    LINKS, the categories as the distinct top-level ones (Service.top_categories). One
    statement for every service and relation."""
    if not services:
        return services
    connection = connections[services[0]._state.db or "default"]
    pk_field = Service._meta.pk
    ids = [pk_field.get_db_prep_value(service.pk, connection) for service in services]
    marks = ", ".join(["%s"] * len(ids))
    parts, params = [], []
    for number, name in enumerate(LINKS):
        field = Service._meta.get_field(name)
        table = connection.ops.quote_name(field.m2m_db_table())
        own = connection.ops.quote_name(field.m2m_column_name())
        other = connection.ops.quote_name(field.m2m_reverse_name())
        parts.append(f"SELECT {number}, {own}, {other} FROM {table} WHERE {own} IN ({marks})")
        params += ids
    found = {service.pk: {name: [] for name in LINKS} for service in services}
    names = list(LINKS)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for number, service_id, target in cursor.fetchall():
            name = names[number]
            model = LINKS[name]
            record = vocabulary.by_pk.get((model, model._meta.pk.to_python(target)))
            if record is not None:  # one added since this request read the vocabulary
                found[pk_field.to_python(service_id)][name].append(record)
    order = vocabulary.order
    for service in services:
        links = found[service.pk]
        for name in LINKS:
            links[name].sort(key=order.__getitem__)
        tops = {}
        for category in links["categories"]:
            top = category.parent if category.parent_id else category
            tops.setdefault(top.pk, top)
        links["categories"] = sorted(tops.values(), key=lambda c: (c.order, c.name))
        service.card_links = links
    return services


def card(service):
    """The card of `service` (with card_links, todays_hours and is_open_now attached), its
    referral button's place marked TOGGLE."""
    links = service.card_links
    name = localized(service, "name")
    organization = localized(service.organization, "name")
    parts = [
        '<li class="card">\n',
        format_html(
            '  <h3><a href="{}"{}>{}</a>{}</h3>\n',
            reverse("directory:service", args=[service.pk]),
            name.lang_attr,
            name,
            format_html(' <span class="badge">{}</span>', service.get_status_display())
            if service.status != "active"
            else "",
        ),
        format_html('  <p class="org"{}>{}</p>\n', organization.lang_attr, organization),
        _distance(service),
        _tags("tags", _("Categories"), links["categories"], "  "),
        _call(service),
        '  <dl class="facts">\n',
        _today(service),
        _capacities(service),
        format_html("    <dt>{}</dt><dd>{}</dd>\n", _("Languages"), _names(links["languages"])),
        format_html("    <dt>{}</dt><dd>{}</dd>\n", _("Ages"), service.age_range),
        format_html(
            "    <dt>{}</dt><dd>{}</dd>\n",
            _("Serves"),
            _tags("tags tags--inline", None, links["populations"], ""),
        )
        if links["populations"]
        else "",
        format_html("    <dt>{}</dt><dd>{}</dd>\n", _("Area"), _names(links["areas"])),
        format_html("    <dt>{}</dt><dd>{}</dd>\n", _("Cost"), service.get_cost_display()),
        "  </dl>\n",
        f"  {TOGGLE}\n",
        _verified(service),
        "</li>\n",
    ]
    return "".join(parts)


def _distance(service):
    distance = getattr(service, "distance", None)
    if distance is None:
        return ""
    if getattr(service, "distance_rounded", False):
        text = _("About %(miles)s miles away (confidential location)") % {
            "miles": conditional_escape(floatformat(distance, 0))
        }
    else:
        text = _("%(miles)s miles away") % {"miles": conditional_escape(floatformat(distance, 1))}
    return format_html('  <p class="card__distance">{}</p>\n', mark_safe(text))


def _tags(css, label, records, indent):
    if not records:
        return ""
    items = mark_safe(
        "".join(
            format_html('<li class="tag">{}</li>', localized(record, "name")) for record in records
        )
    )
    if label is None:
        return format_html('<ul class="{}">{}</ul>', css, items)
    return format_html('{}<ul class="{}" aria-label="{}">{}</ul>\n', indent, css, label, items)


def _names(records):
    """The records' names, comma-separated, or "Not listed"."""
    if not records:
        return _("Not listed")
    return mark_safe(", ".join(conditional_escape(localized(record, "name")) for record in records))


def _call(service):
    """Tap to call from the results, without opening the service's page."""
    phone = service.intake_phone
    if not phone:
        return ""
    text = _("Call intake: %(phone)s") % {"phone": conditional_escape(phone)}
    return format_html(
        '  <p class="card__call"><a class="button button--secondary" href="{}">{}</a></p>\n',
        tel_href(phone),
        mark_safe(text),
    )


def _today(service):
    """Today's hours from the schedules (where_when.attach_todays_hours); the free text
    where there are none."""
    spans = service.todays_hours
    if spans is None:
        if service.hours:
            return format_html(
                "    <dt>{}</dt><dd>{}</dd>\n", _("Hours"), hours_summary(service.hours)
            )
        return ""
    if service.open_24_7:
        shown = format_html(
            '<span class="badge badge--ok">{}</span>', _("Open 24 hours, 7 days a week")
        )
    else:
        now = (
            format_html('<span class="badge badge--ok">{}</span>', _("Open now"))
            if service.is_open_now
            else format_html('<span class="badge">{}</span>', _("Closed now"))
        )
        hours = (
            mark_safe(", ".join(conditional_escape(span) for span in spans))
            if spans
            else _("Closed")
        )
        shown = format_html('<span class="no-print">{} </span>{}', now, hours)
    return format_html('    <dt>{}</dt><dd class="card__today">{}</dd>\n', _("Today"), shown)


def _capacities(service):
    """What the service has free now: nothing when it gives no figure."""
    capacities = service.capacities.all()
    if not capacities:
        return ""
    items = mark_safe(
        "".join(
            format_html(
                '<li class="capacity{}">{}{}</li>',
                "" if capacity.is_fresh else " capacity--unknown",
                capacity.summary,
                format_html(' <span class="small">({})</span>', capacity.description)
                if capacity.description
                else "",
            )
            for capacity in capacities
        )
    )
    return format_html(
        '    <dt>{}</dt><dd><ul class="capacities">{}</ul></dd>\n', _("Free now"), items
    )


def _verified(service):
    ago = verified_ago(service.assured_date)
    if service.is_stale:
        return format_html(
            '  <p class="small stale">{} <span class="badge">{}</span></p>\n',
            ago,
            _("Check before referring"),
        )
    return format_html(
        '  <p class="small muted"><span class="badge badge--ok">{}</span></p>\n', ago
    )
