"""The report's one chart: measures by status at the year's end, as horizontal bars in SVG.

Server-rendered, no script; presentation attributes only (no `style`), so the strict CSP holds
and WeasyPrint prints it as it is. The same numbers stand in the table beside it; DOCX and ODT
print only the table. (The /umsetzung/ page has charts of its own: the two may be unified.)
"""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

# One colour per status, in the workflow's order, each with at least 3:1 contrast to white.
COLOURS = {
    "planned": "#5b6770",
    "in_progress": "#005a9c",
    "implemented": "#2e7d32",
    "ongoing": "#6a1b9a",
    "deferred": "#a15c00",
    "dropped": "#b00020",
}
LABEL_WIDTH = 150
BAR_WIDTH = 300
ROW_HEIGHT = 28
BAR_HEIGHT = 18


def status_chart_svg(content: dict[str, Any], *, chart_id: str = "statusdiagramm") -> SafeString:
    """An SVG bar chart of the measures by status at the year's end, with an accessible name."""
    rows = content["summary"]["status"]
    largest = max((row["count"] for row in rows), default=0) or 1
    height = ROW_HEIGHT * len(rows) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 50
    title = _("Maßnahmen nach Umsetzungsstand am %(day)s") % {"day": content["year_end_label"]}
    bars = []
    for index, row in enumerate(rows):
        y = 5 + index * ROW_HEIGHT
        length = round(BAR_WIDTH * row["count"] / largest)
        bars.append(
            (
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT - 4,
                row["label"],
                LABEL_WIDTH,
                y,
                length,
                BAR_HEIGHT,
                COLOURS.get(row["status"], "#333333"),
                LABEL_WIDTH + length + 6,
                y + BAR_HEIGHT - 4,
                row["count"],
            )
        )
    body = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="12">{}</text>',
        bars,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        'aria-labelledby="{id}-titel" viewBox="0 0 {w} {h}" width="{w}" height="{h}">'
        '<title id="{id}-titel">{title}</title>{body}</svg>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        body=body,
    )
