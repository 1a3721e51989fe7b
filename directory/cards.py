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

import uuid

from django.db import connections
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import conditional_escape as escape
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from directory.localized import localized
from directory.models import Category, Language, PopulationTag, Service, ServiceArea
from directory.templatetags.directory_tags import hours_summary, tel_href, verified_ago

# Where the referral list's button goes in a card.
TOGGLE = "<!--referral-toggle-->"
# Our words on a card, each translated once per language (_words).
WORDS = {
    "categories": gettext_lazy("Categories"),
    "today": gettext_lazy("Today"),
    "open_24_7": gettext_lazy("Open 24 hours, 7 days a week"),
    "open_now": gettext_lazy("Open now"),
    "closed_now": gettext_lazy("Closed now"),
    "closed": gettext_lazy("Closed"),
    "hours": gettext_lazy("Hours"),
    "free_now": gettext_lazy("Free now"),
    "languages": gettext_lazy("Languages"),
    "not_listed": gettext_lazy("Not listed"),
    "ages": gettext_lazy("Ages"),
    "serves": gettext_lazy("Serves"),
    "area": gettext_lazy("Area"),
    "cost": gettext_lazy("Cost"),
    "check": gettext_lazy("Check before referring"),
}
_translated = {}
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
        parts.append(
            f"SELECT {number}, {own}, CAST({other} AS TEXT) FROM {table} WHERE {own} IN ({marks})"
        )
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


def cards(services):
    """[(the card of each of `services` before its referral button, after it), ...]: each
    service with card_links (attach_links), todays_hours and open_24_7
    (where_when.attach_todays_hours), is_open_now (with_open_now()) and its capacities."""
    drawing = Drawing()
    found = []
    for service in services:
        before, _, after = drawing.card(service).partition(TOGGLE)
        found.append((before, after))
    return found


def _words(language):
    """WORDS in `language`, escaped."""
    found = _translated.get(language)
    if found is None:
        found = _translated[language] = {key: escape(text) for key, text in WORDS.items()}
    return found


class Drawing:
    """What every card of a page shares (the reader's language, our words, the service
    page's address), worked out once for the page."""

    # A service's id in the address worked out once, then replaced by each service's.
    STAND_IN = uuid.UUID(int=0)

    def __init__(self):
        self.language = get_language()
        self.words = _words(self.language)
        self.url = reverse("directory:service", args=[self.STAND_IN])
        self.costs = {value: escape(label) for value, label in Service.Cost.choices}
        self.named = {}

    def name(self, record):
        """A category's, language's, tag's or area's name, escaped: once a page each."""
        found = self.named.get(record)
        if found is None:
            found = self.named[record] = escape(localized(record, "name", self.language))
        return found

    def card(self, service):
        words, links = self.words, service.card_links
        name = localized(service, "name", self.language)
        organization = localized(service.organization, "name", self.language)
        url = self.url.replace(str(self.STAND_IN), str(service.pk))
        badge = (
            f' <span class="badge">{escape(service.get_status_display())}</span>'
            if service.status != "active"
            else ""
        )
        populations = links["populations"]
        parts = [
            '<li class="card">\n',
            f'  <h3><a href="{escape(url)}"{name.lang_attr}>{escape(name)}</a>{badge}</h3>\n',
            f'  <p class="org"{organization.lang_attr}>{escape(organization)}</p>\n',
            self.distance(service),
            (
                f'  <ul class="tags" aria-label="{words["categories"]}">'
                f"{self.tags(links['categories'])}</ul>\n"
                if links["categories"]
                else ""
            ),
            self.call(service),
            '  <dl class="facts">\n',
            self.today(service),
            self.capacities(service),
            f"    <dt>{words['languages']}</dt><dd>{self.names(links['languages'])}</dd>\n",
            f"    <dt>{words['ages']}</dt><dd>{escape(service.age_range)}</dd>\n",
            (
                f"    <dt>{words['serves']}</dt><dd>"
                f'<ul class="tags tags--inline">{self.tags(populations)}</ul></dd>\n'
                if populations
                else ""
            ),
            f"    <dt>{words['area']}</dt><dd>{self.names(links['areas'])}</dd>\n",
            f"    <dt>{words['cost']}</dt><dd>{self.cost(service.cost)}</dd>\n",
            "  </dl>\n",
            f"  {TOGGLE}\n",
            self.verified(service),
            "</li>\n",
        ]
        return "".join(parts)

    def cost(self, value):
        """As get_cost_display(): the choice's label, else the value itself."""
        return self.costs[value] if value in self.costs else escape(str(value))

    def tags(self, records):
        return "".join(f'<li class="tag">{self.name(record)}</li>' for record in records)

    def names(self, records):
        """The records' names, comma-separated, or "Not listed"."""
        if not records:
            return self.words["not_listed"]
        return ", ".join(self.name(record) for record in records)

    def distance(self, service):
        distance = getattr(service, "distance", None)
        if distance is None:
            return ""
        if getattr(service, "distance_rounded", False):
            text = _("About %(miles)s miles away (confidential location)") % {
                "miles": escape(floatformat(distance, 0))
            }
        else:
            text = _("%(miles)s miles away") % {"miles": escape(floatformat(distance, 1))}
        return f'  <p class="card__distance">{text}</p>\n'

    def call(self, service):
        """Tap to call from the results, without opening the service's page."""
        phone = service.intake_phone
        if not phone:
            return ""
        text = _("Call intake: %(phone)s") % {"phone": escape(phone)}
        return (
            f'  <p class="card__call"><a class="button button--secondary" '
            f'href="{escape(tel_href(phone))}">{text}</a></p>\n'
        )

    def today(self, service):
        """Today's hours from the schedules (where_when.attach_todays_hours); the free text
        where there are none."""
        words, spans = self.words, service.todays_hours
        if spans is None:
            if service.hours:
                summary = escape(hours_summary(service.hours))
                return f"    <dt>{words['hours']}</dt><dd>{summary}</dd>\n"
            return ""
        if service.open_24_7:
            shown = f'<span class="badge badge--ok">{words["open_24_7"]}</span>'
        else:
            now = (
                f'<span class="badge badge--ok">{words["open_now"]}</span>'
                if service.is_open_now
                else f'<span class="badge">{words["closed_now"]}</span>'
            )
            hours = ", ".join(escape(span) for span in spans) if spans else words["closed"]
            shown = f'<span class="no-print">{now} </span>{hours}'
        return f'    <dt>{words["today"]}</dt><dd class="card__today">{shown}</dd>\n'

    def capacities(self, service):
        """What the service has free now: nothing when it gives no figure."""
        capacities = service.capacities.all()
        if not capacities:
            return ""
        items = "".join(
            f'<li class="capacity{"" if capacity.is_fresh else " capacity--unknown"}">'
            f"{escape(capacity.summary)}"
            + (
                f' <span class="small">({escape(capacity.description)})</span>'
                if capacity.description
                else ""
            )
            + "</li>"
            for capacity in capacities
        )
        return (
            f'    <dt>{self.words["free_now"]}</dt><dd><ul class="capacities">{items}</ul></dd>\n'
        )

    def verified(self, service):
        ago = escape(verified_ago(service.assured_date))
        if service.is_stale:
            return (
                f'  <p class="small stale">{ago} <span class="badge">{self.words["check"]}</span>'
                "</p>\n"
            )
        return f'  <p class="small muted"><span class="badge badge--ok">{ago}</span></p>\n'
