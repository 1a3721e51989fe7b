"""The Spanish catalog is complete: every marked string has a Spanish translation that is not
fuzzy, the compiled catalog is the one the .po says, and makemessages finds nothing new.

After marking strings or folding in locale/pending/*.po, `make messages` brings the catalog up
to date (README "Languages").
"""

import ast
import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
PO_LINE = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d)\])?) (\".*\")$")
NEEDS_GETTEXT = pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgmerge") is None,
    reason="Debian's gettext is missing: `make i18n-deps` installs it",
)


def read_po(path):
    """[{"flags": {...}, "msgctxt": ..., "msgid": ..., "msgstr": [...]}, ...], header left out."""
    entries, entry, key = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and "msgid" in entry:
                entries.append(entry)
            entry = None
            continue
        entry = entry or {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := PO_LINE.match(line):
            key = match[1]
            value = ast.literal_eval(match[3])
            if key.startswith("msgstr"):
                key = int(match[2] or 0)
                entry["msgstr"][key] = value
            else:
                entry[key] = value
        elif line.startswith('"'):
            if isinstance(key, int):
                entry["msgstr"][key] += ast.literal_eval(line)
            else:
                entry[key] += ast.literal_eval(line)
    return [entry for entry in entries if entry["msgid"]]


def test_every_spanish_entry_is_translated_and_not_fuzzy():
    entries = read_po(CATALOG / "django.po")
    assert len(entries) > 300
    missing = [entry["msgid"] for entry in entries if not all(entry["msgstr"].values())]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    plurals = [
        entry["msgid"]
        for entry in entries
        if "msgid_plural" in entry and sorted(entry["msgstr"]) != [0, 1]
    ]
    assert not missing, f"Not translated into Spanish: {missing}"
    assert not fuzzy, f"Fuzzy in Spanish (check, then remove the fuzzy flag): {fuzzy}"
    assert not plurals, f"Give each of these its two Spanish plural forms: {plurals}"


def test_the_compiled_catalog_is_the_po_file():
    """django.mo is committed, so the site needs no gettext to run: it must say what the .po
    says. `make messages` compiles it."""
    with open(CATALOG / "django.mo", "rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    expected = {}
    for entry in read_po(CATALOG / "django.po"):
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            for number, text in entry["msgstr"].items():
                expected[(msgid, number)] = text
        else:
            expected[msgid] = entry["msgstr"][0]
    compiled = {key: text for key, text in catalog.items() if key != ""}
    assert compiled == expected, "Run `make messages`: django.mo is older than django.po"


@NEEDS_GETTEXT
def test_makemessages_finds_nothing_new(tmp_path, monkeypatch):
    """Every string marked for translation in the code is in the Spanish catalog, and the
    catalog holds nothing that no code uses. makemessages runs, with the options of
    `make messages`, on a copy of the project: it writes the catalog of each file into the
    locale folder beside it, so run on the project itself it would change django.po."""
    project = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        project,
        ignore=shutil.ignore_patterns(".*", "__pycache__", "var", "staticfiles", "*.mo"),
    )
    monkeypatch.chdir(project)
    monkeypatch.setattr(settings, "LOCALE_PATHS", [project / "locale"])
    call_command("makemessages", locale=["es"], no_location=True, no_obsolete=True, verbosity=0)

    def msgids(path):
        return {(entry.get("msgctxt"), entry["msgid"]) for entry in read_po(path)}

    now = msgids(project / "locale" / "es" / "LC_MESSAGES" / "django.po")
    committed = msgids(CATALOG / "django.po")
    assert not now - committed, f"Not in the catalog yet (`make messages`): {now - committed}"
    assert not committed - now, f"No code uses these any more (`make messages`): {committed - now}"
