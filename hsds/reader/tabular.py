"""Read a tabular data package: a folder or a .zip holding datapackage.json and one CSV
per HSDS object (services.csv, organizations.csv, ...), streamed row by row.

Nothing is extracted: a .zip's members are read where they are. A package may hold files
only: a symbolic link, or a .zip member named to land outside the package (../evil.csv) or
one that is encrypted, is an error and is not read (refused()).
"""

import csv
import io
import lzma
import re
import stat
import zipfile
import zlib
from pathlib import PurePosixPath

from django.utils.translation import gettext

from hsds.cells import restore
from hsds.reader.json_source import TooDeep, load_json
from hsds.reader.rows import Row
from hsds.schema import resources

# The largest cell read: csv's limit is the process's, and other libraries set it too, so
# read_csv sets it again each time.
MAX_CELL = 16 * 2**20
# What reading a damaged .zip member raises.
DAMAGED = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError)
# datapackage.json is read whole: a descriptor is a few kilobytes.
MAX_DATAPACKAGE = 2**20
# How deep in sub-folders a package's files are looked for.
MAX_DEPTH = 3
LINK = "is a symbolic link: a package holds files, not links to them. Not read."


class FolderFiles:
    def __init__(self, root):
        self.root = root

    def entries(self, folder=None, depth=0):
        """The package's entries, its sub-folders' too (a package may keep its CSV files in
        data/), as (name relative to the package, path); links are listed, never followed."""
        folder = folder or self.root
        for path in sorted(folder.iterdir()):
            name = path.relative_to(self.root).as_posix()
            if path.is_dir() and not path.is_symlink():
                if depth < MAX_DEPTH:
                    yield from self.entries(path, depth + 1)
            else:
                yield name, path

    def names(self):
        return sorted(n for n, p in self.entries() if p.is_file() and not p.is_symlink())

    def refused(self):
        """(name, why) of each entry the package may not hold."""
        return [(n, LINK) for n, p in self.entries() if p.is_symlink()]

    def open(self, name):
        return (self.root / name).open("rb")


def outside(name):
    """Whether a member's name would land outside the folder it is extracted to."""
    parts = re.split(r"[\\/]", name)
    return name.startswith(("/", "\\")) or ".." in parts or bool(re.match(r"^[A-Za-z]:", name))


def why_refused(info):
    if outside(info.filename):
        return gettext("is named to land outside the package: not read.")
    if stat.S_ISLNK(info.external_attr >> 16):
        return LINK
    if info.flag_bits & 0x1:
        return gettext("is encrypted: not read.")
    return None


class ZipFiles:
    """The files of a .zip, from the folder that holds datapackage.json (or the CSVs)."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        infos = [i for i in self.zip.infolist() if not i.is_dir()]
        self.refusals = [(i.filename, why) for i in infos if (why := why_refused(i))]
        members = [i.filename for i in infos if i.filename not in dict(self.refusals)]
        anchors = [n for n in members if PurePosixPath(n).name == "datapackage.json"] or [
            n for n in members if PurePosixPath(n).suffix.lower() == ".csv"
        ]
        anchors.sort(key=lambda n: (n.count("/"), n))
        self.prefix = str(PurePosixPath(anchors[0]).parent) + "/" if anchors else ""
        if self.prefix == "./":
            self.prefix = ""
        self.members = {
            n[len(self.prefix) :]: n
            for n in members
            if n.startswith(self.prefix) and n[len(self.prefix) :].count("/") <= MAX_DEPTH
        }

    def names(self):
        return sorted(self.members)

    def refused(self):
        """(name, why) of each member the package may not hold."""
        return self.refusals

    def open(self, name):
        return self.zip.open(self.members[name])


def utf8_lines(raw):
    """A binary file's lines as text, each decoded on its own, so that a byte that is not
    UTF-8 is reported at its own row (a text wrapper decodes ahead, and would blame a row
    before it). Read as Latin-1 first, which splits lines as a text file does (at \\r, \\n
    or \\r\\n): UTF-8 never uses those bytes inside a character."""
    encoding = "utf-8-sig"
    for line in io.TextIOWrapper(raw, encoding="latin-1", newline=""):
        yield line.encode("latin-1").decode(encoding)
        encoding = "utf-8"


def at_row(path, number):
    """“services.csv, row 3”: where in the package a problem is."""
    return gettext("%(file)s, row %(row)s") % {"file": path, "row": number}


def damaged(exc):
    return gettext("cannot be read: the file is damaged or incomplete (%(exc)s).") % {"exc": exc}


def not_utf8(exc, row_number):
    if row_number == 1 and exc.object.startswith((b"\xff\xfe", b"\xfe\xff")):
        return gettext("is UTF-16 text: save the file as UTF-8 and import it again.")
    return gettext(
        "is not UTF-8 text (byte 0x%(byte)s): save the file as UTF-8 and import it again."
    ) % {"byte": f"{exc.object[exc.start]:02x}"}


class TabularSource:
    kind = "tabular data package"

    def __init__(self, files, label):
        self.files = files
        self.label = label
        self.present = set()  # resources whose file is in the package, rows or not

    def resource_paths(self, report):
        """Resource name -> file name, from the package's datapackage.json if it has one."""
        paths = {name: res.path for name, res in resources().items()}
        names = self.files.names()
        if "datapackage.json" not in names:
            report.warning(
                f"{self.label}",
                "",
                gettext("no datapackage.json: reading the standard HSDS file names."),
            )
            return in_sub_folders(paths, names), names
        try:
            with self.files.open("datapackage.json") as f:
                text = f.read(MAX_DATAPACKAGE + 1)
            if len(text) > MAX_DATAPACKAGE:
                raise ValueError(
                    gettext("it is larger than %(megabytes)s MB")
                    % {"megabytes": MAX_DATAPACKAGE // 2**20}
                )
            theirs = load_json(text.decode("utf-8-sig"))
            for raw in theirs.get("resources", []):
                if raw.get("name") in paths and isinstance(raw.get("path"), str):
                    paths[raw["name"]] = raw["path"]
        except TooDeep as exc:
            report.error("datapackage.json", "", gettext("is %(exc)s.") % {"exc": exc})
        except (ValueError, AttributeError) as exc:
            report.error(
                "datapackage.json", "", gettext("is not valid JSON (%(exc)s).") % {"exc": exc}
            )
        except DAMAGED as exc:
            report.error("datapackage.json", "", damaged(exc))
        return in_sub_folders(paths, names), names

    def rows(self, report):
        for name, why in self.files.refused():
            report.error(name, "", why)
        paths, names = self.resource_paths(report)
        claimed = set(paths.values()) | {"datapackage.json"}
        for name in names:
            if name not in claimed and name.lower().endswith(".csv"):
                report.warning(name, "", gettext("is not an HSDS 3.0 table: ignored."))
        if not any(paths[r] in names for r in ("service", "organization")):
            report.error(
                self.label, "", gettext("holds neither services.csv nor organizations.csv.")
            )
        self.rows_total = self.count_rows(p for p in paths.values() if p in names)
        for resource_name, path in paths.items():
            if path in names:
                yield from self.read_csv(resource_name, path, report)

    def count_rows(self, paths):
        """The rows of these files, header left out, for progress: lines, in fact, so a
        cell holding a line break counts twice. None if a file cannot be read (the reading
        proper says why)."""
        total = 0
        try:
            for path in paths:
                lines, last = 0, b"\n"
                with self.files.open(path) as raw:
                    while block := raw.read(2**20):
                        lines, last = lines + block.count(b"\n"), block[-1:]
                total += max(0, lines + (last != b"\n") - 1)
        except DAMAGED:
            return None
        return total

    def read_csv(self, resource_name, path, report):
        resource = resources()[resource_name]

        def header_read(header):
            check_header(path, header, resource, report)
            self.present.add(resource_name)

        for where, keys, values in read_table(self.files, path, report, header_read):
            yield Row(resource_name, values, where, keys)


def read_table(files, path, report, header_read=None):
    """A CSV file's rows as (where, the header's names, {name: value}), streamed; problems
    (a row of the wrong width, text that is not UTF-8, a damaged file) in the report.
    header_read(header) hears the header first."""
    row_number = 0  # the last row read; the header is row 1
    csv.field_size_limit(MAX_CELL)
    try:
        with files.open(path) as raw:
            reader = csv.reader(utf8_lines(raw))
            header = [name.strip() for name in next(reader, [])]
            row_number = 1
            if not header:
                report.error(path, "", gettext("is empty: it needs at least a header row."))
                return
            if header_read:
                header_read(header)
            width = len(header)
            keys = frozenset(header)
            at_row_of_file = gettext("%(file)s, row %(row)s")
            for cells in reader:
                row_number += 1
                if not cells or cells == [""]:
                    continue
                if len(cells) != width:
                    report.error(
                        at_row_of_file % {"file": path, "row": row_number},
                        "",
                        gettext("has %(cells)s cells where the header has %(width)s.")
                        % {"cells": len(cells), "width": width},
                    )
                    continue
                values = {k: restore(v) for k, v in zip(header, cells, strict=True) if k}
                yield at_row_of_file % {"file": path, "row": row_number}, keys, values
    except UnicodeDecodeError as exc:
        report.error(at_row(path, row_number + 1), "", not_utf8(exc, row_number + 1))
    except csv.Error as exc:
        report.error(
            at_row(path, row_number + 1),
            "",
            gettext("cannot be read as CSV: %(exc)s") % {"exc": exc},
        )
    except DAMAGED as exc:
        # Read in blocks, a damaged .zip member is found at no particular row.
        report.error(path, "", damaged(exc))


def in_sub_folders(paths, names):
    """The paths, each that is not in the package replaced by the one file of that name in
    a sub-folder (data/services.csv), if there is just one."""
    by_name = {}
    for name in names:
        by_name.setdefault(PurePosixPath(name).name, []).append(name)
    found = {}
    for resource, path in paths.items():
        elsewhere = by_name.get(PurePosixPath(path).name, [])
        found[resource] = elsewhere[0] if path not in names and len(elsewhere) == 1 else path
    return found


def check_header(path, header, resource, report):
    seen = set()
    for name in header:
        if name in seen:
            report.error(at_row(path, 1), name, gettext("the column appears twice."))
        seen.add(name)
        if name and name not in resource.fields:
            report.warning(at_row(path, 1), name, gettext("is not an HSDS 3.0 field: ignored."))
    for field in resource.fields.values():
        if field.required and field.name not in seen:
            report.error(at_row(path, 1), field.name, gettext("this required column is missing."))
