"""The directory's search form: every filter lives in the URL, so a search can be shared."""

import difflib
import uuid

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.models import Category, Language, PopulationTag, Service, ServiceArea
from directory.models.querysets import (
    KEYWORD_MAX_LENGTH,
    cached,
    synonym_table,
    without_stop_words,
    words_of,
)


class AgeFilter(django_filters.Filter):
    field_class = forms.IntegerField


class StrictCheckboxInput(forms.CheckboxInput):
    """Hands the raw value to the field, instead of reading any text as "yes"."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class StrictBooleanField(forms.Field):
    """A tick box's value: "true" (what the page's box sends) or nothing.

    Django's boolean fields read any other text as "yes", so `?free=maybe` would quietly
    mean free only; here it is a form error, and the rest of the search still applies.
    """

    widget = StrictCheckboxInput
    TRUE = {"true", "on", "1"}
    FALSE = {"false", "off", "0", ""}

    def to_python(self, value):
        if value is None or value is False:
            return None
        if value is True:
            return True
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return None
        raise ValidationError(_("This takes “true” or nothing."), code="invalid")

    def validate(self, value):
        pass  # nothing is required


class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


class ServiceFilter(django_filters.FilterSet):
    # The error messages do not repeat the value: it may be long, or not meant for the page.
    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="filter_keyword",
        max_length=KEYWORD_MAX_LENGTH,
        help_text=_("Words from the service's name, description or organization."),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Off-ramp category"),
        error_messages={"invalid_choice": _("That is not a category in the directory.")},
        queryset=Category.objects.all(),
        to_field_name="slug",
        method="filter_category",
    )
    language = django_filters.ModelMultipleChoiceFilter(
        label=_("Language"),
        error_messages={"invalid_choice": _("That is not a language in the directory.")},
        queryset=Language.objects.all(),
        to_field_name="code",
        method="filter_languages",
        help_text=_("Services delivered in any of the chosen languages."),
    )
    age = AgeFilter(
        label=_("Age of the youth"),
        method="filter_age",
        min_value=0,
        max_value=120,
    )
    population = django_filters.ModelMultipleChoiceFilter(
        label=_("Serves"),
        error_messages={"invalid_choice": _("That is not a population tag in the directory.")},
        queryset=PopulationTag.objects.all(),
        to_field_name="slug",
        method="filter_populations",
        help_text=_("Services that match every chosen tag."),
    )
    free = StrictBooleanFilter(label=_("Free services only"), method="filter_free")
    area = django_filters.ModelChoiceFilter(
        label=_("Area served"),
        error_messages={"invalid_choice": _("That is not an area in the directory.")},
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        method="filter_area",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="status",
        lookup_expr="exact",
        choices=Service.Status.choices,
        empty_label=_("Active (default)"),
        error_messages={"invalid_choice": _("That is not a status in the directory.")},
    )
    # The page's sort select shows these choices (sort_choices); ordered() applies them.
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="keep",
        choices=[
            ("relevance", _("Best match")),
            ("name", _("Name")),
            ("verified", _("Recently verified")),
        ],
        empty_label=None,
        error_messages={"invalid_choice": _("That is not a way to sort the directory.")},
    )

    class Meta:
        model = Service
        fields = []

    def __init__(self, *args, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Case workers only ever see active services: the status filter is for curators.
        if not staff:
            del self.filters["status"]

    # -- Filter methods -------------------------------------------------------------------

    def keep(self, queryset, name, value):
        return queryset

    def filter_keyword(self, queryset, name, value):
        return queryset.search(value)

    def filter_category(self, queryset, name, category):
        return queryset.in_category(category)

    def filter_languages(self, queryset, name, languages):
        if not languages:
            return queryset
        through = Service.languages.through
        return queryset.filter(
            pk__in=through.objects.filter(language__in=languages).values("service_id")
        )

    def filter_populations(self, queryset, name, tags):
        through = Service.populations.through
        for tag in tags:
            queryset = queryset.filter(
                pk__in=through.objects.filter(populationtag=tag).values("service_id")
            )
        return queryset

    def filter_age(self, queryset, name, age):
        return queryset.exclude(minimum_age__gt=age).exclude(maximum_age__lt=age)

    def filter_free(self, queryset, name, value):
        return queryset.filter(cost=Service.Cost.FREE) if value else queryset

    def filter_area(self, queryset, name, area):
        # A statewide service serves every county too.
        through = Service.areas.through
        serving = through.objects.filter(Q(servicearea=area) | Q(servicearea__covers_all=True))
        return queryset.filter(pk__in=serving.values("service_id"))

    # -- Applying filters, facets and order -----------------------------------------------

    def filter_queryset(self, queryset):
        return self.apply(queryset, self.form.cleaned_data)

    def apply(self, queryset, cleaned_data):
        if not cleaned_data.get("status"):
            queryset = queryset.filter(status=Service.Status.ACTIVE)
        for name, value in cleaned_data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filtered_except(self, name):
        """The results as they would be without one filter: the base of that filter's facets."""
        data = {key: value for key, value in self.form.cleaned_data.items() if key != name}
        return self.apply(self.queryset, data)

    # -- The chosen filters, each removable ---------------------------------------------

    def chosen(self):
        """[(label, query string of the same search without it), ...] for each chosen filter.

        Built from the valid parts of the search (cleaned_data), in the form's order; a
        filter with several values (languages, "Serves" tags) gives one entry per value.
        The query strings keep everything else in the URL, the sort included, but the page.
        """
        self.is_valid()  # cleaned_data holds the valid parts of the search
        data = self.form.cleaned_data
        chosen = []
        for name in self.filters:
            value = data.get(name)
            # Not `value in (None, False, ...)`: age 0 is a choice, and 0 == False.
            if name == "sort" or value is None or value is False or value in ("", []):
                continue
            if name in ("language", "population"):
                attribute = "code" if name == "language" else "slug"
                for item in value:
                    chosen.append((item.name, self._without(name, getattr(item, attribute))))
            else:
                chosen.append((self._chosen_label(name, value), self._without(name)))
        return chosen

    def _chosen_label(self, name, value):
        if name == "q":
            return _("“%(keyword)s”") % {"keyword": value}
        if name == "age":
            return _("Age %(age)s") % {"age": value}
        if name == "free":
            return _("Free only")
        if name == "status":
            return Service.Status(value).label
        return value.name  # category, area

    def _without(self, name, value=None):
        """The query string of this search without the filter `name` (or one of its values)."""
        data = self.data.copy()
        data.pop("page", None)
        if value is None:
            data.pop(name, None)
        else:
            data.setlist(name, [v for v in data.getlist(name) if v != value])
        return data.urlencode()

    @property
    def sort_key(self):
        self.is_valid()  # cleaned_data holds the valid parts of the search
        data = self.form.cleaned_data
        sort = data.get("sort") or "relevance"
        if sort == "relevance" and not data.get("q"):
            sort = "name"
        return sort

    @property
    def sort_choices(self):
        """The sort select's options: the default order first, with an empty value.

        The select is part of the search form, so every search sends it. Its default option
        sends nothing, so a keyword typed later is still sorted by best match; best match is
        only offered once there is a keyword.
        """
        self.is_valid()  # cleaned_data holds the valid parts of the search
        labels = dict(self.form.fields["sort"].choices)
        if self.form.cleaned_data.get("q"):
            order = [("", "relevance"), ("name", "name")]
        else:
            order = [("", "name")]
        return [(value, labels[key]) for value, key in [*order, ("verified", "verified")]]

    @property
    def sort_value(self):
        """The value of the sort option to show as chosen."""
        self.is_valid()  # cleaned_data holds the valid parts of the search
        chosen = self.form.cleaned_data.get("sort")
        return chosen if chosen in {value for value, label in self.sort_choices} else ""

    def ordered(self, queryset):
        sort = self.sort_key
        if sort == "relevance":
            return queryset.best_first()
        if sort == "verified":
            return queryset.verified_first()
        return queryset.order_by("name", "pk")

    # -- Facet counts ------------------------------------------------------------------

    def is_unfiltered(self):
        """No filter chosen (a sort or a page is no filter)."""
        self.is_valid()  # cleaned_data holds the valid parts of the search
        return all(
            value is None or value is False or value in ("", [])
            for name, value in self.form.cleaned_data.items()
            if name != "sort"
        )

    def facet_counts(self):
        """({category id: results if it were chosen}, {language id: results if it were
        chosen}, number of results or None), in one query; the unfiltered page's from the
        cache, under the directory's data version, since they are the same for every case
        worker. The number of results comes along when neither a category nor a language
        is chosen (the facets' base is then the results themselves), sparing a COUNT."""
        if self.is_unfiltered():
            staff = "status" in self.filters
            return cached(f"facets:{'staff' if staff else 'directory'}", self._count_facets)
        return self._count_facets()

    def _count_facets(self):
        """Each facet counted from its base (the results without that facet's own filter)
        in one pass over its link rows: one row per service and category or language, so
        no COUNT(DISTINCT). A top-level category counts each service filed under it or its
        subcategories once. When both bases are the same search, it runs once."""
        category_base, category_params = self._sql(self.filtered_except("category"))
        language_base, language_params = self._sql(self.filtered_except("language"))
        shared = (category_base, list(category_params)) == (language_base, list(language_params))
        if shared:
            bases = f"base (service_id) AS ({category_base}),"
            params = list(category_params)
            category_in = language_in = "SELECT service_id FROM base"
            total = "UNION ALL SELECT 'n', NULL, COUNT(*) FROM base"
        else:
            bases, total = "", ""
            params = [*category_params, *language_params]
            category_in, language_in = category_base, language_base
        category_links = Service.categories.through._meta.db_table
        language_links = Service.languages.through._meta.db_table
        categories = Category._meta.db_table
        sql = f"""
            WITH {bases} links AS (
                SELECT l.service_id, l.category_id, c.parent_id
                FROM {category_links} l JOIN {categories} c ON c.id = l.category_id
                WHERE l.service_id IN ({category_in})
            )
            SELECT 'c', CAST(category_id AS TEXT), COUNT(*) FROM links
            WHERE parent_id IS NOT NULL GROUP BY category_id
            UNION ALL
            SELECT 't', CAST(top AS TEXT), COUNT(*) FROM (
                SELECT DISTINCT service_id, COALESCE(parent_id, category_id) AS top FROM links
            ) tops GROUP BY top
            UNION ALL
            SELECT 'l', CAST(language_id AS TEXT), COUNT(*) FROM {language_links}
            WHERE service_id IN ({language_in}) GROUP BY language_id
            {total}
        """
        category_counts, language_counts, count = {}, {}, None
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            for kind, key, number in cursor.fetchall():
                if kind == "n":
                    count = number
                elif kind == "l":
                    language_counts[int(key)] = number
                else:
                    category_counts[uuid.UUID(key)] = number
        return category_counts, language_counts, count

    @staticmethod
    def _sql(queryset):
        return queryset.order_by().values("pk").query.sql_with_params()

    # -- Help with the keyword ----------------------------------------------------------

    def did_you_mean(self):
        """The keyword with each word the directory does not know replaced by the nearest
        word it does ("housng" -> "housing"), or None if there is none to offer. Offered
        even when the keyword finds something: a misspelt word may still stem or begin
        another word by chance."""
        self.is_valid()
        keyword = self.form.cleaned_data.get("q")
        if not keyword:
            return None
        known = cached("words", Service.objects.directory_words)
        synonyms = cached("synonyms", synonym_table)
        changed = False
        corrected = []
        for word in words_of(keyword):
            if (
                len(word) >= 3
                and word.isalpha()
                and (word,) not in synonyms
                # Neither a word of the directory nor the start of one ("coun").
                and not any(w.startswith(word) for w in known.get(word[0], ()))
            ):
                candidates = [w for w in known.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
                nearest = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
                if nearest:
                    word, changed = nearest[0], True
            corrected.append(word)
        return " ".join(corrected) if changed else None

    def with_keyword(self, keyword, **more):
        """The query string of this search with another keyword (and more filters)."""
        data = self.data.copy()
        data.pop("page", None)
        data["q"] = keyword
        for name, value in more.items():
            data.appendlist(name, value)
        return data.urlencode()

    def filter_offers(self, languages, categories):
        """[(label, query string), ...]: a keyword word that names a language or a category
        (or means one, through the synonym list) offers that filter instead of the word."""
        self.is_valid()
        data = self.form.cleaned_data
        keyword = data.get("q")
        if not keyword:
            return []
        words = without_stop_words(words_of(keyword))
        synonyms = cached("synonyms", synonym_table)
        chosen_languages = set(data.get("language") or [])
        offers = []
        candidates = [
            ("language", language.code, language, _("Filter by language: %(name)s?"))
            for language in languages
            if language not in chosen_languages
        ]
        if not data.get("category"):
            candidates += [
                ("category", category.slug, category, _("Filter by category: %(name)s?"))
                for category in categories
            ]
        for name, value, item, label in candidates:
            phrase = without_stop_words(words_of(item.name))
            for start in range(len(words)):
                for length in (3, 2, 1):
                    said = tuple(words[start : start + length])
                    if len(said) == length and (said == phrase or phrase in synonyms.get(said, [])):
                        rest = " ".join(words[:start] + words[start + length :])
                        offers.append(
                            (label % {"name": item.name}, self.with_keyword(rest, **{name: value}))
                        )
                        break
                else:
                    continue
                break
        return offers
