"""Every page of the site (tests/site_map.py), in every role, read by a browser that asks
for Spanish: <html lang="es">, and none of our English interface phrases in the text a
reader sees or hears (outside what the page marks lang="en": a provider's own text, the
fact sheet's wording). The browser walk (tests/browser/test_spanish_browser.py) adds the
labels scripts write and axe-core on the main pages."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from directory.models import Category, Language, LegalRemedy, PopulationTag, ServiceArea
from tests.site_map import ROLES, build_world, sign_in, site_urls
from tests.test_translations import CATALOG, read_po

pytestmark = pytest.mark.django_db


def english_phrases():
    """Our msgids of two words or more whose Spanish differs, as whole phrases in any case."""
    found = set()
    for entry in read_po(CATALOG / "django.po"):
        text = entry["msgid"]
        if "%" in text or "<" in text or "{" in text or len(text.split()) < 2:
            continue
        if entry["msgstr"][0].casefold() != text.casefold():
            found.add(text)
    pattern = "|".join(re.escape(text) for text in sorted(found, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({pattern})(?!\w)", re.I)


ENGLISH = english_phrases()
VOID = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}
SPOKEN = ("aria-label", "title", "placeholder", "alt")


class ReaderText(HTMLParser):
    """The text of a page and the labels it gives screen readers, less what is marked
    lang="en", its title, scripts and styles."""

    def __init__(self):
        super().__init__()
        self.stack, self.parts = [], []

    def skipping(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # The title is left to the browser walk, which can tell the fact sheet's own words in
        # it from ours.
        skip = self.skipping() or attrs.get("lang") == "en" or tag in ("script", "style", "title")
        if not skip:
            self.parts.extend(attrs[name] for name in SPOKEN if attrs.get(name))
            if tag == "input" and attrs.get("type") == "submit" and attrs.get("value"):
                self.parts.append(attrs["value"])
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self.skipping():
            self.parts.append(data)


def reader_text(html):
    parser = ReaderText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# Pages whose text is someone else's English: Django's and its add-ons' admin pages list
# permission names ("Can add …"), the roles' group names and records' own names, all kept in
# the database, which no catalog of ours holds.
THEIRS = re.compile(r"^/admin/(auth|axes|django_tasks_database)/")


def vocabulary_names():
    """The English names of the vocabulary ("Other legal relief"): data the admin shows as
    curators wrote it, beside its Spanish name."""
    models = [Category, LegalRemedy, Language, PopulationTag, ServiceArea]
    return sorted(
        {name for model in models for name in model.objects.values_list("name", flat=True)},
        key=len,
        reverse=True,
    )


def test_every_page_in_every_role_speaks_spanish():
    world = build_world()
    data = vocabulary_names()
    wrong = []
    for role in ROLES:
        client = Client(HTTP_ACCEPT_LANGUAGE="es")
        sign_in(client, role, username=f"reader-{role.replace(' ', '-')}")
        for route, url in site_urls(world):
            response = client.get(url)
            if "text/html" not in response.get("Content-Type", "") or response.streaming:
                continue  # the API, a file
            html = response.content.decode()
            if "<html" not in html:
                continue  # a redirect
            if not re.search(r'<html lang="es"[ >]', html):
                wrong.append(f'{role} {url} ({route.name}): not <html lang="es">')
            if THEIRS.match(url):
                continue
            text = reader_text(html)
            if url.startswith("/admin/"):
                for name in data:
                    text = text.replace(name, " ")
            left = sorted({match.lower() for match in ENGLISH.findall(text)})
            if left:
                at = ENGLISH.search(text).start()
                wrong.append(f"{role} {url} ({route.name}): {left} in …{text[at - 80 : at + 80]}…")
    assert not wrong, "\n".join(wrong)
