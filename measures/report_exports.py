"""The implementation report as PDF (WeasyPrint, with the status chart as SVG), DOCX and ODT
(the chart as its table), rendered from an edition's stored content only.

DOCX and ODT are written from the format-neutral blocks the concept's exports use
(`concept.exports.markdown_blocks`), so headings, tables and lists look like the concept's.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from concept.exports.markdown_blocks import HEADING, PARAGRAPH, TABLE, Block, Run
from concept.exports.pdf import _render as render_print_html
from concept.exports.pdf import css_string, write_pdf
from measures.models import ImplementationReport
from measures.report import summary_sentences
from measures.report_chart import status_chart_svg

MEASURE_WIDTHS = [1.2, 4.3, 2.6, 5.5, 3.4]


def _footer(report: ImplementationReport) -> str:
    issued = date_format(localtime(report.issued_at), "DATE_FORMAT")
    return _("%(title)s · herausgegeben am %(day)s") % {"title": report.title, "day": issued}


def update_text(update: dict[str, Any]) -> str:
    """One update in one line: date, status, note, who reported it, indicator values."""
    text = f"{update['date_label']}: {update['status_label']}"
    if update["note"]:
        text += f" – {update['note']}"
    if update["reported_for"]:
        text += " " + _("(gemeldet für %(organisation)s)") % {
            "organisation": update["reported_for"]
        }
    for value in update["values"]:
        text += "; " + indicator_text(
            value["indicator"], value["value"], value["target"], value["unit"]
        )
    return text


def indicator_text(name: str, value: str, target: str, unit: str) -> str:
    if not value:
        return _("%(name)s: noch kein Wert (Ziel %(target)s %(unit)s)") % {
            "name": name,
            "target": target,
            "unit": unit,
        }
    return _("%(name)s: %(value)s von %(target)s %(unit)s") % {
        "name": name,
        "value": value,
        "target": target,
        "unit": unit,
    }


def measure_cells(measure: dict[str, Any], content: dict[str, Any]) -> list[str]:
    updates = "\n".join(update_text(u) for u in measure["updates"]) or _("keine Meldung")
    indicators = "\n".join(
        indicator_text(i["name"], i["value"], i["target"], i["unit"]) for i in measure["indicators"]
    )
    return [str(measure["number"]), measure["title"], measure["status_label"], updates, indicators]


def _cells(texts: list[str]) -> list[list[Run]]:
    return [[Run(text)] for text in texts]


def _table(headers: list[str], rows: list[list[str]], widths: list[float]) -> Block:
    return Block(
        kind=TABLE,
        rows=[_cells(headers), *(_cells(row) for row in rows)],
        header_rows=[True] + [False] * len(rows),
        widths=widths,
    )


def measure_headers(content: dict[str, Any]) -> list[str]:
    return [
        _("Nr."),
        _("Maßnahme"),
        _("Stand am %(day)s") % {"day": content["year_end_label"]},
        _("Meldungen %(year)s") % {"year": content["year"]},
        _("Indikatoren am Jahresende"),
    ]


def report_blocks(report: ImplementationReport) -> list[Block]:
    """The whole report in blocks, headings from level 1."""
    content = report.data
    blocks: list[Block] = []
    if report.edition:
        blocks.append(Block(kind=HEADING, level=1, runs=[Run(_("Berichtigung"))]))
        blocks.append(Block(kind=PARAGRAPH, runs=[Run(report.correction_note)]))
        if content["changes"]:
            numbers = ", ".join(str(n) for n in content["changes"])
            blocks.append(
                Block(
                    kind=PARAGRAPH,
                    runs=[Run(_("Geänderte Maßnahmen: %(numbers)s") % {"numbers": numbers})],
                )
            )
    blocks.append(Block(kind=HEADING, level=1, runs=[Run(_("Zusammenfassung"))]))
    blocks += [Block(kind=PARAGRAPH, runs=[Run(s)]) for s in summary_sentences(content)]
    blocks.append(
        _table(
            [_("Umsetzungsstand"), _("Maßnahmen")],
            [[row["label"], str(row["count"])] for row in content["summary"]["status"]],
            [8.0, 3.0],
        )
    )
    for group in content["groups"]:
        blocks.append(Block(kind=HEADING, level=1, runs=[Run(group["name"])]))
        for goal in group["goals"]:
            title = f"{goal['code']} {goal['title']}".strip()
            blocks.append(Block(kind=HEADING, level=2, runs=[Run(title)]))
            rows = [measure_cells(m, content) for m in goal["measures"]]
            blocks.append(_table(measure_headers(content), rows, MEASURE_WIDTHS))
    return blocks


def _intro(report: ImplementationReport) -> list[str]:
    content = report.data
    return [
        content["concept"]["municipality"],
        content["concept"]["title"],
        _("Berichtszeitraum: 1. Januar bis %(day)s") % {"day": content["year_end_label"]},
    ]


def report_docx(report: ImplementationReport) -> bytes:
    from docx import Document

    from concept.exports.docx import add_blocks

    content = report.data
    document = Document()
    properties = document.core_properties
    properties.title = report.title
    properties.author = content["concept"]["municipality"]
    properties.language = "de-DE"
    document.add_heading(report.title, 0)
    for line in _intro(report):
        document.add_paragraph(line)
    blocks = report_blocks(report)
    add_blocks(document, blocks)
    document.sections[0].footer.paragraphs[0].text = _footer(report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_odt(report: ImplementationReport) -> bytes:
    from concept.exports.odt_writer import OdtWriter

    content = report.data
    writer = OdtWriter(
        title=report.title, author=content["concept"]["municipality"], subject=_footer(report)
    )
    writer.footer(_footer(report))
    writer.paragraph(report.title, style=writer.title)
    for line in _intro(report):
        writer.paragraph(line)
    writer.blocks(report_blocks(report))
    return writer.save()


def report_pdf(report: ImplementationReport) -> bytes:
    content = report.data
    groups = [
        {
            **group,
            "goals": [
                {
                    **goal,
                    "rows": [
                        {**m, "update_lines": [update_text(u) for u in m["updates"]]}
                        for m in goal["measures"]
                    ],
                }
                for goal in group["goals"]
            ],
        }
        for group in content["groups"]
    ]
    html = render_print_html(
        "exports/implementation_report.html",
        {
            "report": report,
            "content": content,
            "intro": _intro(report),
            "summary": summary_sentences(content),
            "chart": status_chart_svg(content),
            "groups": groups,
            "headers": measure_headers(content),
            "header": css_string(content["concept"]["title"]),
            "footer": css_string(_footer(report)),
        },
    )
    return write_pdf(html)


RENDERERS = {"pdf": report_pdf, "docx": report_docx, "odt": report_odt}
