"""Format-neutral blocks of formatted runs: what the printed formats (PDF, DOCX, ODT) render.

Markdown becomes blocks here: the text goes through `render_markdown` first (the same sanitised
HTML the pages show), and that small, known set of tags is walked. Higher apps hand over their
parts of a version's exports in the same blocks (`concept.contributors`), so every renderer shows
them without knowing what they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from minden_integration.core.text import render_markdown

PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list_item"
QUOTE = "quote"
RULE = "rule"
TABLE = "table"
# Markdown source, rendered by each format from `source` (headings start below `level`).
MARKDOWN = "markdown"

_SPACE = re.compile(r"\s+")


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass
class Block:
    kind: str
    runs: list[Run] = field(default_factory=list)
    # Heading: 1 for the first level inside a section; list item: nesting depth from 1.
    level: int = 0
    ordered: bool = False
    # The item's number in an ordered list; 0 for a further paragraph of the same item.
    index: int = 0
    # Tables: rows of cells of runs, and whether each row is a header row.
    rows: list[list[list[Run]]] = field(default_factory=list)
    header_rows: list[bool] = field(default_factory=list)
    # Contributed tables: a caption (shown as a heading of `level` where a format has no
    # captions), column widths in cm, a CSS class per column and an anchor per row (PDF).
    caption: str = ""
    widths: list[float] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    # A CSS class for the PDF (e.g. "section-measures"); Markdown source for MARKDOWN blocks.
    css_class: str = ""
    source: str = ""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    def table_texts(self) -> tuple[list[str], list[list[str]]]:
        """A table's first header row and its body rows as plain text (for formats that show
        contributed tables without run formatting)."""
        texts = [["".join(run.text for run in cell) for cell in row] for row in self.rows]
        pairs = list(zip(texts, self.header_rows, strict=True))
        headers = next((row for row, is_header in pairs if is_header), [])
        return headers, [row for row, is_header in pairs if not is_header]


@dataclass
class _List:
    ordered: bool
    count: int = 0


class _BlockParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.lists: list[_List] = []
        self.quote = 0
        self.bold = 0
        self.italic = 0
        self.code = 0
        self.pre = 0
        self.href: str | None = None
        self.table: Block | None = None
        self.cell: list[Run] | None = None
        self.in_head = False

    # --- blocks ---------------------------------------------------------------------------

    def _open(self, kind: str, **kwargs) -> Block:
        self._close()
        self.current = Block(kind=kind, **kwargs)
        return self.current

    def _close(self) -> None:
        block, self.current = self.current, None
        if block is None:
            return
        _trim(block.runs)
        if block.runs or block.kind == RULE:
            self.blocks.append(block)

    def _paragraph_kind(self) -> str:
        return QUOTE if self.quote else PARAGRAPH

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "pre"):
            if self.cell is not None:
                return
            item = self.current
            if item is not None and item.kind == LIST_ITEM and not item.text.strip():
                item.runs.clear()
                return  # a loose list: the item's first paragraph is the item itself
            if self.lists:
                depth = len(self.lists)
                self._open(LIST_ITEM, level=depth, ordered=self.lists[-1].ordered)
            else:
                self._open(self._paragraph_kind())
            if tag == "pre":
                self.pre += 1
        elif tag in ("h3", "h4", "h5", "h6"):
            self._open(HEADING, level=int(tag[1]) - 2)
        elif tag in ("ul", "ol"):
            self._close()
            self.lists.append(_List(ordered=tag == "ol"))
        elif tag == "li":
            current = self.lists[-1] if self.lists else _List(ordered=False)
            current.count += 1
            self._open(
                LIST_ITEM,
                level=max(len(self.lists), 1),
                ordered=current.ordered,
                index=current.count if current.ordered else 1,
            )
        elif tag == "blockquote":
            self._close()
            self.quote += 1
        elif tag == "hr":
            self._open(RULE)
            self._close()
        elif tag == "table":
            self._close()
            self.table = Block(kind=TABLE)
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr" and self.table is not None:
            self.table.rows.append([])
            self.table.header_rows.append(self.in_head)
        elif tag in ("td", "th") and self.table is not None:
            self.cell = []
            if tag == "th":
                self.bold += 1
        elif tag == "strong":
            self.bold += 1
        elif tag == "em":
            self.italic += 1
        elif tag == "code":
            self.code += 1
        elif tag == "a":
            self.href = dict(attrs).get("href")
        elif tag == "br":
            self._add("\n")

    def handle_endtag(self, tag):
        if tag in ("p", "pre"):
            if tag == "pre":
                self.pre = max(self.pre - 1, 0)
            if self.cell is None:
                self._close()
        elif tag in ("h3", "h4", "h5", "h6", "li"):
            self._close()
        elif tag in ("ul", "ol"):
            self._close()
            if self.lists:
                self.lists.pop()
        elif tag == "blockquote":
            self._close()
            self.quote = max(self.quote - 1, 0)
        elif tag == "thead":
            self.in_head = False
        elif tag in ("td", "th") and self.table is not None and self.cell is not None:
            _trim(self.cell)
            self.table.rows[-1].append(self.cell)
            self.cell = None
            if tag == "th":
                self.bold -= 1
        elif tag == "table" and self.table is not None:
            self.blocks.append(self.table)
            self.table = None
        elif tag == "strong":
            self.bold -= 1
        elif tag == "em":
            self.italic -= 1
        elif tag == "code":
            self.code -= 1
        elif tag == "a":
            self.href = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    # --- text -----------------------------------------------------------------------------

    def handle_data(self, data):
        if self.table is not None and self.cell is None:
            return  # whitespace between rows and cells
        # Only preformatted code keeps its line breaks; HTML collapses every other whitespace.
        text = data if self.pre else _SPACE.sub(" ", data)
        if self.cell is None and self.current is None:
            if not text.strip():
                return
            self._open(LIST_ITEM if self.lists else self._paragraph_kind(), level=len(self.lists))
        self._add(text)

    def _add(self, text: str) -> None:
        runs = self.cell if self.cell is not None else self.current.runs if self.current else None
        if runs is None:
            return
        style = (self.bold > 0, self.italic > 0, self.code > 0, self.href)
        if runs and text != "\n":
            last = runs[-1]
            if (last.bold, last.italic, last.code, last.href) == style and last.text != "\n":
                last.text += text
                return
        runs.append(Run(text, *style))

    def close(self):
        super().close()
        self._close()
        if self.table is not None:
            self.blocks.append(self.table)
            self.table = None


def _trim(runs: list[Run]) -> None:
    """Drop the whitespace HTML ignores: at the start and end of a block, and around breaks."""
    while runs and not runs[0].text.strip() and runs[0].text != "\n":
        runs.pop(0)
    while runs and (not runs[-1].text.strip()):
        runs.pop()
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()
    for before, after in zip(runs, runs[1:], strict=False):
        if after.text == "\n":
            before.text = before.text.rstrip(" ")
        if before.text == "\n":
            after.text = after.text.lstrip(" ")


def markdown_blocks(text: str) -> list[Block]:
    parser = _BlockParser()
    parser.feed(str(render_markdown(text)))
    parser.close()
    return parser.blocks


def text_blocks(text: str) -> list[Block]:
    """Plain text (not Markdown) as paragraphs at blank lines, keeping its line breaks."""
    blocks = []
    for part in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        if not part.strip():
            continue
        runs: list[Run] = []
        for number, line in enumerate(part.split("\n")):
            if number:
                runs.append(Run("\n"))
            runs.append(Run(line))
        blocks.append(Block(kind=PARAGRAPH, runs=runs))
    return blocks
