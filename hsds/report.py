"""What an import found and did, for the command line, the admin and the ImportRun log."""

from collections import Counter
from dataclasses import asdict, dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy, ngettext

KINDS = ["organization", "location", "service"]
# The errors, and the warnings, a report keeps: past that they are counted, not kept, so
# that a package of a million bad rows takes no more memory, and no larger a saved
# report, than one of a thousand.
KEPT_PROBLEMS = 1000
OUTCOMES = ["created", "updated", "unchanged", "skipped"]
KIND_PLURALS = {
    "organization": gettext_lazy("organizations"),
    "location": gettext_lazy("locations"),
    "service": gettext_lazy("services"),
}
CONFIDENTIAL_TITLE = gettext_lazy(
    "Confidential locations: their address and coordinates are never imported"
)

LANGUAGE_TITLE = gettext_lazy(
    "Survivor-informed language: words to reconsider, and text to make easier to read"
)


def grouped(n):
    """A count with its digits grouped the reader's way: 812,345 in English, 812.345 in
    Spanish."""
    return number_format(n, force_grouping=True)


def plural(n, word, words=None):
    """“1 row”, “2 rows”, “1,000 rows”: a count and the word that goes with it."""
    return f"{n:,} {word if n == 1 else words or word + 's'}"


def shown(kept, total, level):
    """“1,000 of 812,345 errors shown.”: how many of its problems a report gives."""
    if level == "error":
        text = ngettext(
            "%(kept)s of %(total)s error shown.", "%(kept)s of %(total)s errors shown.", total
        )
    else:
        text = ngettext(
            "%(kept)s of %(total)s warning shown.", "%(kept)s of %(total)s warnings shown.", total
        )
    return text % {"kept": grouped(kept), "total": grouped(total)}


def printable(text):
    """The text with what no database's text holds (a NUL character, half of a UTF-16 pair)
    written out as an escape (\\x00, \\ud800)."""
    text = text.replace("\x00", "\\x00")
    return text if text.isascii() else text.encode(errors="backslashreplace").decode()


@dataclass
class Problem:
    level: str  # "error" or "warning"
    where: str  # "services.csv, row 3" or "services.json [0].phones[1]"
    field: str
    message: str

    def __post_init__(self):
        self.where, self.field, self.message = map(
            printable, (self.where, self.field, self.message)
        )

    def __str__(self):
        parts = [self.where]
        if self.field:
            parts.append(gettext("field %(field)s") % {"field": self.field})
        return ", ".join(parts) + f": {self.message}"


@dataclass
class Named:
    """A report line about one record, which the admin's report links to the record."""

    kind: str
    id: str
    text: str
    exists: bool = True

    def __str__(self):
        return self.text


@dataclass
class Report:
    source: str = ""
    dry_run: bool = False
    skip_invalid: bool = False
    rows_read: int = 0
    errors: list = field(default_factory=list)  # the first KEPT_PROBLEMS
    warnings: list = field(default_factory=list)
    error_count: int = 0  # all of them
    warning_count: int = 0
    # "name (code …, taxonomy …)" -> number of services using it
    unmapped_terms: dict = field(default_factory=dict)
    # {"id", "name", "new"} of the created or updated services with no category
    uncategorized: list = field(default_factory=list)
    # {"kind", "id", "name", "fields"} of records edited by hand that the package changes too
    conflicts: list = field(default_factory=list)
    overwritten: list = field(default_factory=list)
    # {"id", "name", "given", "differing"} of the package's confidential locations: their
    # protected fields compared (lists of field names) for a viewer who may see them, else None
    confidential: list = field(default_factory=list)
    # {"kind", "id", "name", "flags"} of the records the survivor-informed language check
    # flags (directory/language_check.py): a suggestion to the curator, never an error
    language: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    # The HSDS version an older package was read as ("1.1"); "" for a 3.x package.
    read_as: str = ""
    counts: dict = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    written: bool = False

    def error(self, where, field_name, message):
        self.error_count += 1
        if len(self.errors) < KEPT_PROBLEMS:
            self.errors.append(Problem("error", where, field_name, message))

    def warning(self, where, field_name, message):
        self.warning_count += 1
        if len(self.warnings) < KEPT_PROBLEMS:
            self.warnings.append(Problem("warning", where, field_name, message))

    def read_as_line(self):
        """“This looks like HSDS 1.1; it was read as such.”, for an older package."""
        return gettext("This looks like HSDS %(version)s; it was read as such.") % {
            "version": self.read_as
        }

    def count(self, kind, outcome, n=1):
        self.counts[kind][outcome] += n

    def shown_note(self, level):
        """“1,000 of 812,345 errors shown.” when the report kept only the first ones."""
        kept, total = (
            (self.errors, self.error_count)
            if level == "error"
            else (self.warnings, self.warning_count)
        )
        return shown(len(kept), total, level) if total > len(kept) else ""

    @property
    def ok(self):
        return not self.errors

    def to_dict(self):
        data = asdict(self)
        data["counts"] = {kind: dict(counter) for kind, counter in self.counts.items()}
        return data

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        data["errors"] = [Problem(**p) for p in data.get("errors", [])]
        data["warnings"] = [Problem(**p) for p in data.get("warnings", [])]
        # Reports saved before the counts were kept hold all their problems.
        data.setdefault("error_count", len(data["errors"]))
        data.setdefault("warning_count", len(data["warnings"]))
        data["counts"] = {k: Counter(v) for k, v in data.get("counts", {}).items()}
        return cls(**data)

    def count_rows(self):
        """Rows of the counts table: (kind, created, updated, unchanged, skipped)."""
        return [
            (str(KIND_PLURALS[kind]), *(self.counts.get(kind, Counter())[o] for o in OUTCOMES))
            for kind in KINDS
        ]

    def compared_locations(self):
        """The ids of the confidential locations whose protected fields were compared."""
        return [entry["id"] for entry in self.confidential if entry["differing"] is not None]

    def confidential_lines(self, show_comparison=False):
        return [
            Named("location", entry["id"], _confidential_line(entry, show_comparison))
            for entry in self.confidential
        ]

    def uncategorized_lines(self):
        """The uncategorized services; a new one exists only once the import is written."""
        return [
            # A run reported before the entries were dicts holds plain lines.
            Named(
                "service",
                entry["id"],
                f"“{entry['name']}” ({entry['id']})",
                exists=self.written or not entry["new"],
            )
            if isinstance(entry, dict)
            else entry
            for entry in self.uncategorized
        ]

    def language_lines(self):
        """A line per record the language check flags, with its flags."""
        return [
            Named(
                entry["kind"],
                entry["id"],
                f"{entry['kind']} “{entry['name']}” ({entry['id']}): {' '.join(entry['flags'])}",
                exists=self.written,
            )
            for entry in self.language
        ]

    def as_text(self, limit=50, show_comparison=False):
        lines = [
            ngettext(
                "HSDS import of %(source)s: %(rows)s row read.",
                "HSDS import of %(source)s: %(rows)s rows read.",
                self.rows_read,
            )
            % {"source": self.source, "rows": grouped(self.rows_read)}
        ]
        if self.read_as:
            lines.append(self.read_as_line())

        def section(title, items, total=None, level=None):
            if not items:
                return
            total = total or len(items)
            lines.append(f"{title} ({grouped(total)}):")
            given = items if limit is None else items[:limit]
            lines.extend(f"  {item}" for item in given)
            if total > len(given) and len(given) == len(items):
                lines.append(f"  {shown(len(given), total, level)}")
            elif total > len(given):
                lines.append(
                    "  " + gettext("… and %(more)s more.") % {"more": grouped(total - len(given))}
                )

        section(gettext("Errors"), self.errors, self.error_count, "error")
        section(gettext("Warnings"), self.warnings, self.warning_count, "warning")
        section(
            gettext("Taxonomy terms that map to no category (add a term mapping in the admin)"),
            [
                ngettext("%(term)s: %(services)s service", "%(term)s: %(services)s services", n)
                % {"term": term, "services": grouped(n)}
                for term, n in self.unmapped_terms.items()
            ],
        )
        section(
            gettext(
                "Services left uncategorized for a curator to place (new ones as uncategorized "
                "drafts)"
            ),
            self.uncategorized_lines(),
        )
        section(
            gettext(
                "Edited by hand since the last import and changed in the package: not "
                "overwritten (use --overwrite to replace them)"
            ),
            [_conflict_line(c) for c in self.conflicts],
        )
        section(
            gettext("Edited by hand, overwritten (--overwrite)"),
            [_conflict_line(c) for c in self.overwritten],
        )
        section(CONFIDENTIAL_TITLE, self.confidential_lines(show_comparison))
        section(str(LANGUAGE_TITLE), self.language_lines())
        section(gettext("Notes"), self.notes)
        lines.append(f"{'':15}{'created':>9}{'updated':>9}{'unchanged':>11}{'skipped':>9}")
        for kind, *numbers in self.count_rows():
            created, updated, unchanged, skipped = numbers
            lines.append(f"{kind:15}{created:>9}{updated:>9}{unchanged:>11}{skipped:>9}")
        lines.append(self.outcome())
        return "\n".join(lines)

    def total(self, outcome):
        return sum(self.counts.get(kind, Counter())[outcome] for kind in KINDS)

    def outcome(self):
        """The closing line: what was written, or what an import would write."""
        if self.written:
            if self.errors:
                return gettext("Records with errors were skipped (--skip-invalid).")
            return gettext("Written.")
        if not self.errors:
            return "Dry run: nothing was written." if self.dry_run else "Nothing was written."
        if not self.rows_read:
            return gettext("Nothing was written: there is nothing to import (see the errors).")
        if not self.dry_run:
            if self.skip_invalid:
                return gettext("Nothing was written: no record could be imported (see the errors).")
            return gettext(
                "Nothing was written: fix the errors, or use --skip-invalid to "
                "import the valid records."
            )
        if not self.skip_invalid:
            return gettext(
                "Dry run: nothing was written. The errors would stop the import: "
                "fix them, or use --skip-invalid to import the valid records."
            )
        created, updated, skipped = (self.total(o) for o in ("created", "updated", "skipped"))
        return ngettext(
            "Dry run: nothing was written. With --skip-invalid the import would write the "
            "valid records (%(created)s created, %(updated)s updated) and skip %(skipped)s "
            "record.",
            "Dry run: nothing was written. With --skip-invalid the import would write the "
            "valid records (%(created)s created, %(updated)s updated) and skip %(skipped)s "
            "records.",
            skipped,
        ) % {"created": grouped(created), "updated": grouped(updated), "skipped": grouped(skipped)}


def _confidential_line(entry, show_comparison):
    """What the report says of a confidential location the package names: for a viewer who
    may not see its address, the same whatever the package holds."""
    head = gettext("location “%(name)s” (%(id)s): ") % {"name": entry["name"], "id": entry["id"]}
    if not show_comparison or entry["differing"] is None:
        return head + gettext("confidential location: protected fields not compared.")
    if entry["differing"]:
        text = gettext(
            "confidential location: protected fields not imported; the package differs in: "
            "%(fields)s."
        )
        return head + text % {"fields": ", ".join(entry["differing"])}
    if entry["given"]:
        text = gettext(
            "confidential location: protected fields not imported; the package agrees on: "
            "%(fields)s."
        )
        return head + text % {"fields": ", ".join(entry["given"])}
    return head + gettext(
        "confidential location: protected fields not imported; the package gives none."
    )


def _conflict_line(conflict):
    fields = ", ".join(conflict["fields"])
    return f"{conflict['kind']} “{conflict['name']}” ({conflict['id']}): {fields}"
