"""Writing into an OpenDocument text: paragraphs and headings, the Markdown blocks with nested
lists, tables with a header row repeated on every page, the table of contents and the footer."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from odf import teletype
from odf.style import Footer, Style
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import (
    A,
    H,
    IndexBody,
    IndexEntryPageNumber,
    IndexEntryTabStop,
    IndexEntryText,
    IndexTitle,
    IndexTitleTemplate,
    LineBreak,
    List,
    ListItem,
    P,
    PageCount,
    PageNumber,
    Span,
    TableOfContent,
    TableOfContentEntryTemplate,
    TableOfContentSource,
)

from concept.exports.markdown_blocks import (
    HEADING,
    LIST_ITEM,
    MARKDOWN,
    QUOTE,
    RULE,
    TABLE,
    Block,
    Run,
    markdown_blocks,
)
from concept.exports.odt_styles import MAX_HEADING, StyledDocument


class OdtWriter(StyledDocument):
    """One document with its styles; the helpers write into `self.text` (or a table cell)."""

    def __init__(self, *, title: str, author: str, subject: str, landscape: bool = False):
        super().__init__(title=title, author=author, subject=subject, landscape=landscape)
        self._tables = 0

    def footer(self, label: str) -> None:
        footer = Footer()
        paragraph = P(stylename=self.footer_style)
        teletype.addTextToElement(paragraph, f"{label} · {_('Seite')} ")
        paragraph.addElement(PageNumber(selectpage="current", text="1"))
        teletype.addTextToElement(paragraph, f" {_('von')} ")
        paragraph.addElement(PageCount(text="1"))
        footer.addElement(paragraph)
        self.master.addElement(footer)

    def runs(self, element, runs: list[Run]) -> None:
        for run in runs:
            if run.text == "\n":
                element.addElement(LineBreak())
                continue
            target = element
            if run.href and run.href.startswith(("http://", "https://", "mailto:")):
                target = A(href=run.href, type="simple")
                element.addElement(target)
            style = self.text_style(run)
            if style is not None:
                span = Span(stylename=style)
                target.addElement(span)
                target = span
            teletype.addTextToElement(target, run.text)

    def paragraph(self, text: str = "", *, style: Style | None = None, container=None) -> P:
        paragraph = P(stylename=style or self.body)
        if text:
            teletype.addTextToElement(paragraph, text)
        (container if container is not None else self.text).addElement(paragraph)
        return paragraph

    def heading(self, text: str, level: int, *, page_break: bool = False) -> H:
        level = max(1, min(level, MAX_HEADING))
        style = self.break_before if page_break and level == 1 else self.headings[level]
        heading = H(outlinelevel=level, stylename=style)
        teletype.addTextToElement(heading, text)
        self.text.addElement(heading)
        return heading

    def blocks(
        self,
        blocks: list[Block],
        *,
        heading_base: int = 0,
        container=None,
        style: Style | None = None,
    ) -> None:
        """Markdown blocks into the body (or a table cell), lists nested as in the text."""
        target = container if container is not None else self.text
        lists: list[dict[str, Any]] = []
        for block in blocks:
            if block.kind != LIST_ITEM:
                lists.clear()
            if block.kind == LIST_ITEM:
                self._list_item(target, lists, block)
            elif block.kind == MARKDOWN:
                self.blocks(
                    markdown_blocks(block.source),
                    heading_base=heading_base + block.level,
                    container=container,
                    style=style,
                )
            elif block.kind == TABLE and block.widths:
                self._contributed_table(block, heading_base=heading_base)
            elif block.kind == TABLE:
                self._markdown_table(target, block)
            elif block.kind == HEADING and container is None:
                heading = H(
                    outlinelevel=min(heading_base + block.level, MAX_HEADING),
                    stylename=self.headings[min(heading_base + block.level, MAX_HEADING)],
                )
                self.runs(heading, block.runs)
                target.addElement(heading)
            elif block.kind == RULE:
                self.paragraph("⁂", container=target)
            else:
                paragraph = P(stylename=self.quote if block.kind == QUOTE else style or self.body)
                runs = block.runs
                if block.kind == HEADING:
                    runs = [Run(r.text, bold=True) for r in runs]
                self.runs(paragraph, runs)
                target.addElement(paragraph)

    def _list_item(self, target, lists: list[dict[str, Any]], block: Block) -> None:
        depth = max(block.level, 1)
        while len(lists) > depth:
            lists.pop()
        if len(lists) == depth and block.index and lists[-1]["ordered"] != block.ordered:
            lists.pop()
        while len(lists) < depth:
            ordered = block.ordered if len(lists) + 1 == depth else False
            new_list = List(stylename=self.numbers if ordered else self.bullets)
            if lists:
                parent = lists[-1]
                if parent["item"] is None:
                    parent["item"] = ListItem()
                    parent["list"].addElement(parent["item"])
                parent["item"].addElement(new_list)
            else:
                target.addElement(new_list)
            lists.append({"list": new_list, "ordered": ordered, "item": None})
        current = lists[-1]
        if block.index == 0 and current["item"] is not None:
            item = current["item"]
        else:
            item = ListItem()
            current["list"].addElement(item)
            current["item"] = item
        paragraph = P(stylename=self.list_paragraph)
        self.runs(paragraph, block.runs)
        item.addElement(paragraph)

    def table(
        self, headers: list[str], widths: list[float], rows: list[list[Any]], container=None
    ) -> Table:
        """A table with a header row repeated on every page; a cell is a string or a callable
        that fills the TableCell."""
        self._tables += 1
        table = Table(name=f"Tabelle{self._tables}", stylename=self.table_style)
        for width in widths:
            table.addElement(TableColumn(stylename=self.column_style(width)))
        header_rows = TableHeaderRows()
        header = TableRow()
        for text in headers:
            cell = TableCell(valuetype="string", stylename=self.cell_style)
            self.paragraph(text, style=self.table_heading, container=cell)
            header.addElement(cell)
        header_rows.addElement(header)
        table.addElement(header_rows)
        for values in rows:
            row = TableRow()
            for value in values:
                cell = TableCell(valuetype="string", stylename=self.cell_style)
                if callable(value):
                    value(cell)
                else:
                    self.paragraph(value, style=self.table_contents, container=cell)
                row.addElement(cell)
            table.addElement(row)
        (container if container is not None else self.text).addElement(table)
        return table

    def _contributed_table(self, block: Block, *, heading_base: int) -> None:
        """A table a contributor handed over: its caption as a heading, plain text cells."""
        if block.caption:
            self.heading(block.caption, heading_base + block.level)
        headers, rows = block.table_texts()
        self.table(headers, block.widths, rows)

    def _markdown_table(self, target, block: Block) -> None:
        columns = max((len(row) for row in block.rows), default=0)
        if not columns:
            return
        self._tables += 1
        table = Table(name=f"Tabelle{self._tables}", stylename=self.table_style)
        table.addElement(TableColumn(numbercolumnsrepeated=columns))
        for row_runs in block.rows:
            row = TableRow()
            for runs in row_runs + [[]] * (columns - len(row_runs)):
                cell = TableCell(valuetype="string", stylename=self.cell_style)
                paragraph = P(stylename=self.table_contents)
                self.runs(paragraph, runs)
                cell.addElement(paragraph)
                row.addElement(cell)
            table.addElement(row)
        target.addElement(table)

    def table_of_contents(self, entries: list[tuple[int, str]]) -> None:
        """A LibreOffice index over the outline; the entries are written now, the page numbers
        come with the first update (Extras > Verzeichnisse aktualisieren)."""
        toc = TableOfContent(name=_("Inhaltsverzeichnis"), protected="true")
        source = TableOfContentSource(outlinelevel="3")
        title_template = IndexTitleTemplate(stylename=self.contents_heading)
        teletype.addTextToElement(title_template, _("Inhalt"))
        source.addElement(title_template)
        for level in range(1, 4):
            template = TableOfContentEntryTemplate(
                outlinelevel=level, stylename=self.contents[level]
            )
            template.addElement(IndexEntryText())
            template.addElement(IndexEntryTabStop(type="right", leaderchar="."))
            template.addElement(IndexEntryPageNumber())
            source.addElement(template)
        toc.addElement(source)
        body = IndexBody()
        index_title = IndexTitle(name=_("Inhaltsverzeichnis") + "_Head")
        self.paragraph(_("Inhalt"), style=self.contents_heading, container=index_title)
        body.addElement(index_title)
        for level, text in entries:
            self.paragraph(text, style=self.contents[min(level, 3)], container=body)
        toc.addElement(body)
        self.text.addElement(toc)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.write(buffer)
        return buffer.getvalue()
