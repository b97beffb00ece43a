"""The concept and the synopsis as Word documents (python-docx), for clerks to edit into a
council paper: real heading styles, the section numbers in the headings, tables with header
rows that repeat on every page, and a table of contents field Word fills in on opening."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

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
from concept.exports.meta import (
    BERATUNGSFOLGE_WIDTHS,
    beratungsfolge_cells,
    beratungsfolge_headers,
    version_facts,
)
from concept.exports.synopsis_table import TEXT_FIELDS, synopsis_content, text_field_blocks
from concept.models import ConceptVersion

FONT = "Arial"
MAX_HEADING = 9


# --- low-level helpers ------------------------------------------------------------------------


def _new_document(*, title: str, author: str, subject: str, landscape: bool = False):
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "de-DE")
    rpr.append(language)
    for level in range(1, 4):
        document.styles[f"Heading {level}"].font.name = FONT
    document.styles["Title"].font.name = FONT
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.subject = subject
    properties.language = "de-DE"
    properties.comments = ""
    properties.keywords = "Integrationskonzept"
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    margin = Cm(1.8) if landscape else Cm(2.2)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = Cm(2)
    # Word asks to update the fields (table of contents, page count) when the file is opened.
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    return document


def _paragraph(container, text: str = "", style: str | None = None):
    """`add_paragraph` with the style set by its id (the built-in styles' names without
    spaces): python-docx would search every style by name on each call, which dominates the
    time of a long document."""
    paragraph = container.add_paragraph(text)
    if style:
        paragraph._p.style = style.replace(" ", "")
    return paragraph


def _heading(document, text: str, level: int):
    return _paragraph(document, text, f"Heading {min(max(level, 1), MAX_HEADING)}")


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, NUMPAGES, TOC, ...) with `placeholder` as its last result."""

    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _footer(document, text: str) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style.font.size = Pt(8)
    paragraph.add_run(f"{text} · {_('Seite')} ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(f" {_('von')} ")
    _field(paragraph, "NUMPAGES", "1")


def _hyperlink(paragraph, url: str, text: str, run: Run) -> None:
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    new_run = paragraph.add_run(text)
    _format(new_run, run)
    new_run.font.underline = True
    link.append(new_run._r)
    paragraph._p.append(link)


def _format(target, run: Run) -> None:
    target.bold = run.bold or None
    target.italic = run.italic or None
    if run.code:
        target.font.name = "Courier New"


def _add_runs(paragraph, runs: list[Run]) -> None:
    for run in runs:
        if run.text == "\n":
            paragraph.add_run().add_break(WD_BREAK.LINE)
        elif run.href and run.href.startswith(("http://", "https://", "mailto:")):
            _hyperlink(paragraph, run.href, run.text, run)
        else:
            _format(paragraph.add_run(run.text), run)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _grid(table) -> None:
    table._tbl.tblPr.style = "TableGrid"


def _table(document, headers: list[str], widths: list[float] | None = None):
    """A grid table whose first row is a header repeated on every page; fixed column widths
    (Word and LibreOffice take them from the table grid)."""
    table = document.add_table(rows=1, cols=len(headers))
    _grid(table)
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    _repeat_header(table.rows[0])
    if widths:
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
    return table


def _row(table, values: list[str]):
    cells = table.add_row().cells
    for cell, value in zip(cells, values, strict=True):
        cell.text = value
    return cells


def add_blocks(container, blocks: list[Block], *, heading_base: int = 0) -> None:
    """Markdown blocks into `container` (the document or a table cell)."""
    in_cell = not hasattr(container, "add_heading")
    first_cell_paragraph = container.paragraphs[0] if in_cell and container.paragraphs else None
    for block in blocks:
        if block.kind == TABLE:
            if block.widths:
                _contributed_table(container, block, heading_base=heading_base)
            else:
                _markdown_table(container, block)
            continue
        if block.kind == MARKDOWN:
            add_blocks(
                container, markdown_blocks(block.source), heading_base=heading_base + block.level
            )
            continue
        style = None
        prefix = ""
        if block.kind == HEADING and not in_cell:
            style = f"Heading {min(heading_base + block.level, MAX_HEADING)}"
        elif block.kind == LIST_ITEM:
            depth = min(block.level, 3)
            suffix = "" if depth == 1 else f" {depth}"
            if block.index == 0:
                style = f"List Continue{suffix}"
            elif block.ordered:
                style = f"List{suffix}"
                prefix = f"{block.index}. "
            else:
                style = f"List Bullet{suffix}"
        elif block.kind == QUOTE:
            style = "Quote"
        elif block.kind == RULE:
            block = Block(kind=RULE, runs=[Run("⁂")])
        if first_cell_paragraph is not None:
            paragraph, first_cell_paragraph = first_cell_paragraph, None
            if style:
                paragraph._p.style = style.replace(" ", "")
        else:
            paragraph = _paragraph(container, style=style)
        if prefix:
            paragraph.add_run(prefix)
        if block.kind == HEADING and in_cell:
            block = Block(kind=HEADING, runs=[Run(r.text, bold=True) for r in block.runs])
        _add_runs(paragraph, block.runs)


def _markdown_table(container, block: Block) -> None:
    columns = max((len(row) for row in block.rows), default=0)
    if not columns:
        return
    table = container.add_table(rows=0, cols=columns)
    _grid(table)
    for row, is_header in zip(block.rows, block.header_rows, strict=True):
        new_row = table.add_row()
        if is_header:
            _repeat_header(new_row)
        for cell, runs in zip(new_row.cells, row, strict=False):
            _add_runs(cell.paragraphs[0], runs)


def _contributed_table(container, block: Block, *, heading_base: int) -> None:
    """A table a contributor handed over: its caption as a heading, a header row repeated on
    every page, plain text cells."""
    if block.caption:
        _heading(container, block.caption, min(heading_base + block.level, MAX_HEADING))
    headers, rows = block.table_texts()
    table = _table(container, headers, block.widths)
    for row in rows:
        _row(table, row)


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the concept ------------------------------------------------------------------------------


def _title_page(document, content: dict[str, Any]) -> None:
    concept, version, meta = content["concept"], content["version"], content["meta"]
    _paragraph(document, concept["municipality"].upper())
    _paragraph(document, concept["title"], "Title")
    subtitle = _("Version %(number)s") % {"number": version["number"]}
    if version.get("title"):
        subtitle = f"{subtitle}: {version['title']}"
    _paragraph(document, subtitle, "Subtitle")
    if resolution := content.get("resolution"):
        _paragraph(document, resolution["title"], "Heading 1")
        add_blocks(document, resolution["blocks"])
    if content["is_example"]:
        note = _paragraph(document, style="Intense Quote")
        note.add_run(_("Beispielinhalt")).bold = True
        note.add_run(
            ": "
            + _(
                "Diese Fassung enthält erfundenen Beispieltext. Er zeigt, wie das Konzept im "
                "Portal erscheint, und ist nicht der beschlossene Text der Stadt."
            )
        )
    facts = [
        *version_facts(meta),
        (_("Moderiert durch"), concept.get("moderated_by", "")),
        (_("Gefördert durch"), concept.get("funded_by", "")),
    ]
    table = document.add_table(rows=0, cols=2)
    for label, value in facts:
        if value:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].text = value
            cells[0].width, cells[1].width = Cm(4), Cm(12.5)
    _beratungsfolge(document, meta)


def _beratungsfolge(document, meta: dict[str, Any]) -> None:
    """Planned and held Beratungen alike; parallel steps say so in the step column."""
    _heading(document, _("Beratungsfolge"), 1)
    if not meta["beratungsfolge"]:
        _paragraph(document, _("Für diese Version sind noch keine Beratungsschritte erfasst."))
        return
    table = _table(document, beratungsfolge_headers(), BERATUNGSFOLGE_WIDTHS)
    for cells in beratungsfolge_cells(meta):
        _row(table, cells)


def _table_of_contents(document, content: dict[str, Any]) -> None:
    _paragraph(document, _("Inhalt"), "TOC Heading")
    entries = [f"{s['number']} {s['title']}" for s in content["sections"]]
    paragraph = _paragraph(document)
    # The entries written now stand until Word updates the field (it asks when opening).
    _field(paragraph, 'TOC \\o "1-3" \\h \\z \\u', "\n".join(entries))


def version_docx(version: ConceptVersion, *, resolution: dict[str, Any] | None = None) -> bytes:
    """The concept; with `resolution` (`exports.resolution`) the beschlossene Fassung."""
    content = {**version_content(version), "resolution": resolution}
    concept, meta = content["concept"], content["meta"]
    with override("de"):
        document = _new_document(
            title=f"{concept['title']} – {_('Version')} {content['version']['number']}",
            author=concept["municipality"],
            subject=meta["footer"],
        )
        _footer(document, meta["footer"])
        _title_page(document, content)
        document.add_page_break()
        _table_of_contents(document, content)
        document.add_page_break()
        for section in content["sections"]:
            level = min(section["level"], MAX_HEADING)
            _heading(document, f"{section['number']} {section['title']}", level)
            add_blocks(document, markdown_blocks(section["body"]), heading_base=level)
            if section["easy_language_summary"]:
                box = _paragraph(document, style="Intense Quote")
                box.add_run(_("In Leichter Sprache")).bold = True
                add_blocks(document, markdown_blocks(section["easy_language_summary"]))
            add_blocks(document, section["notes"], heading_base=level)
        for annex in content["annexes"]:
            document.add_page_break()
            _heading(document, annex.title, 1)
            add_blocks(document, annex.blocks, heading_base=1)
        return _save(document)


# --- the synopsis -----------------------------------------------------------------------------


def synopsis_docx(synopsis: dict[str, Any], section_bodies: dict[str, str] | None = None) -> bytes:
    content = synopsis_content(synopsis, section_bodies)
    with override("de"):
        document = _new_document(
            title=f"{content['title']} – {content['concept']['title']}",
            author=content["concept"]["municipality"],
            subject=content["footer"],
            landscape=True,
        )
        _footer(document, content["footer"])
        _heading(document, content["title"], 1)
        _paragraph(
            document,
            f"{content['concept']['title']} · {content['version_label']} · "
            f"{content['version']['status_label']}",
        )
        _paragraph(document, content["summary"])
        if not content["sections"]:
            return _save(document)
        widths = [3.0, 3.0, 4.6, 4.6, 4.6, 2.9, 3.4]
        table = _table(document, content["columns"], widths)
        for section in content["sections"]:
            for row in section["rows"]:
                cells = _row(table, [section["label"], "", "", "", "", row["decision"], ""])
                cells[1].paragraphs[0].add_run(row["proposer"])
                cells[1].add_paragraph(row["proposal_label"]).runs[0].italic = True
                for cell, name in zip(
                    (cells[2], cells[3], cells[4], cells[6]), TEXT_FIELDS, strict=True
                ):
                    add_blocks(cell, text_field_blocks(row, name))
        return _save(document)
