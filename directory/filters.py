"""The directory's search form: every filter lives in the URL, so a search can be shared."""

import django_filters
from django import forms
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from directory.models import Category, Language, PopulationTag, Service, ServiceArea
from directory.models.querysets import KEYWORD_MAX_LENGTH

# Does not repeat the value: it may be long, or not meant for the page.
UNKNOWN = "That is not a {} in the directory."


class AgeFilter(django_filters.Filter):
    field_class = forms.IntegerField


class ServiceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Keyword",
        method="filter_keyword",
        max_length=KEYWORD_MAX_LENGTH,
        help_text="Words from the service's name, description or organization.",
    )
    category = django_filters.ModelChoiceFilter(
        label="Off-ramp category",
        error_messages={"invalid_choice": UNKNOWN.format("category")},
        queryset=Category.objects.all(),
        to_field_name="slug",
        method="filter_category",
    )
    language = django_filters.ModelMultipleChoiceFilter(
        label="Language",
        error_messages={"invalid_choice": UNKNOWN.format("language")},
        queryset=Language.objects.all(),
        to_field_name="code",
        method="filter_languages",
        help_text="Services delivered in any of the chosen languages.",
    )
    age = AgeFilter(
        label="Age of the youth",
        method="filter_age",
        min_value=0,
        max_value=120,
    )
    population = django_filters.ModelMultipleChoiceFilter(
        label="Serves",
        error_messages={"invalid_choice": UNKNOWN.format("population tag")},
        queryset=PopulationTag.objects.all(),
        to_field_name="slug",
        method="filter_populations",
        help_text="Services that match every chosen tag.",
    )
    free = django_filters.BooleanFilter(
        label="Free services only", method="filter_free", widget=forms.CheckboxInput
    )
    area = django_filters.ModelChoiceFilter(
        label="Area served",
        error_messages={"invalid_choice": UNKNOWN.format("area")},
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        method="filter_area",
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        field_name="status",
        lookup_expr="exact",
        choices=Service.Status.choices,
        empty_label="Active (default)",
    )
    # The page's sort select shows these choices (sort_choices); ordered() applies them.
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        method="keep",
        choices=[
            ("relevance", "Best match"),
            ("name", "Name"),
            ("verified", "Recently verified"),
        ],
        empty_label=None,
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
        """The sort field's choices that apply: best match only once there is a keyword."""
        self.is_valid()  # cleaned_data holds the valid parts of the search
        choices = list(self.form.fields["sort"].choices)
        if self.form.cleaned_data.get("q"):
            return choices
        return [(value, label) for value, label in choices if value != "relevance"]

    def ordered(self, queryset):
        sort = self.sort_key
        if sort == "relevance":
            return queryset.best_first()
        if sort == "verified":
            return queryset.order_by(F("assured_date").desc(nulls_last=True), "name", "pk")
        return queryset.order_by("name", "pk")

    def category_counts(self):
        """{category id: number of results} for every category, if it were chosen."""
        services = self.filtered_except("category").values("pk")
        rows = Service.categories.through.objects.filter(service__in=services)
        counts = dict(
            rows.values_list("category_id").annotate(n=Count("service_id", distinct=True))
        )
        # A top-level category counts its subcategories' services once each.
        counts.update(
            rows.annotate(top=Coalesce("category__parent_id", "category_id"))
            .values_list("top")
            .annotate(n=Count("service_id", distinct=True))
        )
        return counts

    def language_counts(self):
        services = self.filtered_except("language").values("pk")
        rows = Service.languages.through.objects.filter(service__in=services)
        return dict(rows.values_list("language_id").annotate(n=Count("service_id")))
