"""The admin speaks German: every string Django's German catalogues leave empty has German.

Django's English catalogues list every msgid of its sources; its German ones lag behind. The
msgids that have no German there are read from Django's own .po files, so a Django upgrade that
adds new strings fails here until `locale_django/` supplies them (see its README).
"""

import ast
import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from tests.factories_workgroups import SessionFactory

DJANGO_DIR = Path(django.__file__).resolve().parent
ADMIN_LOCALE = DJANGO_DIR / "contrib" / "admin" / "locale"
OURS = Path(settings.BASE_DIR) / "locale_django" / "de" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False

    @property
    def key(self) -> str:
        """The key gettext's catalogues use: context and msgid joined by EOT."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid

    @property
    def translated(self) -> bool:
        forms = 2 if self.msgid_plural is not None else 1
        strings = [self.msgstr.get(i, "") for i in range(forms)]
        return not self.fuzzy and all(strings)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (header and obsolete "#~" entries left out)."""
    entries: list[Entry] = []
    entry, target = None, None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry is not None and entry.msgid:
                entries.append(entry)
            entry, target = None, None
            continue
        if line.startswith("#~"):
            continue
        entry = entry or Entry()
        if line.startswith("#,"):
            entry.fuzzy = entry.fuzzy or "fuzzy" in {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            kind, index = target
            if kind == "msgstr":
                entry.msgstr[index] += ast.literal_eval(line)
            else:
                setattr(entry, kind, getattr(entry, kind) + ast.literal_eval(line))
        else:
            keyword, _, value = line.partition(" ")
            plural_form = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if plural_form or keyword == "msgstr":
                index = int(plural_form[1]) if plural_form else 0
                entry.msgstr[index] = ast.literal_eval(value)
                target = ("msgstr", index)
            else:
                setattr(entry, keyword, ast.literal_eval(value))
                target = (keyword, None)
    return entries


def untranslated_by_django(locale_dir: Path, domain: str) -> list[Entry]:
    """The msgids of Django's English catalogue whose German is missing, empty or fuzzy."""
    german = {e.key: e for e in read_po(locale_dir / "de" / "LC_MESSAGES" / f"{domain}.po")}
    return [
        entry
        for entry in read_po(locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po")
        if entry.key not in german or not german[entry.key].translated
    ]


def django_catalogues() -> list[Path]:
    """Django's core catalogue and those of the installed contrib apps (the admin, auth, ...)."""
    dirs = [DJANGO_DIR / "conf" / "locale"]
    for config in apps.get_app_configs():
        locale_dir = Path(config.path) / "locale"
        if config.name.startswith("django.contrib.") and (locale_dir / "en").exists():
            dirs.append(locale_dir)
    return dirs


def _is_german(catalog, entry: Entry) -> bool:
    if entry.msgid_plural is None:
        return bool(catalog.get(entry.key))
    return all(catalog.get((entry.key, form)) for form in (0, 1))


def test_the_reader_finds_the_gaps_the_issue_named():
    """Guards the tests below against passing on an empty list. Once Django's German has these,
    drop them from locale_django/ and name others here."""
    missing = {
        entry.msgid
        for path in django_catalogues()
        for entry in untranslated_by_django(path, "django")
    }
    assert {"Run", "- Select an option -", "Filter by %(field_name)s"} <= missing
    assert "Log out" not in missing
    missing_js = {entry.msgid for entry in untranslated_by_django(ADMIN_LOCALE, "djangojs")}
    assert "Today (%(date)s)" in missing_js
    assert "Today" not in missing_js


def test_every_django_string_without_german_has_ours():
    # The merged catalogue that gettext uses for German: Django's, the apps', LOCALE_PATHS.
    catalog = trans_real.translation("de")._catalog
    still_english = [
        f"{path.relative_to(DJANGO_DIR)}: {entry.key!r}"
        for path in django_catalogues()
        for entry in untranslated_by_django(path, "django")
        if not _is_german(catalog, entry)
    ]
    assert not still_english, (
        "No German for these msgids: add them to locale_django/de/LC_MESSAGES/django.po "
        "(and run `make messages`):\n" + "\n".join(still_english)
    )


def test_german_reaches_the_page():
    with translation.override("de"):
        assert translation.gettext("- Select an option -") == "- Bitte auswählen -"
        assert translation.pgettext("Task", "Running") == "Läuft"
        assert (
            translation.ngettext("…and %(count)d more object.", "…and %(count)d more objects.", 3)
            % {"count": 3}
            == "… und 3 weitere Objekte."
        )


def served_js_catalogue(client) -> dict:
    """The catalogue the admin's scripts get from its jsi18n view (a JavaScriptCatalog)."""
    response = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\n  \});", response.content.decode(), re.S)
    assert found, "the jsi18n script carries no catalogue"
    return json.loads(found[1])


def test_every_admin_script_string_without_german_is_served_in_german(admin_client):
    catalog = served_js_catalogue(admin_client)
    still_english = []
    for entry in untranslated_by_django(ADMIN_LOCALE, "djangojs"):
        served = catalog.get(entry.key)
        forms = served if isinstance(served, list) else [served]
        if not served or not all(forms) or (entry.msgid_plural is not None and len(forms) < 2):
            still_english.append(repr(entry.key))
    assert not still_english, (
        "No German for these admin script msgids: add them to "
        "locale_django/de/LC_MESSAGES/djangojs.po (and run `make messages`):\n"
        + "\n".join(still_english)
    )


def test_date_widget_labels_today_in_german(admin_client):
    """The "Heute" link's aria-label is "Heute (2. Dezember 2026)", not "Today (...)"."""
    catalog = served_js_catalogue(admin_client)
    assert catalog["Today"] == "Heute"
    assert catalog["Today (%(date)s)"] == "Heute (%(date)s)"
    assert catalog["%(month)s %(day)s, %(year)s"] == "%(day)s. %(month)s %(year)s"


@pytest.mark.parametrize("name", ["django.po", "djangojs.po"])
def test_our_german_keeps_every_placeholder(name):
    entries = read_po(OURS / name)
    assert entries
    broken = []
    for entry in entries:
        assert entry.translated, entry.msgid
        for index, text in entry.msgstr.items():
            source = entry.msgid_plural if index and entry.msgid_plural else entry.msgid
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                broken.append(f"{entry.msgid!r} -> {text!r}")
    assert not broken, "\n".join(broken)


def test_user_change_list_is_german(admin_client):
    content = admin_client.get("/admin/auth/user/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    for english in ("Select an option", ">Run<", "Search Benutzer", "Pagination", 'alt="Search"'):
        assert english not in content
    assert "- Bitte auswählen -" in content
    assert ">Ausführen</button>" in content
    assert "Benutzer durchsuchen" in content
    assert "Seitennavigation für Benutzer" in content
    assert 'alt="Suchen"' in content


def test_date_hierarchy_is_german(admin_client):
    SessionFactory(date=datetime.date(2010, 11, 15))
    content = admin_client.get(
        "/admin/workgroups/session/", HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert "Filter by" not in content
    assert "Nach Datum filtern" in content
