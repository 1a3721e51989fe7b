"""The fact sheet's own words, read from factsheet/data/factsheet.json.

The file holds the NCJFCJ text word for word, built once from the PDF's text extraction with
only the extraction damage mended (see its "source" note). The factors become Factor rows
(migration 0002) because curators attach directory categories and on-ramp mappings to them;
the introduction, roundtable note, section headings and attribution are read from here.
"""

import json
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "factsheet.json"


@cache
def sheet():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def passages():
    """The text around the factors as (anchor, label, text), for the search box."""
    data = sheet()
    found = [("introduction", "Introduction", text) for text in data["introduction"]]
    found.append(("introduction", "Introduction", data["roundtable"]))
    found.extend(("about", "About this fact sheet", text) for text in data["attribution"])
    return found
