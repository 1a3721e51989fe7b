"""CSV cells that a spreadsheet shows as text and never runs as a formula, and back.

A cell that starts with = + - @, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets (=HYPERLINK(...) leaks what a curator clicks, +cmd|... runs
a program). The export puts a quote before such a cell in a text column, which
spreadsheets read as "this is text" (OWASP's advice for CSV injection). The columns the
schema types as numbers are left alone: "-87.6" there is a coordinate, numeric and valid
HSDS, and a number column never holds anything but a number.

The import takes the quote off again, so a round trip gives back the original text. To
keep that exact, a cell that already starts with quotes and then a formula character
("'=x") gets one more quote too, and the import only ever takes one off a cell of that
shape. Text that merely starts with a quote ("'Tis", "'90s") is never changed either way.
"""

import re

FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralise(text):
    """A text cell as the export writes it."""
    return "'" + text if FORMULA.match(text) else text


def restore(text):
    """The cell as it was before neutralise()."""
    if text.startswith("'") and FORMULA.match(text):
        return text[1:]
    return text
