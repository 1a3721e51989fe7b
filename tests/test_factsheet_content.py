"""The fact sheet is all there, word for word: checked against the seed text it came from.

The seed (tests/data/factsheet-on-ramps-off-ramps.txt) is a text extraction of the NCJFCJ PDF.
factsheet/data/factsheet.json was built from it once, mending only extraction damage; MENDS
below lists each mend, so anything else that differs fails.
"""

import html
import re
from collections import Counter

import pytest

from factsheet.content import sheet
from factsheet.models import Factor
from tests.vendored import FACTSHEET_SEED

pytestmark = pytest.mark.django_db

# A word that lost its hyphen at a line break in the PDF.
MENDS = {"traumaresponsive": "trauma-responsive"}
# The PDF's second page repeats the title with an ampersand; the pages show it once.
REPEATED_TITLE = "Child Sex Trafficking On-Ramps & Off-Ramps Fact Sheet"
# Bullet markers as the extraction left them ("- ", "• "); some bullets lost theirs.
BULLET = re.compile(r"^[-•]\s+")


@pytest.fixture
def seed_paragraphs():
    text = FACTSHEET_SEED.read_text(encoding="utf-8")
    for damaged, mended in MENDS.items():
        text = text.replace(damaged, mended)
    paragraphs = []
    for line in text.splitlines():
        line = BULLET.sub("", line.strip())  # strip() also drops non-breaking spaces
        if line and line != REPEATED_TITLE:
            paragraphs.append(line)
    return paragraphs


def sentences(paragraph):
    return [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s]


def visible_text(response):
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def data_paragraphs():
    data = sheet()
    found = [data["title"], data["roundtable"], *data["headings"].values()]
    found += data["introduction"] + data["attribution"]
    for factor in data["factors"]:
        found += [factor["title"], *factor["paragraphs"]]
    return found


def test_the_data_file_holds_every_paragraph_of_the_seed_and_nothing_else(seed_paragraphs):
    assert Counter(data_paragraphs()) == Counter(seed_paragraphs)


def test_every_sentence_of_the_seed_is_on_the_reference_pages(client, seed_paragraphs):
    urls = ["/reference/"] + [factor.get_absolute_url() for factor in Factor.objects.all()]
    shown = " ".join(visible_text(client.get(url)) for url in urls)

    missing = [
        sentence
        for paragraph in seed_paragraphs
        for sentence in sentences(paragraph)
        if sentence not in shown
    ]
    assert missing == []


def test_the_overview_alone_holds_the_whole_fact_sheet(client, seed_paragraphs):
    shown = visible_text(client.get("/reference/"))

    assert [p for p in seed_paragraphs if p not in shown] == []


def test_each_factor_page_holds_its_own_text(client):
    for factor in Factor.objects.all():
        shown = visible_text(client.get(factor.get_absolute_url()))
        assert factor.title in shown
        for paragraph in factor.paragraphs:
            assert paragraph in shown


def test_the_migration_loads_seven_on_ramps_and_seven_off_ramps_in_order():
    factors = list(Factor.objects.all())

    assert [f.label for f in factors] == [f"On-ramp {n}" for n in range(1, 8)] + [
        f"Off-ramp {n}" for n in range(1, 8)
    ]
    assert factors[-1].heading == "Off-ramp 7: Offer Legal Services"
    assert factors[-1].slug == "legal-services"
    assert [len(f.paragraphs) for f in factors] == [2, 2, 2, 2, 2, 1, 2, 2, 1, 2, 1, 2, 2, 1]
