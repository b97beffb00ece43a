"""Format-neutral blocks as HTML, for the PDF (which WeasyPrint renders from HTML)."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from concept.exports.markdown_blocks import HEADING, MARKDOWN, TABLE, Block, Run
from minden_integration.core.text import render_markdown

MAX_HEADING = 6


def _runs(runs: list[Run]) -> str:
    html = []
    for run in runs:
        text = escape(run.text)
        if run.code:
            text = f"<code>{text}</code>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.href:
            text = format_html('<a href="{}">{}</a>', run.href, mark_safe(text))  # noqa: S308
        html.append(text)
    return "".join(html)


def _class(name: str) -> str:
    return format_html(' class="{}"', name) if name else ""


def _table(block: Block) -> str:
    head, body = [], []
    anchors = iter(block.anchors)
    for row, is_header in zip(block.rows, block.header_rows, strict=True):
        cells = []
        for index, runs in enumerate(row):
            css = _class(block.columns[index] if index < len(block.columns) else "")
            tag = "th" if is_header else "td"
            scope = ' scope="col"' if is_header else ""
            cells.append(f"<{tag}{scope}{css}>{_runs(runs)}</{tag}>")
        if is_header:
            head.append(f"<tr>{''.join(cells)}</tr>")
        else:
            anchor = next(anchors, "")
            row_id = format_html(' id="{}"', anchor) if anchor else ""
            body.append(f"<tr{row_id}>{''.join(cells)}</tr>")
    caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
    return (
        f"<table{_class(block.css_class)}>{caption}<thead>{''.join(head)}</thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def blocks_html(blocks: list[Block], *, heading_base: int = 1) -> SafeString:
    """`heading_base`: the level of the heading the blocks stand under (a block heading of
    level 1 becomes the next level down)."""
    html = []
    for block in blocks:
        if block.kind == HEADING:
            level = min(heading_base + block.level, MAX_HEADING)
            html.append(f"<h{level}{_class(block.css_class)}>{_runs(block.runs)}</h{level}>")
        elif block.kind == TABLE:
            html.append(_table(block))
        elif block.kind == MARKDOWN:
            html.append(str(render_markdown(block.source)))
        else:
            html.append(f"<p{_class(block.css_class)}>{_runs(block.runs)}</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every text above is escaped
