"""The concept and the synopsis as OpenDocument text (odfpy), for clerks to edit into a council
paper: outline headings with the section numbers, real lists, tables with repeated header rows
and a table of contents that LibreOffice updates with page numbers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from concept.exports.content import version_content
from concept.exports.markdown_blocks import Block, Run, markdown_blocks
from concept.exports.meta import (
    BERATUNGSFOLGE_WIDTHS,
    beratungsfolge_cells,
    beratungsfolge_headers,
    version_facts,
)
from concept.exports.odt_writer import OdtWriter
from concept.exports.synopsis_table import synopsis_content, text_field_blocks
from concept.models import ConceptVersion

# --- the concept ------------------------------------------------------------------------------


def _title_page(writer: OdtWriter, content: dict[str, Any]) -> None:
    concept, version, meta = content["concept"], content["version"], content["meta"]
    writer.paragraph(concept["municipality"].upper())
    writer.paragraph(concept["title"], style=writer.title)
    subtitle = _("Version %(number)s") % {"number": version["number"]}
    if version.get("title"):
        subtitle = f"{subtitle}: {version['title']}"
    writer.paragraph(subtitle, style=writer.subtitle)
    if resolution := content.get("resolution"):
        writer.heading(resolution["title"], 1)
        writer.blocks(resolution["blocks"])
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
        *version_facts(meta),
        (_("Moderiert durch"), concept.get("moderated_by", "")),
        (_("Gefördert durch"), concept.get("funded_by", "")),
    ]
    for label, value in facts:
        if value:
            writer.blocks(
                [Block(kind="paragraph", runs=[Run(f"{label}: ", bold=True), Run(value)])]
            )
    _beratungsfolge(writer, meta)


def _beratungsfolge(writer: OdtWriter, meta: dict[str, Any]) -> None:
    """Planned and held Beratungen alike; parallel steps say so in the step column."""
    writer.heading(_("Beratungsfolge"), 1)
    if not meta["beratungsfolge"]:
        writer.paragraph(_("Für diese Version sind noch keine Beratungsschritte erfasst."))
        return
    writer.table(
        beratungsfolge_headers(),
        BERATUNGSFOLGE_WIDTHS,
        beratungsfolge_cells(meta),
    )


def version_odt(version: ConceptVersion, *, resolution: dict[str, Any] | None = None) -> bytes:
    """The concept; with `resolution` (`exports.resolution`) the beschlossene Fassung."""
    content = {**version_content(version), "resolution": resolution}
    concept, meta = content["concept"], content["meta"]
    with override("de"):
        writer = OdtWriter(
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
        writer = OdtWriter(
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
