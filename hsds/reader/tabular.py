"""Read a tabular data package: a folder or a .zip holding datapackage.json and one CSV
per HSDS object (services.csv, organizations.csv, ...), streamed row by row."""

import csv
import io
import json
import zipfile
from pathlib import PurePosixPath

from hsds.cells import restore
from hsds.reader.rows import Row
from hsds.schema import resources

csv.field_size_limit(16 * 1024 * 1024)


class FolderFiles:
    def __init__(self, root):
        self.root = root

    def names(self):
        return sorted(p.name for p in self.root.iterdir() if p.is_file())

    def open(self, name):
        return (self.root / name).open("rb")


class ZipFiles:
    """The files of a .zip, from the folder that holds datapackage.json (or the CSVs)."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        members = [n for n in self.zip.namelist() if not n.endswith("/")]
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
            if n.startswith(self.prefix) and "/" not in n[len(self.prefix) :]
        }

    def names(self):
        return sorted(self.members)

    def open(self, name):
        return self.zip.open(self.members[name])


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
                f"{self.label}", "", "no datapackage.json: reading the standard HSDS file names."
            )
            return paths, names
        try:
            with self.files.open("datapackage.json") as f:
                theirs = json.loads(f.read().decode("utf-8-sig"))
            for raw in theirs.get("resources", []):
                if raw.get("name") in paths and isinstance(raw.get("path"), str):
                    paths[raw["name"]] = raw["path"]
        except (ValueError, AttributeError) as exc:
            report.error("datapackage.json", "", f"is not valid JSON ({exc}).")
        return paths, names

    def rows(self, report):
        paths, names = self.resource_paths(report)
        claimed = set(paths.values()) | {"datapackage.json"}
        for name in names:
            if name not in claimed and name.lower().endswith(".csv"):
                report.warning(name, "", "is not an HSDS 3.0 table: ignored.")
        if not any(paths[r] in names for r in ("service", "organization")):
            report.error(self.label, "", "holds neither services.csv nor organizations.csv.")
        for resource_name, path in paths.items():
            if path in names:
                yield from self.read_csv(resource_name, path, report)

    def read_csv(self, resource_name, path, report):
        resource = resources()[resource_name]
        with self.files.open(path) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            reader = csv.reader(text)
            row_number = 1
            try:
                header = [name.strip() for name in next(reader, [])]
                if not header:
                    report.error(path, "", "is empty: it needs at least a header row.")
                    return
                check_header(path, header, resource, report)
                self.present.add(resource_name)
                width = len(header)
                keys = frozenset(header)
                for cells in reader:
                    row_number += 1
                    if not cells or cells == [""]:
                        continue
                    if len(cells) != width:
                        report.error(
                            f"{path}, row {row_number}",
                            "",
                            f"has {len(cells)} cells where the header has {width}.",
                        )
                        continue
                    values = {k: restore(v) for k, v in zip(header, cells, strict=True) if k}
                    yield Row(resource_name, values, f"{path}, row {row_number}", keys)
            except UnicodeDecodeError as exc:
                report.error(
                    f"{path}, row {row_number + 1}",
                    "",
                    f"is not UTF-8 text (byte 0x{exc.object[exc.start]:02x}): save the "
                    "file as UTF-8 and import it again.",
                )
            except csv.Error as exc:
                report.error(f"{path}, row {row_number + 1}", "", f"cannot be read as CSV: {exc}")


def check_header(path, header, resource, report):
    seen = set()
    for name in header:
        if name in seen:
            report.error(f"{path}, row 1", name, "the column appears twice.")
        seen.add(name)
        if name and name not in resource.fields:
            report.warning(f"{path}, row 1", name, "is not an HSDS 3.0 field: ignored.")
    for field in resource.fields.values():
        if field.required and field.name not in seen:
            report.error(f"{path}, row 1", field.name, "this required column is missing.")
