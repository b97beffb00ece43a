"""The Turkish, Arabic, Russian and Ukrainian interface catalogues (machine-assisted, see the
README): every translated entry is translated, keeps the msgid's placeholders, and the pages
answer in the language with its direction."""

import re
import struct
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import ConceptFactory

LANGUAGES = ["tr", "ar", "ru", "uk"]
LOCALE = Path(settings.BASE_DIR) / "locale"
# Names, codes and marks that read the same in every language (the catalogues' authors' list).
SAME_EVERYWHERE = {"SHA-256", "SHA-512", "—", "%(label)s: %(kind)s", "OParl"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")


def _entries(language: str) -> list[tuple[list[str], list[str]]]:
    """(msgid and msgid_plural, msgstr forms) of every entry msgfmt keeps: translated, not
    fuzzy; compiled here so that the test reads the .po file, not a stale .mo."""
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    data = subprocess.run(["msgfmt", "-o", "-", str(po)], capture_output=True, check=True).stdout
    count, originals, translations = struct.unpack("<3I", data[8:20])
    entries = []
    for index in range(count):
        texts = []
        for table in (originals, translations):
            length, offset = struct.unpack("<2I", data[table + 8 * index : table + 8 * index + 8])
            texts.append(data[offset : offset + length].decode())
        msgid, msgstr = texts
        if msgid:  # not the header
            entries.append((msgid.rpartition("\x04")[2].split("\x00"), msgstr.split("\x00")))
    return entries


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translated_entry_differs_from_its_german(language):
    entries = _entries(language)

    same = sorted(form for msgids, forms in entries for form in forms if form in msgids)

    assert len(entries) > 1000
    assert set(same) <= SAME_EVERYWHERE, same


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    wrong = []
    for msgids, forms in _entries(language):
        if len(msgids) == 1:
            if _placeholders(forms[0]) != _placeholders(msgids[0]):
                wrong.append((msgids[0], forms[0]))
        else:
            # A plural form may leave out the number ("one file"), never add a placeholder.
            allowed = {p for msgid in msgids for p in _placeholders(msgid)}
            wrong += [
                (msgids[0], form) for form in forms if not set(_placeholders(form)) <= allowed
            ]

    assert not wrong


@pytest.mark.parametrize(
    ("language", "direction"), [("tr", "ltr"), ("ar", "rtl"), ("ru", "ltr"), ("uk", "ltr")]
)
def test_home_page_answers_in_the_language_with_its_direction(client, db, language, direction):
    ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")
    with translation.override(language):
        skip_link = translation.gettext("Zum Inhalt springen")

    response = client.get(f"/{language}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert skip_link != "Zum Inhalt springen" and skip_link in content
    assert f'<html lang="{language}" dir="{direction}">' in content
    if direction == "rtl":
        assert "bootstrap.rtl.min.css" in content and "bootstrap.min.css" not in content
    else:
        assert "bootstrap.min.css" in content and "bootstrap.rtl.min.css" not in content


def test_the_language_switch_names_every_language_in_itself(client, db):
    content = client.get("/ar/").content.decode()

    for code, name in settings.LANGUAGES:
        if code == "ar":
            assert (
                f'<span aria-current="true" lang="ar" dir="rtl"><strong>{name}</strong>' in content
            )
        else:
            assert f'lang="{code}" hreflang="{code}" dir="ltr">{name}</a>' in content
    assert '<a href="/uk/" lang="uk"' in content and '<a href="/" lang="de"' in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_stays_german_under_the_other_languages_prefixes(client, db, language):
    response = client.get(f"/{language}/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_the_english_admin_stays_english(client, db):
    response = client.get("/en/admin/login/")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
