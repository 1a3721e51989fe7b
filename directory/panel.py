"""The directory's vocabulary (categories, languages, areas, legal remedies, population
tags) as this process holds it, and what the filter panel lists from it.

The vocabulary is read from the database once per data version of the directory
(querysets.data_version: saving any of these records makes a new one, in every worker at
once) and kept in this process, as the facet index is (directory/facet_index.py): the
search form checks the values a search chooses against it (directory/filters.py), the
result cards name each service's categories, languages, tags and areas from it
(directory/cards.py), and the filter panel lists it. So a search asks the database for none
of it. The objects are shared by every request of the process: they are only read.
"""

import threading
from functools import cached_property

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.loader import render_to_string
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from directory.localized import localized
from directory.models import (
    FACTS,
    Category,
    Language,
    LegalRemedy,
    PopulationTag,
    ServiceArea,
)
from directory.models.querysets import data_version

# Between two links of templates/directory/_offramp_links.html.
OFFRAMP_SEPARATOR = "<!--next-->"
# {database alias: (data version, Vocabulary)}: this process's vocabulary.
_kept = {}
_lock = threading.Lock()


def vocabulary(using="default"):
    """The directory's vocabulary at its current data version."""
    version = data_version()
    kept = _kept.get(using)
    if kept is None or kept[0] != version:
        with _lock:
            kept = _kept.get(using)
            if kept is None or kept[0] != version:
                kept = (version, Vocabulary(using))
                _kept[using] = kept
    return kept[1]


# The Vocabulary attribute that holds each model's records.
ATTRIBUTES = {
    Category: "categories",
    Language: "languages",
    ServiceArea: "areas",
    LegalRemedy: "remedies",
    PopulationTag: "populations",
}


class Vocabulary:
    """Every category, language, area, legal remedy and population tag, each read when
    first needed, in the order the filter panel lists them (each model's own ordering; the
    categories each top one before its subcategories)."""

    def __init__(self, using="default"):
        self.using = using

    @cached_property
    def categories(self):
        return list(
            Category.objects.using(self.using)
            .select_related("parent")
            .order_by("parent__order", "parent__name", "order", "name")
        )

    @cached_property
    def languages(self):
        return list(Language.objects.using(self.using).all())

    @cached_property
    def areas(self):
        return list(ServiceArea.objects.using(self.using).all())

    @cached_property
    def remedies(self):
        return list(LegalRemedy.objects.using(self.using).all())

    @cached_property
    def populations(self):
        return list(PopulationTag.objects.using(self.using).all())

    def of(self, model):
        """The list of `model`'s records."""
        return getattr(self, ATTRIBUTES[model])

    def by(self, model, field):
        """{str(record.<field>): record} of `model`'s records (the search form's lookup)."""
        key = (model, field)
        lookups = self.__dict__.setdefault("_lookups", {})
        if key not in lookups:
            lookups[key] = {str(getattr(item, field)): item for item in self.of(model)}
        return lookups[key]

    def _every(self):
        return tuple(getattr(self, name) for name in ATTRIBUTES.values())

    @cached_property
    def by_pk(self):
        """{(model, pk): record} of every record (the result cards' links)."""
        return {(type(item), item.pk): item for records in self._every() for item in records}

    def offramp_links(self, request, short=True):
        """{top-level category pk: its link to the off-ramp of the fact sheet it delivers
        (short: "Off-ramp 3", as the filter panel lists it; else "Why it matters: ...", as
        the head of the results says it of the chosen category; "" for none)}, drawn once
        per language by the fact sheet's own offramp_link tag
        (templates/directory/_offramp_links.html): its mapping is part of the data version
        (factsheet/models.py)."""
        key = (get_language(), short)
        links = self.__dict__.setdefault("_offramp_links", {})
        if key not in links:
            tops = [category for category in self.categories if category.parent_id is None]
            drawn = render_to_string(
                "directory/_offramp_links.html", {"tops": tops, "short": short}, request
            )
            links[key] = dict(
                zip([top.pk for top in tops], drawn.split(OFFRAMP_SEPARATOR), strict=False)
            )
        return links[key]

    def chosen_offramp(self, request, category):
        """The link to the off-ramp that `category` (or its top-level category) delivers,
        as the head of the results shows it; "" for none."""
        if category is None:
            return ""
        return self.offramp_links(request, short=False).get(category.parent_id or category.pk, "")

    @cached_property
    def order(self):
        """{record: its place in its model's list}."""
        return {item: n for records in self._every() for n, item in enumerate(records)}


def filter_panel(filterset, results, vocabulary, request):
    """The filter panel's lists of choices ({name: HTML}, PANEL_NAMES), each choice with
    its count from the search's results, drawn in one pass (Choices): the template draws
    the panel around them. A list with nothing to offer is empty."""
    chosen = filterset.form.cleaned_data
    draw = Choices(vocabulary, request)
    category_counts, language_counts = results.category_counts, results.language_counts
    chosen_category = chosen.get("category")
    categories = [
        (category, category_counts.get(category.pk, 0)) for category in vocabulary.categories
    ]
    chosen_languages = set(chosen.get("language") or [])
    languages = [
        draw.choice(
            "checkbox",
            "language",
            language.code,
            language in chosen_languages,
            draw.name(language),
            language_counts.get(language.pk, 0),
        )
        for language in vocabulary.languages
        if language_counts.get(language.pk) or language in chosen_languages
    ]
    chosen_populations = set(chosen.get("population") or [])
    populations = [
        draw.choice("checkbox", "population", tag.slug, tag in chosen_populations, draw.name(tag))
        for tag in vocabulary.populations
    ]
    disclosure_counts = results.disclosure_counts
    chosen_disclosure = set(chosen.get("disclosure") or [])
    disclosure = [
        draw.choice(
            "checkbox",
            "disclosure",
            fact.filter_slug,
            fact.filter_slug in chosen_disclosure,
            escape(fact.filter_label),
            disclosure_counts[fact.filter_slug],
        )
        for fact in FACTS
    ]
    remedy_counts, court_counts = results.remedy_counts, results.court_counts
    chosen_remedies = set(chosen.get("remedy") or [])
    remedies = [
        draw.choice(
            "checkbox",
            "remedy",
            remedy.slug,
            remedy in chosen_remedies,
            escape(remedy.name),
            remedy_counts.get(remedy.pk, 0),
        )
        for remedy in vocabulary.remedies
        if remedy_counts.get(remedy.pk) or remedy in chosen_remedies
    ]
    chosen_court = chosen.get("court")
    courts = [
        draw.option(
            area.slug,
            area == chosen_court,
            f"{draw.name(area)} ({draw.services(court_counts.get(area.pk, 0))})",
        )
        for area in vocabulary.areas
        if court_counts.get(area.pk) or area == chosen_court
    ]
    chosen_area = filterset.form["area"].value()
    areas = [
        draw.option(area.slug, chosen_area == area.slug, draw.name(area))
        for area in vocabulary.areas
    ]
    return {
        "category_choices": mark_safe(
            "\n      ".join(
                draw.category(top, count, children, chosen_category)
                for top, count, children in _category_tree(categories)
            )
        ),
        "language_choices": _items(languages),
        "population_choices": _items(populations),
        "disclosure_choices": _items(disclosure),
        "remedy_choices": _items(remedies),
        "court_options": mark_safe("".join(courts)),
        "area_options": mark_safe("".join(areas)),
    }


PANEL_NAMES = (
    "category_choices",
    "language_choices",
    "population_choices",
    "disclosure_choices",
    "remedy_choices",
    "court_options",
    "area_options",
)


def _items(choices):
    return mark_safe("\n      ".join(f"<li>{choice}</li>" for choice in choices))


class Choices:
    """The filter panel's choices, as templates/directory/_filters.html lays them out: a
    tick box or radio button with its label and count, an option of a select."""

    def __init__(self, vocabulary, request):
        self.offramp_links = vocabulary.offramp_links(request)
        self.language = get_language()
        # "(12 services)" beside a choice: the word read by screen readers only.
        self.hidden = f'<span class="visually-hidden"> {escape(_("services"))}</span>'

    def name(self, record):
        return escape(localized(record, "name", self.language))

    def choice(self, kind, name, value, checked, label, count=None):
        """<label><input ...> label (count)</label>; `label` escaped already."""
        shown = (
            ""
            if count is None
            else f' <span class="count">({escape(intcomma(count))}{self.hidden})</span>'
        )
        return (
            f'<label><input type="{kind}" name="{name}" value="{escape(value)}"'
            f"{' checked' if checked else ''}> {label}{shown}</label>"
        )

    def option(self, value, selected, label):
        return f'<option value="{escape(value)}"{" selected" if selected else ""}>{label}</option>'

    def services(self, count):
        """The count beside a county: "1 service", "12 services"."""
        shown = escape(intcomma(count))
        return ngettext("%(shown)s service", "%(shown)s services", count) % {"shown": shown}

    def category(self, top, count, children, chosen):
        """A top-level category, its link to the off-ramp it delivers, and its subcategories."""
        radio = self.choice("radio", "category", top.slug, chosen == top, self.name(top), count)
        offramp = self.offramp_links.get(top.pk, "")
        lines = ["<li>", f"  {radio}", f'  <span class="small nowrap">{offramp}</span>']
        if children:
            lines.append('  <ul class="sub">')
            for child, child_count in children:
                radio = self.choice(
                    "radio", "category", child.slug, chosen == child, self.name(child), child_count
                )
                lines.append(f"    <li>{radio}</li>")
            lines.append("  </ul>")
        lines.append("</li>")
        return "\n      ".join(lines)


def _category_tree(rows):
    """[(top, count, [(child, count), ...]), ...] from rows ordered parent-first."""
    tree = {}
    for category, count in rows:
        if category.parent_id is None:
            tree[category.pk] = (category, count, [])
    for category, count in rows:
        if category.parent_id is not None and category.parent_id in tree:
            tree[category.parent_id][2].append((category, count))
    return list(tree.values())
