"""Read an HSDS package into HSDS 3.0 rows, one table row per record, whatever its form.

- a tabular data package (tabular.py): a folder or a .zip holding datapackage.json and one
  CSV per object (services.csv, organizations.csv, ...). CSV files are streamed row by row.
- HSDS JSON (json_source.py): one service, a list of services, a paged /services response
  (`contents`), the same of organizations (with their services) or of service_at_location
  records (with their service and location), or the tabular JSON form
  (`{"services.csv": [...], ...}`). Nested records are flattened into the same tables,
  each keeping the link to the record it was nested in. Other records (a location, a
  taxonomy, ...) are named as such, not read as a service missing its fields.
- an HSDS 1.x or 2.x tabular package (legacy.py), read into the rows 3.0 gives.

Every row carries where it came from, so problems are reported by file, row and field.
"""

import zipfile
from pathlib import Path

from django.utils.translation import gettext

from hsds.reader.json_source import JsonSource, flatten_services
from hsds.reader.legacy import LegacySource, detect
from hsds.reader.rows import Row, SourceError
from hsds.reader.tabular import FolderFiles, TabularSource, ZipFiles

__all__ = ["Row", "SourceError", "flatten_services", "open_source"]


def tabular(files, label):
    """The package's reader: for HSDS 3.x, or for 1.x and 2.x (legacy.py)."""
    version = detect(files)
    if version:
        return LegacySource(files, label, version)
    return TabularSource(files, label)


def open_source(path, label=None):
    path = Path(path)
    label = label or path.name
    if path.is_dir():
        return tabular(FolderFiles(path), label)
    if not path.is_file():
        raise SourceError(gettext("%(path)s does not exist.") % {"path": path})
    if zipfile.is_zipfile(path):
        try:
            return tabular(ZipFiles(path), label)
        except zipfile.BadZipFile as exc:
            raise SourceError(
                gettext("%(label)s is a damaged .zip (%(exc)s): make it again.")
                % {"label": label, "exc": exc}
            ) from None
    with path.open("rb") as head:
        start = head.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"PK\x03\x04"):
        raise SourceError(
            gettext(
                "%(label)s is an incomplete .zip (its list of files, at the end, is missing): "
                "upload or copy it again."
            )
            % {"label": label}
        )
    if path.suffix.lower() == ".json" or start[:1] in (b"{", b"["):
        return JsonSource(path, label)
    looks_like = gettext(": it is a web page (HTML)") if start[:1] == b"<" else ""
    raise SourceError(
        gettext(
            "%(label)s is not a folder, a .zip of a tabular data package, or an HSDS JSON "
            "file%(looks_like)s."
        )
        % {"label": label, "looks_like": looks_like}
    )
