"""The reference pages: the fact sheet, one page per factor, and a search over its text.

They are public: the fact sheet is a public document. Their data is cached briefly (see
factsheet/cache.py); the user-dependent parts of the page (header, citation URL) are not.
"""

import re

from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from directory.models import LegalRemedy, Service, ServiceArea
from factsheet.cache import cached
from factsheet.content import passages, sheet
from factsheet.forms import CourtForm, SearchForm
from factsheet.models import Factor, count_live_services


@login_not_required
def overview(request):
    context = cached("overview", build_overview)
    return render(request, "factsheet/overview.html", {"sheet": sheet(), **context})


def build_overview():
    factors = list(Factor.objects.all())
    return {
        "on_ramps": [f for f in factors if not f.is_off_ramp],
        "off_ramps": [f for f in factors if f.is_off_ramp],
    }


@login_not_required
def factor(request, slug):
    context = cached(f"factor:{slug}", lambda: build_factor(slug))
    if context is None:
        raise Http404("No such factor in the fact sheet.")
    if context["remedies"]:
        context = {**context, **by_court(request, context)}
    return render(request, "factsheet/factor.html", {"sheet": sheet(), **context})


def by_court(request, context):
    """The legal services page's remedy links, narrowed to the providers that appear in one
    county's courts when the reader chooses one (one query); a county that is not on the
    list is a form error, and the links stay as they were."""
    form = CourtForm(request.GET or None, courts=context["courts"])
    court = form.cleaned_data["court"] if form.is_bound and form.is_valid() else None
    if court is None:
        return {"court_form": form}
    return {
        "court_form": form,
        "court": court,
        "remedies": legal_remedies(context["categories"], court=court),
    }


def build_factor(slug):
    factors = list(Factor.objects.all())
    index = next((i for i, f in enumerate(factors) if f.slug == slug), None)
    if index is None:
        return None
    factor = factors[index]
    if factor.is_off_ramp:
        categories = count_live_services(
            factor.categories.filter(parent=None).prefetch_related("children")
        )
        related = list(factor.on_ramps.all())
    else:
        related = list(factor.off_ramps.with_categories())
        count_live_services(c for off_ramp in related for c in off_ramp.categories.all())
        categories = []
    return {
        "factor": factor,
        "remedies": legal_remedies(categories),
        "courts": legal_courts(categories),
        "categories": categories,
        "related": related,
        "previous": factors[index - 1] if index > 0 else None,
        "next": factors[index + 1] if index + 1 < len(factors) else None,
    }


LEGAL_SERVICES = "legal-services"


def legal_remedies(categories, court=None):
    """For the off-ramp that legal services deliver: each legal remedy with its number of
    published, active services (one query), only those appearing in `court`'s courts
    when given; else an empty list."""
    if not any(category.slug == LEGAL_SERVICES for category in categories):
        return []
    live = Service.objects.for_directory()
    if court is not None:
        live = live.filter(court_areas=court)
    return list(
        LegalRemedy.objects.annotate(
            live_count=Count("services", filter=Q(services__in=live.values("pk")), distinct=True)
        )
    )


def legal_courts(categories):
    """For the same off-ramp: the counties whose courts published, active services appear
    in, each with their number (one query); else an empty list."""
    if not any(category.slug == LEGAL_SERVICES for category in categories):
        return []
    live = Service.objects.for_directory().values("pk")
    return list(
        ServiceArea.objects.annotate(
            live_count=Count("court_services", filter=Q(court_services__in=live), distinct=True)
        ).filter(live_count__gt=0)
    )


@login_not_required
def search(request):
    form = SearchForm(request.GET)
    terms = form.terms()
    results = find(terms) if terms else []
    return render(
        request,
        "factsheet/search.html",
        {
            "form": form,
            "q": request.GET.get("q", "")[:200],
            "results": results,
            "searched": bool(terms),
        },
    )


def find(terms):
    """Factors and passages of the fact sheet that contain every term, case-insensitively.

    A plain substring match (icontains), the same on SQLite and PostgreSQL: the text is
    short, and court staff search for exact legal terms such as "vacatur".
    """
    matches = Q(title__icontains=terms[0]) | Q(text__icontains=terms[0])
    for term in terms[1:]:
        matches &= Q(title__icontains=term) | Q(text__icontains=term)
    results = []
    factors = list(Factor.objects.filter(matches).with_categories())
    # Each matching off-ramp links to the directory's services that deliver it.
    count_live_services(
        category for factor in factors if factor.is_off_ramp for category in factor.categories.all()
    )
    for factor in factors:
        hits = [
            (number, highlight(paragraph, terms))
            for number, paragraph in enumerate(factor.paragraphs, start=1)
            if contains_any(paragraph, terms)
        ]
        results.append(
            {
                "factor": factor,
                "title": highlight(factor.title, terms),
                "hits": hits,
                "categories": factor.categories.all() if factor.is_off_ramp else [],
            }
        )
    for anchor, label, text in passages():
        if all(term.casefold() in text.casefold() for term in terms):
            results.append({"anchor": anchor, "label": label, "text": highlight(text, terms)})
    return results


def contains_any(text, terms):
    text = text.casefold()
    return any(term.casefold() in text for term in terms)


def highlight(text, terms):
    """The text, escaped, with each occurrence of a term wrapped in <mark>."""
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
