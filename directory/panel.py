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

from directory.models import (
    FACTS,
    Category,
    Language,
    LegalRemedy,
    PopulationTag,
    ServiceArea,
)
from directory.models.querysets import data_version

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
        return {
            Category: lambda: self.categories,
            Language: lambda: self.languages,
            ServiceArea: lambda: self.areas,
            LegalRemedy: lambda: self.remedies,
            PopulationTag: lambda: self.populations,
        }[model]()

    def by(self, model, field):
        """{str(record.<field>): record} of `model`'s records (the search form's lookup)."""
        key = (model, field)
        lookups = self.__dict__.setdefault("_lookups", {})
        if key not in lookups:
            lookups[key] = {str(getattr(item, field)): item for item in self.of(model)}
        return lookups[key]

    def _every(self):
        return (self.categories, self.languages, self.areas, self.remedies, self.populations)

    @cached_property
    def by_pk(self):
        """{(model, pk): record} of every record (the result cards' links)."""
        return {(type(item), item.pk): item for records in self._every() for item in records}

    @cached_property
    def order(self):
        """{record: its place in its model's list}."""
        return {item: n for records in self._every() for n, item in enumerate(records)}


def filter_panel(filterset, results, vocabulary):
    """What the filter panel lists ({name: value}, PANEL_NAMES), each choice with its count
    from the search's results."""
    chosen = filterset.form.cleaned_data
    chosen_languages = set(chosen.get("language") or [])
    category_counts, language_counts = results.category_counts, results.language_counts
    categories = [
        (category, category_counts.get(category.pk, 0)) for category in vocabulary.categories
    ]
    languages = [
        (language, language_counts.get(language.pk, 0), language in chosen_languages)
        for language in vocabulary.languages
        if language_counts.get(language.pk) or language in chosen_languages
    ]
    chosen_remedies = set(chosen.get("remedy") or [])
    remedy_counts, court_counts = results.remedy_counts, results.court_counts
    areas = vocabulary.areas
    courts = [
        (area, court_counts.get(area.pk, 0), area == chosen.get("court"))
        for area in areas
        if court_counts.get(area.pk) or area == chosen.get("court")
    ]
    remedies = [
        (remedy, remedy_counts.get(remedy.pk, 0), remedy in chosen_remedies)
        for remedy in vocabulary.remedies
        if remedy_counts.get(remedy.pk) or remedy in chosen_remedies
    ]
    disclosure_counts = results.disclosure_counts
    chosen_disclosure = set(chosen.get("disclosure") or [])
    disclosure = [
        (fact, disclosure_counts[fact.filter_slug], fact.filter_slug in chosen_disclosure)
        for fact in FACTS
    ]
    return {
        "categories": _category_tree(categories),
        "languages": languages,
        "remedies": remedies,
        "disclosure": disclosure,
        "populations": vocabulary.populations,
        "chosen_populations": set(chosen.get("population") or []),
        "areas": areas,
        "courts": courts,
    }


PANEL_NAMES = (
    "categories",
    "languages",
    "remedies",
    "disclosure",
    "populations",
    "chosen_populations",
    "areas",
    "courts",
)


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
