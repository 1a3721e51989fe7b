"""The directory's search form: every filter lives in the URL, so a search can be shared."""

import copy
import difflib
import uuid

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Count, Q, Value
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from directory.geo import zip_centre
from directory.localized import localized
from directory.models import (
    Category,
    Language,
    LegalRemedy,
    PopulationTag,
    Service,
    ServiceArea,
)
from directory.models.disclosure import FACTS, FACTS_BY_SLUG, MOVED_TAG_FILTERS
from directory.models.querysets import (
    KEYWORD_MAX_LENGTH,
    STOP_WORDS,
    cached,
    synonym_table,
    without_stop_words,
    words_of,
)
from directory.panel import vocabulary

RADIUS_CHOICES = [
    ("5", _("5 miles")),
    ("10", _("10 miles")),
    ("25", _("25 miles")),
    ("50", _("50 miles")),
]
DEFAULT_RADIUS = 25
# Filters that a page shows as one choice, and removes together.
TOGETHER = {"open_time": ["open_time", "open_day"], "near": ["near", "radius"]}


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


class ZipCodeField(forms.CharField):
    """A US ZIP code that the offline dataset knows, cleaned to (code, (latitude, longitude))."""

    def to_python(self, value):
        code = super().to_python(value)
        if not code:
            return None
        centre = zip_centre(code)
        if centre is None:
            raise ValidationError(
                _("We do not know that ZIP code. Check it: five digits, such as 62901."),
                code="invalid",
            )
        return code[:5], centre


class ZipCodeFilter(django_filters.Filter):
    field_class = ZipCodeField


class VocabularyChoiceField(django_filters.fields.ModelChoiceField):
    """One of the directory's records by its slug or code (a category, an area, a county),
    checked against the vocabulary this process holds at the directory's data version
    (directory/panel.py) instead of a query per search."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        found = known(self.queryset, self.to_field_name).get(str(value))
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found


class VocabularyMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Any of the directory's records by slug or code (languages, tags, remedies), checked
    the same way; the chosen records come in the vocabulary's order, as from a query."""

    def _check_values(self, value):
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        for item in value:
            self.validate_no_null_characters(item)
        found = known(self.queryset, self.to_field_name)
        for item in value:
            if str(item) not in found:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        chosen = {found[str(item)].pk for item in value}
        return [record for record in found.values() if record.pk in chosen]


def known(queryset, field):
    """{str(record.<field>): record} of every record of the queryset's model, in its order."""
    return vocabulary(queryset.db).by(queryset.model, field)


class VocabularyChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = VocabularyChoiceField


class VocabularyMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = VocabularyMultipleChoiceField


class ServiceFilterForm(forms.Form):
    def clean_q(self):
        """A keyword of stop words only ("the", "de la") would match every word they begin:
        it is left out, and the page says why (the rest of the search applies)."""
        keyword = self.cleaned_data.get("q", "")
        words = words_of(keyword)
        if words and all(word in STOP_WORDS for word in words):
            raise ValidationError(
                _(
                    "Words like “%(words)s” are left out of every search: add a word that "
                    "says what you are looking for."
                ),
                params={"words": " ".join(dict.fromkeys(words))},
            )
        return keyword

    def clean(self):
        data = super().clean()
        if data.get("open_day") and not data.get("open_time") and "open_time" not in self.errors:
            self.add_error("open_time", _("Choose a time too, to see what is open that day."))
        return data


class CopiedCheaply(dict):
    """A filter set's filters, which FilterSet.__init__ deep-copies for every search: here
    each filter is copied with options of its own, but what they hold (querysets, labels,
    choices) is shared, not deep-copied, which was half the cost of building the filter set.
    A filter's queryset is never evaluated: its form field takes a fresh copy of it."""

    def __deepcopy__(self, memo):
        copies = CopiedCheaply()
        for name, original in self.items():
            filter_ = copy.copy(original)
            filter_.extra = dict(original.extra)
            if original.method is not None:
                filter_.method = original.method  # called on the copy's own filter set
            copies[name] = filter_
        return copies


class FieldsCopiedCheaply(dict):
    """A search form's fields, which a form deep-copies for every search: here each field
    and its widget are copied (their attributes, validators and widget attributes lists of
    their own), but their choices, labels, error messages and querysets are shared, not
    deep-copied, which was most of the cost of building the form. Nothing changes a search
    form's choices once its class is built (ServiceFilter.get_form_class); a chosen
    record is checked against the vocabulary (VocabularyChoiceField), never by evaluating
    the field's queryset."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, original in self.items():
            field = copy.copy(original)
            field.widget = copy.copy(original.widget)
            field.widget.attrs = dict(original.widget.attrs)
            field.validators = list(original.validators)
            copies[name] = field
        return copies


class ServiceFilter(django_filters.FilterSet):
    # The error messages do not repeat the value: it may be long, or not meant for the page.
    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="filter_keyword",
        max_length=KEYWORD_MAX_LENGTH,
        help_text=_("Words from the service's name, description or organization."),
    )
    category = VocabularyChoiceFilter(
        label=_("Off-ramp category"),
        error_messages={"invalid_choice": _("That is not a category in the directory.")},
        queryset=Category.objects.all(),
        to_field_name="slug",
        method="filter_category",
    )
    language = VocabularyMultipleChoiceFilter(
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
    population = VocabularyMultipleChoiceFilter(
        label=_("Serves"),
        error_messages={"invalid_choice": _("That is not a population tag in the directory.")},
        queryset=PopulationTag.objects.all(),
        to_field_name="slug",
        method="filter_populations",
        help_text=_("Services that match every chosen tag."),
    )
    # What a service tells, and asks: each choice keeps the services whose disclosure fact
    # gives the answer that tells (or asks) the least; "only when" and "unknown" do not.
    disclosure = django_filters.MultipleChoiceFilter(
        label=_("What the service tells, and asks"),
        choices=[(fact.filter_slug, fact.filter_label) for fact in FACTS],
        method="filter_disclosure",
        error_messages={"invalid_choice": _("That is not a disclosure filter of the directory.")},
        help_text=_(
            "Services that answer plainly: an “only when” or unknown answer does not count."
        ),
    )
    remedy = VocabularyMultipleChoiceFilter(
        label=_("Legal remedy"),
        error_messages={"invalid_choice": _("That is not a legal remedy in the directory.")},
        queryset=LegalRemedy.objects.all(),
        to_field_name="slug",
        method="filter_remedies",
        help_text=_("Legal services that help with any of the chosen remedies."),
    )
    # Legal services: a county whose courts the provider appears in (one join row per
    # service and county, so one county never repeats a service).
    court = VocabularyChoiceFilter(
        label=_("Appears in court in"),
        error_messages={"invalid_choice": _("That is not a county in the directory.")},
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        field_name="court_areas",
        lookup_expr="exact",
        help_text=_("Legal services that appear in that county's courts."),
    )
    free = StrictBooleanFilter(label=_("Free services only"), method="filter_free")
    # A figure older than CAPACITY_FRESH_HOURS does not count (ServiceCapacity.is_fresh).
    available = StrictBooleanFilter(
        label=_("Has availability now"),
        method="filter_available",
        help_text=_("A bed, appointment or place free, by a figure the provider gave recently."),
    )
    area = VocabularyChoiceFilter(
        label=_("Area served"),
        error_messages={"invalid_choice": _("That is not an area in the directory.")},
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        method="filter_area",
    )
    open_now = StrictBooleanFilter(label=_("Open now"), method="filter_open_now")
    open_day = django_filters.DateFilter(
        label=_("Open on (day)"),
        method="keep",
        help_text=_("Leave the day empty for today."),
        error_messages={"invalid": _("That is not a date on the calendar.")},
    )
    open_time = django_filters.TimeFilter(
        label=_("Open at (time)"),
        method="filter_open_at",
        error_messages={"invalid": _("That is not a time of day, such as 18:30.")},
    )
    always_open = StrictBooleanFilter(
        label=_("Open 24 hours, 7 days a week only"), method="filter_always_open"
    )
    near = ZipCodeFilter(
        label=_("Near ZIP code"),
        method="filter_near",
        max_length=10,
        help_text=_("The distance is from the centre of the ZIP code."),
    )
    radius = django_filters.ChoiceFilter(
        label=_("Within"),
        method="keep",
        choices=RADIUS_CHOICES,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose 5, 10, 25 or 50 miles.")},
    )
    verified = StrictBooleanFilter(label=_("Recently verified only"), method="filter_verified")
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
            ("distance", _("Nearest first")),
        ],
        empty_label=None,
        error_messages={"invalid_choice": _("That is not a way to sort the directory.")},
    )

    class Meta:
        model = Service
        fields = []
        form = ServiceFilterForm

    def __init__(self, data=None, *args, staff=False, **kwargs):
        super().__init__(self.moved_tags(data), *args, **kwargs)
        # Case workers only ever see active services: the status filter is for curators.
        if not staff:
            del self.filters["status"]

    # The form class of each set of filters (case workers', curators'), built once: a form
    # copies its class's fields for each search.
    form_classes = {}

    def get_form_class(self):
        key = tuple(self.filters)
        if key not in self.form_classes:
            form_class = super().get_form_class()
            form_class.base_fields = FieldsCopiedCheaply(form_class.base_fields)
            self.form_classes[key] = form_class
        return self.form_classes[key]

    @staticmethod
    def moved_tags(data):
        """The search with the population tags that became disclosure facts (migration 0013)
        asked as those facts, so an old shared link still finds the same services."""
        if data is None or not any(v in MOVED_TAG_FILTERS for v in data.getlist("population")):
            return data
        data = data.copy()
        populations = data.getlist("population")
        moved = [MOVED_TAG_FILTERS[v] for v in populations if v in MOVED_TAG_FILTERS]
        data.setlist("population", [v for v in populations if v not in MOVED_TAG_FILTERS])
        data.setlist("disclosure", list(dict.fromkeys(data.getlist("disclosure") + moved)))
        return data

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

    def filter_disclosure(self, queryset, name, slugs):
        for slug in slugs:
            fact = FACTS_BY_SLUG[slug]
            queryset = queryset.filter(**{fact.field: fact.wanted})
        return queryset

    def filter_remedies(self, queryset, name, remedies):
        if not remedies:
            return queryset
        through = Service.remedies.through
        return queryset.filter(
            pk__in=through.objects.filter(legalremedy__in=remedies).values("service_id")
        )

    def filter_age(self, queryset, name, age):
        return queryset.exclude(minimum_age__gt=age).exclude(maximum_age__lt=age)

    def filter_free(self, queryset, name, value):
        return queryset.filter(cost=Service.Cost.FREE) if value else queryset

    def filter_available(self, queryset, name, value):
        return queryset.available_now() if value else queryset

    def filter_open_now(self, queryset, name, value):
        return self._open(queryset, name)

    def filter_open_at(self, queryset, name, at):
        return self._open(queryset, name)

    def _open(self, queryset, name):
        moment = self.open_moment(name)
        if moment is None:
            return queryset
        day, at = moment
        return queryset.always_open(day) if at is None else queryset.open_at(day, at)

    def open_moment(self, name):
        """(day, wall-clock time) at which the filter `name` ("open_now", "open_time")
        keeps the services open, (today, None) for "open 24/7" ("always_open"), or None if
        it keeps every service."""
        data = self.form.cleaned_data
        if name == "always_open":
            return (timezone.localdate(), None) if data.get("always_open") else None
        if name == "open_now":
            if not data.get("open_now"):
                return None
            now = timezone.localtime()
            return now.date(), now.time()
        if not data.get("open_time") or "open_day" in self.form.errors:
            return None  # a day that is not one: the time alone means nothing
        return data.get("open_day") or timezone.localdate(), data["open_time"]

    def filter_always_open(self, queryset, name, value):
        return self._open(queryset, name)

    def filter_near(self, queryset, name, value):
        code, (latitude, longitude) = value
        return queryset.near(latitude, longitude, self.chosen_radius)

    @property
    def chosen_radius(self):
        return int(self.form.cleaned_data.get("radius") or DEFAULT_RADIUS)

    def filter_area(self, queryset, name, area):
        # A statewide service serves every county too.
        return queryset.serving_area(area)

    def filter_verified(self, queryset, name, value):
        return queryset.verified() if value else queryset

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
            if name in ("sort", "radius", "open_day"):
                continue  # shown with the filter they qualify (TOGETHER)
            if name == "open_time" and "open_day" in self.form.errors:
                continue  # left out with its day (filter_open_at)
            if value is None or value is False or value in ("", []):
                continue
            if name in ("language", "population", "remedy"):
                attribute = "code" if name == "language" else "slug"
                for item in value:
                    chosen.append(
                        (localized(item, "name"), self._without(name, getattr(item, attribute)))
                    )
            elif name in TOGETHER:
                chosen.append((self._chosen_label(name, value), self._without_all(TOGETHER[name])))
            elif name == "disclosure":
                for slug in value:
                    label = FACTS_BY_SLUG[slug].filter_label
                    chosen.append((label, self._without(name, slug)))
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
        if name == "verified":
            return _("Recently verified")
        if name == "available":
            return _("Availability now")
        if name == "status":
            return Service.Status(value).label
        if name == "open_now":
            return _("Open now")
        if name == "always_open":
            return _("Open 24/7")
        if name == "open_time":
            day = self.form.cleaned_data.get("open_day") or timezone.localdate()
            return _("Open %(day)s at %(time)s") % {
                "day": formats.date_format(day, "D j M"),
                "time": formats.time_format(value),
            }
        if name == "court":
            return _("Appears in court in %(county)s") % {"county": localized(value, "name")}
        if name == "near":
            miles = self.chosen_radius
            return _("Within %(miles)s miles of %(zip)s") % {"miles": miles, "zip": value[0]}
        return localized(value, "name")  # category, area

    def _without(self, name, value=None):
        """The query string of this search without the filter `name` (or one of its values)."""
        data = self.data.copy()
        data.pop("page", None)
        if value is None:
            data.pop(name, None)
        else:
            data.setlist(name, [v for v in data.getlist(name) if v != value])
        return data.urlencode()

    def _without_all(self, names):
        data = self.data.copy()
        for name in ["page", *names]:
            data.pop(name, None)
        return data.urlencode()

    @property
    def sort_key(self):
        self.is_valid()  # cleaned_data holds the valid parts of the search
        data = self.form.cleaned_data
        sort = data.get("sort") or "relevance"
        if sort == "distance" and not data.get("near"):
            sort = "relevance"
        if sort == "relevance" and not data.get("q"):
            sort = "distance" if data.get("near") else "name"
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
        keyword, near = self.form.cleaned_data.get("q"), self.form.cleaned_data.get("near")
        if keyword:
            order = [("", "relevance"), ("name", "name")]
        elif near:
            order = [("", "distance"), ("name", "name")]
        else:
            order = [("", "name")]
        order.append(("verified", "verified"))
        if keyword and near:
            order.append(("distance", "distance"))
        return [(value, labels[key]) for value, key in order]

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
        if sort == "distance":
            return queryset.order_by("distance", "name", "pk")
        return queryset.order_by("name", "pk")

    # -- Facet counts ------------------------------------------------------------------

    def legal_counts(self):
        """({remedy id: results if it were chosen}, {county id: results if it were
        chosen}), in one query: each counted from the results without its own filter."""
        remedies = Service.remedies.through.objects.filter(
            service__in=self.filtered_except("remedy").values("pk")
        )
        courts = Service.court_areas.through.objects.filter(
            service__in=self.filtered_except("court").values("pk")
        )
        rows = (
            remedies.annotate(kind=Value("r"))
            .values_list("kind", "legalremedy_id")
            .annotate(n=Count("service_id"))
            .union(
                courts.annotate(kind=Value("c"))
                .values_list("kind", "servicearea_id")
                .annotate(n=Count("service_id")),
                all=True,
            )
        )
        counts = {"r": {}, "c": {}}
        for kind, key, number in rows:
            counts[kind][key] = number
        return counts["r"], counts["c"]

    def disclosure_counts(self):
        """{filter slug: number of results that also meet it}, in one query. The choices
        narrow together, so each counts among the results as they are."""
        counts = self.qs.order_by().aggregate(
            **{
                f"fact_{number}": Count("pk", filter=Q(**{fact.field: fact.wanted}))
                for number, fact in enumerate(FACTS)
            }
        )
        return {fact.filter_slug: counts[f"fact_{n}"] for n, fact in enumerate(FACTS)}

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
                # Never a stop word: "árabe" is not a misspelt "are".
                candidates = [
                    w
                    for w in known.get(word[0], ())
                    if abs(len(w) - len(word)) <= 2 and w not in STOP_WORDS
                ]
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
        # Each value's name, and its Spanish name: "árabe" names Arabic as "arabic" does.
        phrases = {
            (name, value): {
                without_stop_words(words_of(text))
                for text in (item.name, getattr(item, "name_es", ""))
                if words_of(text)
            }
            for name, value, item, _ in candidates
        }

        def in_other_names(said, name, value):
            """Whether a word said is in the name of another value of the same filter:
            then the word is broader than the value its synonyms name ("records" is also
            in "Records sealing", so it does not stand for "Expungement")."""
            return any(
                set(said) & {word for phrase in others for word in phrase}
                for (other_name, other_value), others in phrases.items()
                if other_name == name and other_value != value
            )

        for name, value, item, label in candidates:
            own = phrases[name, value]
            for start in range(len(words)):
                for length in (3, 2, 1):
                    said = tuple(words[start : start + length])
                    if len(said) == length and (
                        said in own
                        or (
                            any(phrase in synonyms.get(said, []) for phrase in own)
                            and not in_other_names(said, name, value)
                        )
                    ):
                        rest = " ".join(words[:start] + words[start + length :])
                        offers.append(
                            (
                                label % {"name": localized(item, "name")},
                                self.with_keyword(rest, **{name: value}),
                            )
                        )
                        break
                else:
                    continue
                break
        return offers


ServiceFilter.base_filters = CopiedCheaply(ServiceFilter.base_filters)
