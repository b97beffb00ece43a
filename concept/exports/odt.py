"""The concept and the synopsis as OpenDocument text (odfpy), for clerks to edit into a council
paper: outline headings with the section numbers, real lists, tables with repeated header rows
and a table of contents that LibreOffice updates with page numbers."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override
from odf import dc, teletype
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    Footer,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
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
    ListLevelStyleBullet,
    ListLevelStyleNumber,
    ListStyle,
    P,
    PageCount,
    PageNumber,
    Span,
    TableOfContent,
    TableOfContentEntryTemplate,
    TableOfContentSource,
)

from concept.exports.content import version_content
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
from concept.exports.synopsis_table import synopsis_content, text_field_blocks
from concept.models import ConceptVersion

FONT = "Arial"
MAX_HEADING = 6


class _Writer:
    """One document with its styles; the helpers below write into `self.text`."""

    def __init__(self, *, title: str, author: str, subject: str, landscape: bool = False):
        self.doc = OpenDocumentText()
        self.text = self.doc.text
        self._text_styles: dict[tuple[bool, bool, bool], Style] = {}
        self._column_styles: dict[float, Style] = {}
        self._tables = 0
        self.page_width = 29.7 if landscape else 21.0
        self._metadata(title=title, author=author, subject=subject)
        self._styles()
        self._page(landscape=landscape)

    # --- styles ---------------------------------------------------------------------------

    def _metadata(self, *, title: str, author: str, subject: str) -> None:
        self.doc.meta.addElement(dc.Title(text=title))
        self.doc.meta.addElement(dc.Subject(text=subject))
        self.doc.meta.addElement(dc.Creator(text=author))
        self.doc.meta.addElement(dc.Language(text="de-DE"))

    def _paragraph_style(
        self,
        name: str,
        display: str,
        *,
        parent: str | None = None,
        text: dict | None = None,
        paragraph: dict | None = None,
        **attributes,
    ) -> Style:
        style = Style(name=name, displayname=display, family="paragraph", **attributes)
        if parent:
            style.setAttribute("parentstylename", parent)
        if paragraph:
            style.addElement(ParagraphProperties(**paragraph))
        if text:
            style.addElement(TextProperties(**text))
        self.doc.styles.addElement(style)
        return style

    def _styles(self) -> None:
        self.doc.fontfacedecls.addElement(
            FontFace(name=FONT, fontfamily=FONT, fontfamilygeneric="swiss", fontpitch="variable")
        )
        self.doc.fontfacedecls.addElement(
            FontFace(
                name="Courier New",
                fontfamily="'Courier New'",
                fontfamilygeneric="modern",
                fontpitch="fixed",
            )
        )
        default = DefaultStyle(family="paragraph")
        default.addElement(
            TextProperties(
                fontname=FONT, fontsize="10.5pt", language="de", country="DE", hyphenate="true"
            )
        )
        self.doc.styles.addElement(default)
        self._paragraph_style("Standard", "Standard", **{"class": "text"})
        self.body = self._paragraph_style(
            "Text_20_body",
            "Text body",
            parent="Standard",
            paragraph={"marginbottom": "0.2cm", "margintop": "0cm"},
        )
        self._paragraph_style(
            "Heading",
            "Heading",
            parent="Standard",
            nextstylename="Text_20_body",
            paragraph={"margintop": "0.45cm", "marginbottom": "0.2cm", "keepwithnext": "always"},
            text={"fontname": FONT, "fontweight": "bold"},
        )
        sizes = {1: "15pt", 2: "12.5pt", 3: "11pt", 4: "10.5pt", 5: "10.5pt", 6: "10.5pt"}
        self.headings = {
            level: self._paragraph_style(
                f"Heading_20_{level}",
                f"Heading {level}",
                parent="Heading",
                defaultoutlinelevel=str(level),
                text={"fontsize": sizes[level]},
            )
            for level in range(1, MAX_HEADING + 1)
        }
        self.title = self._paragraph_style(
            "Title",
            "Title",
            parent="Heading",
            text={"fontsize": "24pt"},
            paragraph={"margintop": "3cm"},
        )
        self.subtitle = self._paragraph_style(
            "Subtitle",
            "Subtitle",
            parent="Heading",
            text={"fontsize": "14pt", "fontweight": "normal"},
        )
        self.quote = self._paragraph_style(
            "Quotations",
            "Quotations",
            parent="Standard",
            paragraph={
                "marginleft": "0.8cm",
                "marginbottom": "0.2cm",
                "borderleft": "1.5pt solid #777777",
                "padding": "0.15cm",
            },
        )
        self.box = self._paragraph_style(
            "Easy_20_Language",
            "Easy Language",
            parent="Standard",
            paragraph={"backgroundcolor": "#eeeeee", "padding": "0.15cm", "marginbottom": "0.1cm"},
        )
        self.list_paragraph = self._paragraph_style(
            "List_20_Contents",
            "List Contents",
            parent="Standard",
            paragraph={"marginbottom": "0.1cm"},
        )
        self.table_contents = self._paragraph_style(
            "Table_20_Contents", "Table Contents", parent="Standard", text={"fontsize": "9pt"}
        )
        self.table_heading = self._paragraph_style(
            "Table_20_Heading",
            "Table Heading",
            parent="Table_20_Contents",
            text={"fontweight": "bold"},
        )
        self.footer_style = self._paragraph_style(
            "Footer", "Footer", parent="Standard", text={"fontsize": "8pt", "color": "#444444"}
        )
        self.contents_heading = self._paragraph_style(
            "Contents_20_Heading", "Contents Heading", parent="Heading", text={"fontsize": "15pt"}
        )
        self.contents = {
            level: self._paragraph_style(
                f"Contents_20_{level}",
                f"Contents {level}",
                parent="Standard",
                paragraph={"marginleft": f"{0.6 * (level - 1):.1f}cm", "marginbottom": "0.08cm"},
                text={"fontweight": "bold"} if level == 1 else None,
            )
            for level in range(1, 4)
        }
        self.bullets = self._list_style("List_20_Bullet", "List Bullet", ordered=False)
        self.numbers = self._list_style("Numbering_20_123", "Numbering 123", ordered=True)
        self.break_before = Style(
            name="P_break", family="paragraph", parentstylename="Heading_20_1"
        )
        self.break_before.addElement(ParagraphProperties(breakbefore="page"))
        self.doc.automaticstyles.addElement(self.break_before)
        self.table_style = Style(name="Table_auto", family="table")
        self.table_style.addElement(
            TableProperties(width=f"{self.page_width - 4.4:.1f}cm", align="margins")
        )
        self.doc.automaticstyles.addElement(self.table_style)
        self.cell_style = Style(name="Cell_auto", family="table-cell")
        self.cell_style.addElement(
            TableCellProperties(border="0.5pt solid #888888", padding="0.1cm")
        )
        self.doc.automaticstyles.addElement(self.cell_style)

    def _list_style(self, name: str, display: str, *, ordered: bool) -> ListStyle:
        style = ListStyle(name=name, displayname=display)
        for level in range(1, 4):
            if ordered:
                level_style = ListLevelStyleNumber(level=level, numformat="1", numsuffix=".")
            else:
                level_style = ListLevelStyleBullet(level=level, bulletchar="•–◦"[level - 1])
            level_style.addElement(
                ListLevelProperties(spacebefore=f"{0.6 * (level - 1):.1f}cm", minlabelwidth="0.6cm")
            )
            style.addElement(level_style)
        self.doc.styles.addElement(style)
        return style

    def _page(self, *, landscape: bool) -> None:
        layout = PageLayout(name="Page_layout")
        width, height = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
        margin = "1.8cm" if landscape else "2.2cm"
        layout.addElement(
            PageLayoutProperties(
                pagewidth=width,
                pageheight=height,
                printorientation="landscape" if landscape else "portrait",
                margintop="2cm",
                marginbottom="1.5cm",
                marginleft=margin,
                marginright=margin,
            )
        )
        self.doc.automaticstyles.addElement(layout)
        self.master = MasterPage(name="Standard", pagelayoutname=layout)
        self.doc.masterstyles.addElement(self.master)

    def text_style(self, run: Run) -> Style | None:
        key = (run.bold, run.italic, run.code)
        if not any(key):
            return None
        if key not in self._text_styles:
            properties = {}
            if run.bold:
                properties["fontweight"] = "bold"
            if run.italic:
                properties["fontstyle"] = "italic"
            if run.code:
                properties["fontname"] = "Courier New"
            style = Style(name=f"T{len(self._text_styles) + 1}", family="text")
            style.addElement(TextProperties(**properties))
            self.doc.automaticstyles.addElement(style)
            self._text_styles[key] = style
        return self._text_styles[key]

    def column_style(self, width: float) -> Style:
        if width not in self._column_styles:
            style = Style(name=f"Col{len(self._column_styles) + 1}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width:.2f}cm"))
            self.doc.automaticstyles.addElement(style)
            self._column_styles[width] = style
        return self._column_styles[width]

    # --- content --------------------------------------------------------------------------

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
        texts = [["".join(run.text for run in cell) for cell in row] for row in block.rows]
        pairs = list(zip(texts, block.header_rows, strict=True))
        headers = next((row for row, is_header in pairs if is_header), [])
        self.table(headers, block.widths, [row for row, is_header in pairs if not is_header])

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


# --- the concept ------------------------------------------------------------------------------


def _title_page(writer: _Writer, content: dict[str, Any]) -> None:
    concept, version, meta = content["concept"], content["version"], content["meta"]
    writer.paragraph(concept["municipality"].upper())
    writer.paragraph(concept["title"], style=writer.title)
    subtitle = _("Version %(number)s") % {"number": version["number"]}
    if version.get("title"):
        subtitle = f"{subtitle}: {version['title']}"
    writer.paragraph(subtitle, style=writer.subtitle)
    if content["is_example"]:
        writer.blocks(
            [
                Block(
                    kind="paragraph",
                    runs=[
                        Run(_("Beispielinhalt"), bold=True),
                        Run(
                            ": "
                            + _(
                                "Diese Fassung enthält erfundenen Beispieltext. Er zeigt, wie "
                                "das Konzept im Portal erscheint, und ist nicht der beschlossene "
                                "Text der Stadt."
                            )
                        ),
                    ],
                )
            ],
            style=writer.box,
        )
    facts = [
        (_("Status"), meta["status_label"]),
        (_("Status seit"), meta["status_changed_at"]),
        (_("Beteiligung bis"), meta["consultation_ends_at"]),
        (_("Eingefroren am"), meta["frozen_at"]),
        (_("Drucksache"), meta["council_paper_reference"]),
        (_("Prüfsumme (SHA-256)"), meta["checksum"]),
        (_("Moderiert durch"), concept.get("moderated_by", "")),
        (_("Gefördert durch"), concept.get("funded_by", "")),
    ]
    for label, value in facts:
        if value:
            writer.blocks(
                [Block(kind="paragraph", runs=[Run(f"{label}: ", bold=True), Run(value)])]
            )
    writer.heading(_("Beratungsfolge"), 1)
    if meta["milestones"]:
        writer.table(
            [_("Datum"), _("Schritt"), _("Gremium"), _("Ergebnis"), _("Drucksache")],
            [2.8, 5.5, 3.6, 2.4, 2.3],
            [
                [
                    m["date_label"],
                    m["title"],
                    m["body"] or "–",
                    m["outcome_label"] or "–",
                    m["council_paper_reference"] or "–",
                ]
                for m in meta["milestones"]
            ],
        )
    else:
        writer.paragraph(_("Für diese Version sind noch keine Beratungsschritte erfasst."))


def version_odt(version: ConceptVersion) -> bytes:
    content = version_content(version)
    concept, meta = content["concept"], content["meta"]
    with override("de"):
        writer = _Writer(
            title=f"{concept['title']} – {_('Version')} {content['version']['number']}",
            author=concept["municipality"],
            subject=meta["footer"],
        )
        writer.footer(meta["footer"])
        _title_page(writer, content)
        writer.table_of_contents(
            [(s["level"], f"{s['number']} {s['title']}") for s in content["sections"]]
        )
        first = True
        for section in content["sections"]:
            writer.heading(
                f"{section['number']} {section['title']}", section["level"], page_break=first
            )
            first = False
            writer.blocks(markdown_blocks(section["body"]), heading_base=section["level"])
            if section["easy_language_summary"]:
                writer.paragraph(_("In Leichter Sprache"), style=writer.box)
                writer.blocks(markdown_blocks(section["easy_language_summary"]), style=writer.box)
            writer.blocks(section["notes"], heading_base=section["level"])
        for annex in content["annexes"]:
            writer.heading(annex.title, 1, page_break=True)
            writer.blocks(annex.blocks, heading_base=1)
        return writer.save()


# --- the synopsis -----------------------------------------------------------------------------


def synopsis_odt(synopsis: dict[str, Any], section_bodies: dict[str, str] | None = None) -> bytes:
    content = synopsis_content(synopsis, section_bodies)
    with override("de"):
        writer = _Writer(
            title=f"{content['title']} – {content['concept']['title']}",
            author=content["concept"]["municipality"],
            subject=content["footer"],
            landscape=True,
        )
        writer.footer(content["footer"])
        writer.heading(content["title"], 1)
        writer.paragraph(
            f"{content['concept']['title']} · {content['version_label']} · "
            f"{content['version']['status_label']}"
        )
        writer.paragraph(content["summary"])
        if not content["sections"]:
            return writer.save()

        def texts(row: dict[str, Any], name: str):
            def fill(cell):
                blocks = text_field_blocks(row, name)
                writer.blocks(blocks, container=cell, style=writer.table_contents)

            return fill

        def proposer(row: dict[str, Any]):
            def fill(cell):
                writer.paragraph(row["proposer"], style=writer.table_contents, container=cell)
                writer.blocks(
                    [Block(kind="paragraph", runs=[Run(row["proposal_label"], italic=True)])],
                    container=cell,
                    style=writer.table_contents,
                )

            return fill

        rows = [
            [
                section["label"],
                proposer(row),
                texts(row, "previous_text"),
                texts(row, "proposed_text"),
                texts(row, "adopted_text"),
                row["decision"],
                texts(row, "reasoning"),
            ]
            for section in content["sections"]
            for row in section["rows"]
        ]
        writer.table(content["columns"], [3.0, 3.0, 4.6, 4.6, 4.6, 2.9, 3.4], rows)
        return writer.save()
