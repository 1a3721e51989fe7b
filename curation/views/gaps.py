"""The gap map: off-ramp categories against areas served, counting what a case worker finds.

Each cell counts the directory's own search for its category and area, with "recently
verified only" and the chosen language (its link): published, active, verified services
(ServiceQuerySet.for_directory, verified), filtered by the directory's own ServiceFilter. The
category and area parts are counted here in one pass over two tables, by the same rules as
ServiceQuerySet.in_category (a category holds its subcategories) and serving_area (a
service for an area that covers every area serves each area); tests/test_gap_map.py compares
every cell with the directory's result count for its link.
"""

import csv
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.db.models.functions import Coalesce
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from curation.forms import GapMapForm
from directory.filters import ServiceFilter
from directory.models import Category, Language, Service, ServiceArea
from hsds.cells import neutralise

can_view = permission_required("curation.view_gap_map", raise_exception=True)

# (lowest count, CSS level, word): a cell's colour always comes with its number and a word.
LEVELS = [
    (0, 0, gettext_lazy("none")),
    (1, 1, gettext_lazy("few")),
    (3, 2, gettext_lazy("some")),
    (6, 3, gettext_lazy("many")),
]


@dataclass
class Cell:
    count: int
    url: str

    @property
    def level(self):
        return [level for lowest, level, _word in LEVELS if self.count >= lowest][-1]

    @property
    def word(self):
        return [word for lowest, _level, word in LEVELS if self.count >= lowest][-1]


def gap_grid(language=None):
    """(categories, areas, {category id: [Cell for "any area", then each area]})."""
    search = {"verified": "true"}
    if language is not None:
        search["language"] = language.code
    data = QueryDict(mutable=True)
    data.update(search)
    filterset = ServiceFilter(data, queryset=Service.objects.for_directory())
    services = filterset.qs.values("pk")

    categories = list(Category.objects.filter(parent=None).order_by("order", "name"))
    areas = list(ServiceArea.objects.order_by("name"))
    tops = {}  # service id: its top-level categories
    for service_id, top in (
        Service.categories.through.objects.filter(service__in=services)
        .annotate(top=Coalesce("category__parent_id", "category_id"))
        .values_list("service_id", "top")
    ):
        tops.setdefault(service_id, set()).add(top)
    serves = {}  # service id: its area ids, or None for every area
    for service_id, area_id, covers_all in Service.areas.through.objects.filter(
        service__in=services
    ).values_list("service_id", "servicearea_id", "servicearea__covers_all"):
        if covers_all:
            serves[service_id] = None
        elif serves.get(service_id, set()) is not None:
            serves.setdefault(service_id, set()).add(area_id)

    def link(category, area=None):
        query = {"category": category.slug, **search}
        if area is not None:
            query["area"] = area.slug
        return f"{reverse('directory:index')}?{urlencode(query)}"

    grid = {}
    for category in categories:
        in_category = [pk for pk, found in tops.items() if category.pk in found]
        row = [Cell(len(in_category), link(category))]
        for area in areas:
            count = sum(
                1
                for pk in in_category
                if pk in serves and (serves[pk] is None or area.pk in serves[pk])
            )
            row.append(Cell(count, link(category, area)))
        grid[category.pk] = row
    return categories, areas, grid


@can_view
def gap_map(request):
    form, language = _language(request)
    categories, areas, grid = gap_grid(language)
    rows = [(category, grid[category.pk]) for category in categories]
    return render(
        request,
        "curation/gap_map.html",
        {
            "form": form,
            "language": language,
            "areas": areas,
            "rows": rows,
            "levels": LEVELS,
            "languages": Language.objects.order_by("name"),
            "csv_query": urlencode({"language": language.code}) if language else "",
        },
    )


@can_view
def gap_map_csv(request):
    _form, language = _language(request)
    categories, areas, grid = gap_grid(language)
    name = f"gap-map-{language.code}.csv" if language else "gap-map.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(
        [_("Off-ramp category"), _("Any area"), *(neutralise(area.name) for area in areas)]
    )
    for category in categories:
        writer.writerow([neutralise(category.name), *(cell.count for cell in grid[category.pk])])
    return response


def _language(request):
    """The valid language filter, or none (the form then shows why)."""
    form = GapMapForm(request.GET)
    language = form.cleaned_data.get("language") if form.is_valid() else None
    return form, language
