"""Render every public page and every export of the demo data into a folder, for diffing.

    .venv/bin/python .ci/render_snapshot.py OUTPUT_DIR [--overwrite]

Run from the project root. It starts the SQLite quick start in a temporary folder (`migrate`,
`load_minden --demo --if-empty`), then requests, with Django's test client:

- as an anonymous visitor (`anon`) and as a staff clerk of the Ratsbüro (`clerk`): every public
  page in German and English, a set of catalogue filters, searches and comparisons, every URL in
  the sitemap, every same-host link of those pages (one level), the OParl API (recursively), and
  every download of every version, its synopsis and the measures' open data;
- as the three example members of the demo data (`member1`..`member3`, each in the group
  "Arbeitsgruppe" with a membership): their pages under /mitmachen/ and /konto/;
- after creating the next version as a draft (the officer's "Nächste Version anlegen"): the
  clerk's view of the draft (`clerk+draft`) and what everyone else sees of it (`anon+draft`).

Each response becomes one file OUTPUT_DIR/<role>/<path and query>.txt: the request, status, a
few headers and the body in a comparable form: HTML/JSON/XML/CSV/text as text (JSON
pretty-printed with sorted keys), PDF as pdfinfo's fields, its SHA-256 and `pdftotext -layout`,
DOCX/ODT/XLSX as their text in document order, anything else as its SHA-256. What differs
between two runs on the same code is fixed (the clock, see FROZEN_NOW) or replaced by a
placeholder (see NORMALISE and VOLATILE_DIGESTS). OUTPUT_DIR/INDEX.txt lists every request.

Compare two snapshots with `diff -r BEFORE AFTER`. The exit status is 1 if any response was a 500.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlencode, urljoin, urlsplit
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent

# Django's clock is frozen at this instant for the whole run. The demo loader dates its
# example content relative to the day of its first load (version 1 was created 60 weeks before,
# version 2's consultation ends 5 weeks after: `loader/demo_calendar.py`), and the other rows
# get created/updated timestamps that pages, the sitemap, OParl and the exports show. With a
# real clock they differ between any two runs (and shift by a day between runs on different
# days), so the clock is fixed instead of normalising dates away afterwards.
FROZEN_NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)

FORMATS = ("pdf", "docx", "odt", "json", "csv", "xlsx")  # each tried for every document
SEARCHES = ("Sprache", "Übersetzung", "Integration", "Kita Eltern", "xyzzy", "", '"<b>&%')
CATALOGUE = (
    "?seite=2",
    "?seite=999",
    "?seite=abc",
    "?q=Sprachf%C3%B6rderung",
    "?q=%C3%BCbersetzung&sortierung=titel",
    "?q=Sprache&sortierung=relevanz&gruppe=bildung-und-erziehung",
    "?sortierung=titel",
    "?sortierung=status",
    "?sortierung=gruppe",
    "?sortierung=unbekannt",
    "?gruppe=unbekannt",
    "?status=geplant&prioritaet=hoch&zeitraum=kurzfristig",
    "?status=umgesetzt&sortierung=titel&seite=2",
    # Old English facet values: a permanent redirect to the German slugs.
    "?status=planned&prioritaet=high&zeitraum=short",
    "?status=implemented&sortierung=titel&seite=2",
)
CSV_EXPORTS = (
    "/massnahmen/export.csv",
    "/massnahmen/export.csv?gruppe=arbeit-und-soziales",
    "/massnahmen/export.csv?q=Sprache&status=geplant",
    "/massnahmen/export.csv?q=Sprache&status=planned",
)
PAGES = (
    "/",
    "/konzept/",
    "/konzept/versionen/",
    "/konzept/vergleich/",
    "/arbeitsgruppen/",
    "/massnahmen/",
    "/impressum/",
    "/datenschutz/",
    "/leichte-sprache/",
    "/barrierefreiheit/",
    "/mitmachen/",
    "/echtheit/",
    "/konzept/v999/",
)
UNPREFIXED = ("/robots.txt", "/sitemap.xml", "/oparl/v1.1/")
MEMBER_USERNAMES = [f"beispiel.mitglied{n}@minden.invalid" for n in (1, 2, 3)]
CLERK_GROUP, MEMBER_GROUP = "Ratsbüro", "Arbeitsgruppe"
# Links never followed: the admin, files outside the portal's views, POST-only endpoints.
SKIP = ("/admin/", "/static/", "/media/", "/konto/abmelden/", "/i18n/")
OPARL_CAP = 3000
# The entry point first, then addresses that must answer with an OParl error object.
OPARL_EXTRA = ("/oparl/v1.1/", "/oparl/v1.1/unbekannt/", "/oparl/v1.1/paper/999999/")
OPARL_LIST_QUERIES = (
    "?elementsPerPage=3",
    "?modified_since=2000-01-01T00:00:00%2B01:00&elementsPerPage=50",
    "?created_until=2000-01-01T00:00:00Z",
    "?page=0",
)

ZIP_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
# Headers a user or a cache acts on; the body comes after them.
HEADERS = ("Content-Type", "Location", "Content-Disposition", "Cache-Control", "ETag")


# --- normalisation ------------------------------------------------------------------------------

# Each pattern replaces a value that differs between two runs on the same code.
NORMALISE = [
    # The CSRF token in every form is random per session (and masked anew per response).
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")'), r"\1{CSRF}\2"),
    # The CSP nonce on <script>/<style> is random per response.
    (re.compile(r'(nonce=")[^"]*(")'), r"\1{NONCE}\2"),
]


# Checksums of files that embed the real wall-clock time at which they were written: DOCX, ODT
# and XLSX are ZIP containers, and python-docx, odfpy and openpyxl stamp every entry with
# time.localtime() (openpyxl also writes datetime.now() into docProps/core.xml), which the frozen
# Django clock does not reach. A frozen version's files are issued once per database, so their
# SHA-256/SHA-512 (in the ETag header and in OParl's File objects) and, through compression,
# their size (+-1 byte, in OParl) differ between any two runs. Their content is compared as
# text; here each such digest is replaced by the file's name. Filled as the files download.
VOLATILE_DIGESTS: dict[str, str] = {}
DIGEST = re.compile(r"\b[0-9a-f]{64}(?:[0-9a-f]{64})?\b")


def normalise_text(text: str) -> str:
    for pattern, replacement in NORMALISE:
        text = pattern.sub(replacement, text)
    return DIGEST.sub(lambda m: VOLATILE_DIGESTS.get(m[0], m[0]), text)


def volatile_register(data: bytes, name: str) -> None:
    for algorithm in ("sha256", "sha512"):
        digest = hashlib.new(algorithm, data).hexdigest()
        VOLATILE_DIGESTS[digest] = f"{{{algorithm} of {name}: volatile}}"


def normalise_json(value):
    """Within an object that names a volatile checksum, its size is volatile too."""
    if isinstance(value, list):
        return [normalise_json(item) for item in value]
    if not isinstance(value, dict):
        return value
    value = {key: normalise_json(item) for key, item in value.items()}
    if "size" in value and any(str(item) in VOLATILE_DIGESTS for item in value.values()):
        value["size"] = "{size: volatile}"
    return value


# pdfinfo's fields that describe the bytes rather than the document (dates are bookkeeping).
PDFINFO_SKIP = ("CreationDate", "ModDate", "File size")


def pdf_text(data: bytes, tmp: Path) -> str:
    """pdfinfo's fields, the SHA-256 (WeasyPrint's output is byte-for-byte reproducible), then
    `pdftotext -layout` page by page."""
    path = tmp / "export.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    fields = [line for line in info.splitlines() if not line.startswith(PDFINFO_SKIP)]
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", path, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = [f"---- page {n} ----\n{page}" for n, page in enumerate(text.split("\f"), 1)]
    return "\n".join([*fields, f"SHA-256: {hashlib.sha256(data).hexdigest()}", "", *pages])


def docx_text(data: bytes) -> str:
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    # Only the descriptive properties: created/modified/revision are the library's bookkeeping.
    lines = [
        f"[property {name}] {getattr(props, name)}"
        for name in ("title", "subject", "author", "keywords", "category", "comments", "language")
        if getattr(props, name)
    ]
    for number, section in enumerate(document.sections, 1):
        lines.append(f"[section {number}] {section.orientation}")
        for kind in ("header", "footer"):
            part = getattr(section, kind)
            lines += [f"[{kind}] {p.text}" for p in part.paragraphs if p.text.strip()]
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines.append("| " + " | ".join(cell.text for cell in row.cells) + " |")
        elif block.text.strip():
            lines.append(f"[{block.style.name}] {block.text}")
    return "\n".join(lines)


def odt_text(data: bytes) -> str:
    from odf import teletype
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    lines = []

    def cell_text(cell) -> str:
        paragraphs = [c for c in cell.childNodes if c.nodeType == c.ELEMENT_NODE]
        return " / ".join(teletype.extractText(p) for p in paragraphs)

    def walk(node, where: str = "") -> None:
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            namespace, name = child.qname
            if namespace == TEXTNS and name in ("h", "p"):
                text = teletype.extractText(child)
                if text.strip():
                    level = child.getAttribute("outlinelevel") if name == "h" else ""
                    lines.append(f"[{where}{name}{level}] {text}")
            elif namespace == TABLENS and name == "table-row":
                cells = [cell_text(c) for c in child.childNodes if c.nodeType == c.ELEMENT_NODE]
                lines.append("| " + " | ".join(cells) + " |")
            else:
                walk(child, where)

    # Only the descriptive metadata: dates, editing time and generator are bookkeeping.
    for element in document.meta.childNodes:
        name = element.qname[1]
        if "date" not in name and name not in ("editing-duration", "editing-cycles", "generator"):
            lines.append(f"[meta {name}] {teletype.extractText(element)}")
    walk(document.masterstyles, "page ")
    walk(document.text)
    return "\n".join(lines)


def spreadsheet_cell(value) -> str:
    """A cell on one line; a value that is not text shows its type (1 and "1" differ)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
    return f"{type(value).__name__}:{value}"


def xlsx_text(data: bytes) -> str:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for sheet in workbook.worksheets:
        lines.append(f"== sheet {sheet.title} ({sheet.max_row} rows x {sheet.max_column} columns)")
        for row in sheet.iter_rows(values_only=True):
            cells = [spreadsheet_cell(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()
            lines.append("\t".join(cells))
    return "\n".join(lines)


def body_text(content_type: str, data: bytes, tmp: Path) -> str:
    """The comparable form of a body (see the module's docstring)."""
    mime = content_type.split(";")[0].strip().lower()
    if not data:
        return ""
    if mime == "application/pdf" or data.startswith(b"%PDF"):
        return pdf_text(data, tmp)
    if mime in ZIP_TYPES:
        return {"docx": docx_text, "odt": odt_text, "xlsx": xlsx_text}[ZIP_TYPES[mime]](data)
    textual = mime.startswith("text/") or mime.endswith(("json", "xml", "javascript"))
    if textual:
        charset = re.search(r"charset=([\w-]+)", content_type)
        try:
            text = data.decode(charset.group(1) if charset else "utf-8")
        except (UnicodeDecodeError, LookupError):
            return f"undecodable text, SHA-256 {hashlib.sha256(data).hexdigest()}"
        if mime.endswith("json"):
            try:
                parsed = normalise_json(json.loads(text))
                text = json.dumps(parsed, indent=2, sort_keys=True, ensure_ascii=False)
            except ValueError:
                text = "(invalid JSON)\n" + text
        if text.startswith("\ufeff"):  # the open data CSV's byte order mark, made visible
            text = "(UTF-8 BOM)\n" + text[1:]
        return normalise_text(text)
    return f"binary, {len(data)} bytes, SHA-256 {hashlib.sha256(data).hexdigest()}"


# --- link extraction ---------------------------------------------------------------------------


class PageLinks(HTMLParser):
    """The hrefs of <a> and <link>, and the options of each <select> (for the facets)."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.options: dict[str, list[str]] = {}
        self._select = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("a", "link") and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        elif tag == "select":
            self._select = attributes.get("name") or ""
        elif tag == "option" and self._select and attributes.get("value"):
            self.options.setdefault(self._select, []).append(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = ""


def local_url(base: str, href: str) -> str | None:
    """`href` as a path plus query on the test server, or None for another host."""
    parts = urlsplit(urljoin(f"http://testserver{base}", href.strip()))
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def other_language(path: str) -> bool:
    """A page in an interface language besides German and English: the snapshot covers those
    two (the others differ only in their catalogues' text), not every language switch link."""
    from django.conf import settings

    others = [code for code, _name in settings.LANGUAGES if code not in {"de", "en"}]
    return any(path.startswith(f"/{code}/") for code in others)


def followable(url: str) -> bool:
    path = urlsplit(url).path
    if other_language(path):
        return False
    path = path[3:] if path.startswith("/en/") else path
    return not path.startswith(SKIP)


def json_urls(value) -> list[str]:
    """Every same-host URL among the strings of a JSON document."""
    if isinstance(value, dict):
        return [url for item in value.values() for url in json_urls(item)]
    if isinstance(value, list):
        return [url for item in value for url in json_urls(item)]
    if isinstance(value, str) and re.match(r"https?://testserver/", value):
        return [local_url("/", value)]
    return []


def file_name(url: str) -> str:
    """A stable file name: readable, with a hash of the URL unless the name is unambiguous."""
    parts = urlsplit(url)
    plain = re.fullmatch(r"(/[a-z0-9-]+)*/|(/[a-z0-9-]+)*/[a-z0-9-]+\.[a-z0-9]+", parts.path)
    if plain and not parts.query:
        return (parts.path.strip("/").replace("/", "_") or "_root") + ".txt"
    readable = re.sub(r"[^A-Za-z0-9.=-]+", "_", unquote(url)).strip("_")[:100]
    return f"{readable}-{hashlib.sha256(url.encode()).hexdigest()[:10]}.txt"


# --- the run -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    status: int
    content_type: str
    location: str
    data: bytes


class Snapshot:
    def __init__(self, out: Path, tmp: Path):
        self.out, self.tmp = out, tmp
        self.index: list[tuple[str, str, int, str, str]] = []
        self.seen: dict[tuple[str, str], Result] = {}
        self.errors: list[tuple[str, str, str]] = []

    def get(self, role: str, client, url: str) -> Result:
        """Request `url` once per role and write its file."""
        if (role, url) in self.seen:
            return self.seen[(role, url)]
        response = client.get(url)
        data = b"".join(response.streaming_content) if response.streaming else response.content
        response.close()
        content_type = response.get("Content-Type", "")
        # Only what links are read from is kept (PDFs and the like would fill the memory).
        kept = data if re.search(r"html|json|/xml", content_type) else b""
        result = Result(response.status_code, content_type, response.get("Location", ""), kept)
        if data.startswith(b"PK\x03\x04"):
            disposition = re.search(r'filename="([^"]+)"', response.get("Content-Disposition", ""))
            volatile_register(data, disposition.group(1) if disposition else url)
        name = f"{role}/{file_name(url)}"
        headers = "".join(f"{h}: {response[h]}\n" for h in HEADERS if response.has_header(h))
        headers = normalise_text(headers)
        text = body_text(content_type, data, self.tmp)
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"GET {url}\nStatus: {result.status}\n{headers}\n{text}\n", encoding="utf-8"
        )
        self.index.append((role, url, result.status, content_type, name))
        if result.status >= 500:
            exc_info = getattr(response, "exc_info", None)
            detail = "".join(traceback.format_exception(*exc_info)) if exc_info else ""
            self.errors.append((role, url, detail))
            print(f"!!! {result.status} {role} {url}", file=sys.stderr, flush=True)
        self.seen[(role, url)] = result
        return result

    def links(self, role: str, client, url: str) -> list[str]:
        """Fetch `url` and return the same-host URLs it links or redirects to."""
        result = self.get(role, client, url)
        found = []
        if result.location:
            found = [local_url(url, result.location)]
        elif result.content_type.startswith("text/html"):
            parser = PageLinks()
            parser.feed(result.data.decode("utf-8", "replace"))
            found = [local_url(url, href) for href in parser.hrefs]
        elif result.content_type.split(";")[0].endswith("/xml") and result.status == 200:
            root = ElementTree.fromstring(result.data)
            found = [local_url(url, loc.text) for loc in root.iter() if loc.tag.endswith("loc")]
        return [link for link in found if link and followable(link)]

    def options(self, role: str, client, url: str) -> dict[str, list[str]]:
        parser = PageLinks()
        parser.feed(self.get(role, client, url).data.decode("utf-8", "replace"))
        return parser.options

    def follow(self, role: str, client, urls: list[str], *, within=("/",), depth=1) -> None:
        """Request `urls` in order, then, level by level up to `depth`, every link they contain
        that lies under one of `within` (with or without /en/): sorted, once each."""
        found: set[str] = set()
        for url in urls:
            found.update(self.links(role, client, url))
        for _level in range(depth):
            fetched = {url for r, url in self.seen if r == role}
            found, level = set(), sorted(found - fetched)
            for link in level:
                path = link[3:] if link.startswith("/en/") else link
                if path.startswith(within):
                    found.update(self.links(role, client, link))

    def oparl(self, role: str, client) -> list[str]:
        """Crawl the OParl API from its entry point; returns the other same-host URLs its
        objects name (downloads, web pages)."""
        queue, others = list(OPARL_EXTRA), set()
        queued = set(queue)
        for _request in range(OPARL_CAP):
            if not queue:
                break
            url = queue.pop(0)
            result = self.get(role, client, url)
            if "json" not in result.content_type:
                continue
            links = json_urls(json.loads(result.data))
            if re.fullmatch(r"/oparl/v1\.1/body/\d+/\w+/", url):
                # Every list also with small pages (so `links.next` is followed) and filtered.
                links += [url + query for query in OPARL_LIST_QUERIES]
            for link in links:
                if link.startswith("/oparl/") and link not in queued:
                    queued.add(link)
                    queue.append(link)
                elif not link.startswith("/oparl/"):
                    others.add(link)
        if queue:
            print(f"!!! OParl crawl stopped at {OPARL_CAP} requests", file=sys.stderr)
        return sorted(link for link in others if followable(link))


def numbers(snapshot: Snapshot, role: str, client, url: str, pattern: str) -> list[str]:
    """What `pattern` captures in the links of the page at `url` (versions, groups): taken
    from what the visitor sees, not from the models, so a refactor cannot change the list."""
    found = {
        m.group(1) for link in snapshot.links(role, client, url) if (m := re.match(pattern, link))
    }
    return sorted(found, key=lambda v: (len(v), v))


def en(url: str) -> str:
    """The English address of a page (the German ones have no prefix)."""
    return url if url.startswith(UNPREFIXED) else f"/en{url}"


def public_run(snapshot: Snapshot, role: str, client) -> None:
    """Everything a visitor can reach, as `role`."""
    versions = numbers(snapshot, role, client, "/konzept/versionen/", r"/konzept/v(\d+)/$")
    groups = numbers(snapshot, role, client, "/arbeitsgruppen/", r"/arbeitsgruppen/([\w-]+)/$")
    facets = snapshot.options(role, client, "/massnahmen/")

    # The downloads first: they register the volatile digests of the files issued when the
    # demo presented and decided its versions, which the pages and OParl then list.
    for number in versions:
        for fmt in FORMATS:
            snapshot.get(role, client, f"/konzept/v{number}/download/{fmt}/")
            snapshot.get(role, client, f"/konzept/v{number}/synopse/download/{fmt}/")
    for fmt in FORMATS:
        snapshot.get(role, client, f"/massnahmen/daten/{fmt}/")

    pages = list(PAGES)
    for number in versions:
        pages += [f"/konzept/v{number}/", f"/konzept/v{number}/vorschlaege/"]
        pages += [f"/konzept/v{number}/synopse/", f"/konzept/v{number}/vorschlaege/?seite=2"]
    pages += [f"/konzept/vergleich/?von={a}&zu={b}" for a in versions for b in versions]
    pages += ["/konzept/vergleich/?von=1", "/konzept/vergleich/?von=1&zu=999"]
    pages += [f"/arbeitsgruppen/{slug}/" for slug in groups]
    pages += [f"/massnahmen/{query}" for query in CATALOGUE]
    for facet, values in sorted(facets.items()):
        if facet != "sortierung":
            pages += [f"/massnahmen/?{urlencode({facet: value})}" for value in values]
    for number in versions:  # each option of the amendment record's filters
        record = f"/konzept/v{number}/vorschlaege/"
        for name, values in sorted(snapshot.options(role, client, record).items()):
            pages += [f"{record}?{urlencode({name: value})}" for value in values]
    pages += [f"/suche/?{urlencode({'q': term})}" for term in SEARCHES]
    pages += [*CSV_EXPORTS, "/robots.txt", "/sitemap.xml"]
    pages += [en(url) for url in pages if not url.startswith(UNPREFIXED)]
    snapshot.follow(role, client, pages)
    for link in snapshot.oparl(role, client):
        snapshot.get(role, client, link)


def member_run(snapshot: Snapshot, role: str, client) -> None:
    """A member's pages: proposing, their amendments, their account."""
    versions = numbers(snapshot, role, client, "/konzept/versionen/", r"/konzept/v(\d+)/$")
    urls = ["/", "/mitmachen/", "/mitmachen/vorschlaege/", "/konto/", "/konzept/"]
    urls += [f"/konzept/v{number}/" for number in versions]
    urls += [en(url) for url in urls]
    # Two levels: an amendment's page links to the confirmation before withdrawing it.
    snapshot.follow(role, client, urls, within=("/mitmachen/", "/konto/"), depth=2)


def draft_run(snapshot: Snapshot, clerk, anon) -> None:
    """The officer creates the next version as a draft; the clerk sees it, nobody else does."""
    from django.apps import apps

    version_model = next(m for m in apps.get_models() if m.__name__ == "ConceptVersion")
    create_next = app_function("services", "version_create_next")
    newest = version_model.objects.order_by("-number").first()
    draft = create_next(version=newest, title="Entwurf (Schnappschuss)")
    number, urls = draft.number, ["/konzept/versionen/", "/konzept/"]
    urls += [f"/konzept/v{number}/", f"/konzept/v{number}/vorschlaege/"]
    urls += [f"/konzept/v{number}/synopse/"]
    urls += [f"/konzept/vergleich/?von={n}&zu={number}" for n in range(1, number)]
    urls += [f"/konzept/v{number}/download/{fmt}/" for fmt in FORMATS]
    urls += [f"/konzept/v{number}/synopse/download/{fmt}/" for fmt in FORMATS]
    for role, client in (("clerk+draft", clerk), ("anon+draft", anon)):
        snapshot.follow(role, client, urls + [en(url) for url in urls], within=("/konzept/",))


def app_function(module: str, name: str):
    """`name` from the `module` of whichever of the project's apps has it (so the script keeps
    working when a function moves between apps)."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if not Path(config.path).is_relative_to(ROOT):
            continue
        try:
            found = importlib.import_module(f"{config.name}.{module}")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{module}":
                raise
            continue
        if hasattr(found, name):
            return getattr(found, name)
    raise LookupError(f"No app of the project has {module}.{name}")


def django_start(tmp: Path) -> None:
    # Only our settings: whatever a developer's shell sets for the portal must not leak in.
    for name in list(os.environ):
        if name.startswith(("DJANGO_", "PORTAL_")):
            del os.environ[name]
    os.environ.update(
        DJANGO_SETTINGS_MODULE="minden_integration.settings.test",  # DEBUG off: real 404 pages
        DATABASE_URL=f"sqlite:///{tmp}/snap.sqlite3",
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_LOG_LEVEL="ERROR",  # no warning per 404; errors still print
    )
    sys.path.insert(0, str(ROOT))
    from django.utils import timezone

    # Before django.setup(): every module imported later sees the frozen clock too.
    timezone.now = lambda: FROZEN_NOW

    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # 4xx responses are expected here: no warning line for each (errors still print).
    logging.getLogger("django.request").setLevel(logging.ERROR)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_minden", demo=True, if_empty=True, stdout=io.StringIO())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="folder for the snapshot (new or empty)")
    parser.add_argument("--overwrite", action="store_true", help="empty OUTPUT first")
    args = parser.parse_args()
    out: Path = args.output.resolve()
    if out.exists() and any(out.iterdir()):
        if not args.overwrite:
            parser.error(f"{out} is not empty (use --overwrite to replace it)")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="render-snapshot-"))
    try:
        django_start(tmp)
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.test import Client

        user_model = get_user_model()
        clerk_user = user_model.objects.create_user("snapshot.ratsbuero@minden.invalid")
        clerk_user.is_staff = True
        clerk_user.save()
        clerk_user.groups.add(Group.objects.get(name=CLERK_GROUP))
        setup_seconds = time.monotonic() - started

        snapshot = Snapshot(out, tmp)
        anon, clerk = Client(raise_request_exception=False), Client(raise_request_exception=False)
        clerk.force_login(clerk_user)
        public_run(snapshot, "anon", anon)
        public_run(snapshot, "clerk", clerk)
        for number, username in enumerate(MEMBER_USERNAMES, 1):
            member = user_model.objects.get(username=username, groups__name=MEMBER_GROUP)
            client = Client(raise_request_exception=False)
            client.force_login(member)
            member_run(snapshot, f"member{number}", client)
        try:
            draft_run(snapshot, clerk, anon)
        except LookupError as error:  # the refactor moved what creates a draft
            snapshot.errors.append(("clerk+draft", "(not run)", f"{error}\n"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    lines = sorted(f"{r}\t{u}\t{s}\t{t}\t{n}\n" for r, u, s, t, n in snapshot.index)
    (out / "INDEX.txt").write_text("".join(lines), encoding="utf-8")
    summary(snapshot, out, time.monotonic() - started, setup_seconds)
    if snapshot.errors:
        print("\n" + "!" * 78, file=sys.stderr)
        count = len(snapshot.errors)
        print(f"!!! {count} SERVER ERROR(S) (500: a bug) OR SKIPPED PHASE(S)", file=sys.stderr)
        for role, url, detail in snapshot.errors:
            print(f"!!! {role} {url}\n{detail}", file=sys.stderr)
        print("!" * 78, file=sys.stderr)
        return 1
    return 0


def summary(snapshot: Snapshot, out: Path, seconds: float, setup_seconds: float) -> None:
    statuses = sorted({status for _r, _u, status, _t, _n in snapshot.index})
    per_role = Counter((role, status) for role, _u, status, _t, _n in snapshot.index)
    roles = sorted({role for role, *_ in snapshot.index})
    print(f"\n{'role':<12}{'requests':>9}" + "".join(f"{s:>7}" for s in statuses))
    for role in [*roles, "all"]:
        counts = [
            sum(n for (r, s), n in per_role.items() if s == status and role in (r, "all"))
            for status in statuses
        ]
        print(f"{role:<12}{sum(counts):>9}" + "".join(f"{n:>7}" for n in counts))
    files = sum(1 for path in out.rglob("*") if path.is_file())
    print(f"{files} files in {out}; {seconds:.0f} s (setup {setup_seconds:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
