"""The handout a youth keeps (a page to print, and the same as a PDF) and the share page
that opens without signing in."""

from dataclasses import dataclass, field

import segno
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import override

from core.tokens import private
from directory.confidential import shareable_address
from directory.models import Location, Service
from referrals.forms import HandoutForm
from referrals.models import ShareLink
from referrals.share import remembered_tokens, share_url
from referrals.views.lists import build_lists, own_list

HANDOUT_CSS = "css/handout.css"


@dataclass
class Entry:
    service: object
    note: str = ""
    addresses: list = field(default_factory=list)


def entries(referral_list, services, include_notes):
    """What the handout shows of each service on the list, in its order. Addresses go
    through shareable_address: a handout leaves the building, so a confidential location
    only ever says to call the intake line, whoever prints it. Call within override(lang)."""
    locations = Prefetch("service__locations", queryset=Location.objects.order_by("name", "city"))
    items = (
        referral_list.items.filter(service__in=services)
        .select_related("service__organization")
        .prefetch_related("service__languages", locations)
    )
    return [
        Entry(
            service=item.service,
            note=item.note if include_notes else "",
            addresses=[shareable_address(location) for location in item.service.locations.all()],
        )
        for item in items
    ]


def qr_svg(url):
    """The link as a QR code, an inline SVG (no image file, no request)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=False))


def newest_share_url(request, referral_list):
    """The newest working share link of the list whose token this session still holds."""
    tokens = remembered_tokens(request)
    for link in referral_list.share_links.active():
        if str(link.pk) in tokens:
            return share_url(request, tokens[str(link.pk)])
    return None


def handout_body(request, referral_list, lang, include_notes, link_url):
    with override(lang):
        return render_to_string(
            "referrals/_handout.html",
            {
                "entries": entries(
                    referral_list, Service.objects.visible_to(request.user), include_notes
                ),
                "lang": lang,
                "share_url": link_url,
                "qr": qr_svg(link_url) if link_url else "",
                "today": timezone.localdate(),
            },
        )


def handout_options(request):
    """The handout's options from the query string; its language, unless one is asked for, is
    the reader's (the language switch, else the browser's)."""
    options = request.GET.copy()
    if options.get("lang") not in ("en", "es"):
        options["lang"] = "es" if request.LANGUAGE_CODE == "es" else "en"
    return options


@build_lists
def handout(request, pk):
    referral_list = own_list(request, pk)
    form = HandoutForm(handout_options(request))
    lang, include_notes = form.options()
    link_url = newest_share_url(request, referral_list)
    return render(
        request,
        "referrals/handout.html",
        {
            "referral_list": referral_list,
            "form": form,
            "lang": lang,
            "include_notes": include_notes,
            "has_link": bool(link_url),
            "body": handout_body(request, referral_list, lang, include_notes, link_url),
        },
    )


@build_lists
def handout_pdf(request, pk):
    """The handout as a PDF, made here with WeasyPrint from the same template and style
    sheet as the printed page."""
    import weasyprint  # slow to import; only this view needs it

    referral_list = own_list(request, pk)
    lang, include_notes = HandoutForm(handout_options(request)).options()
    link_url = newest_share_url(request, referral_list)
    body = handout_body(request, referral_list, lang, include_notes, link_url)
    with override(lang):
        html = render_to_string("referrals/handout_pdf.html", {"body": body, "lang": lang})
    # The handout is self-contained: nothing is fetched while making the PDF.
    no_fetching = weasyprint.urls.URLFetcher(allowed_protocols=["data"])
    with open(finders.find(HANDOUT_CSS), encoding="utf-8") as css:
        stylesheet = weasyprint.CSS(string=css.read(), url_fetcher=no_fetching)
    pdf = weasyprint.HTML(string=html, url_fetcher=no_fetching).write_pdf(stylesheets=[stylesheet])
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="referral-handout-{day}-{lang}.pdf"'
    return response


@login_not_required
def shared(request, token):
    """The list, read-only, for whoever holds the link: no sign-in, never indexed, never a
    confidential address, the worker's notes only if they ticked "include my notes"."""
    link = ShareLink.objects.find(token)
    if link is None or not link.is_active:
        response = render(
            request,
            "referrals/shared_gone.html",
            {"known": link is not None},
            status=404 if link is None else 410,
        )
        return private(response)
    lang = handout_options(request)["lang"]
    with override(lang):
        context = {
            "entries": entries(
                link.referral_list, Service.objects.for_directory(), link.include_notes
            ),
            "lang": lang,
            "link": link,
        }
        response = render(request, "referrals/shared.html", context)
    return private(response)
