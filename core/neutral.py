"""Neutral page titles: a tab title, or an entry in the browser's history, can be read over
a shoulder. A title that names trafficking or exploitation is replaced by the site's name.

The fact sheet's pages keep their real titles: they are reference material, read by court
staff, and their title is the document's own.
"""

import re

# Words a passer-by would read as "this is about trafficking or sexual exploitation".
SENSITIVE = re.compile(
    r"traffick|exploit|prostitut|\bsex|sexual|\bcsec\b|\bcse\b|pimp|\brape|abuse|grooming",
    re.IGNORECASE,
)
NEUTRAL_TITLE = "Off-Ramps"


def is_neutral(text):
    return not SENSITIVE.search(text or "")


def neutral_title(text):
    return text if is_neutral(text) else NEUTRAL_TITLE
