"""Server-rendered SVG charts: stacked bars, a line and bullet charts, no script.

Each chart is an `<svg role="img">` named by the heading it is labelled by and described by a
text summary; the page shows the same numbers in a table. Statuses differ by pattern and label
as well as by colour, and every colour keeps 4.5:1 against white text and 3:1 against the page.
Each drawn value carries `data-value` (and `data-key`), so the tests compare chart and table.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 400
FONT = 13
TEXT = "#212529"
AXIS = "#6c757d"

# Status -> (colour, pattern): the pattern is drawn in white over the colour.
STATUS_STYLE = {
    "planned": ("#545b66", ""),
    "in_progress": ("#0b5ca8", '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {line}/>'),
    "implemented": ("#1d6b34", '<circle cx="4" cy="4" r="1.6" fill="#fff" fill-opacity=".55"/>'),
    "ongoing": ("#6a3d9a", '<path d="M0,4 h8" {line}/>'),
    "deferred": ("#8a4f00", '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M0,0 l8,8" {line}/>'),
    "dropped": ("#a4262c", '<path d="M4,0 v8" {line}/>'),
}
LINE = 'stroke="#fff" stroke-opacity=".55" stroke-width="1.5"'
PROGRESS = "#0b5ca8"
TRACK = "#e9ecef"


def _number(value: Decimal | int | float) -> str:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    return number_format(value, decimal_pos=None, use_l10n=True)


def _short(text: str, width: float, font: int = FONT) -> str:
    """Text cut to what fits into `width` (an estimate: the table shows it whole)."""
    fits = max(int(width / (font * 0.56)), 4)
    return text if len(text) <= fits else text[: fits - 1].rstrip() + "…"


def _svg(chart_id: str, height: float, labelled_by: str, described_by: str, body) -> SafeString:
    return format_html(
        '<svg class="chart" id="{}" role="img" aria-labelledby="{}" aria-describedby="{}" '
        'viewBox="0 0 {} {}" font-size="{}" font-family="system-ui, sans-serif" '
        'preserveAspectRatio="xMinYMin meet">{}</svg>',
        chart_id,
        labelled_by,
        described_by,
        WIDTH,
        _number(round(height)),
        FONT,
        body,
    )


def _patterns(chart_id: str) -> SafeString:
    parts = []
    for status, (colour, overlay) in STATUS_STYLE.items():
        parts.append(
            format_html(
                '<pattern id="{}-{}" width="8" height="8" patternUnits="userSpaceOnUse">'
                '<rect width="8" height="8" fill="{}"/>{}</pattern>',
                chart_id,
                status,
                colour,
                mark_safe(overlay.format(line=LINE)),  # noqa: S308 - our own constants
            )
        )
    return format_html("<defs>{}</defs>", mark_safe("".join(parts)))  # noqa: S308


def _legend(chart_id: str, statuses: list[tuple[str, str]]) -> tuple[SafeString, float]:
    """Swatches with their labels, three to a line; returns the markup and its height."""
    column = WIDTH / 3
    parts = []
    for i, (status, label) in enumerate(statuses):
        x, y = (i % 3) * column, (i // 3) * 22
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="16" height="16" fill="url(#{}-{})" stroke="{}"/>'
                '<text x="{}" y="{}" fill="{}">{}</text>',
                x,
                y,
                chart_id,
                status,
                TEXT,
                x + 22,
                y + 13,
                TEXT,
                _short(label, column - 26),
            )
        )
    lines = (len(statuses) + 2) // 3
    return mark_safe("".join(parts)), lines * 22 + 8  # noqa: S308 - built by format_html


def stacked_bars(
    chart_id: str,
    bars: Iterable,
    statuses: list[tuple[str, str]],
    *,
    labelled_by: str,
    described_by: str,
) -> SafeString:
    """One horizontal bar per row (`label`, `total`, `in_order()`), its segments the statuses;
    each bar as long as the page is wide: the shares, with the counts written in."""
    legend, top = _legend(chart_id, statuses)
    parts = [_patterns(chart_id), legend]
    y = top
    for bar in bars:
        parts.append(
            format_html(
                '<text x="0" y="{}" fill="{}">{} ({})</text>',
                y + FONT,
                TEXT,
                _short(bar.label, WIDTH - 40),
                _number(bar.total),
            )
        )
        x, bar_y = 0.0, y + FONT + 5
        parts.append(format_html('<g data-key="{}">', bar.key or ""))
        for status, _label, count in bar.in_order():
            if not count:
                continue
            width = WIDTH * count / bar.total
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="22" fill="url(#{}-{})" '
                    'stroke="#fff" data-key="{}" data-value="{}"/>',
                    f"{x:.2f}",
                    bar_y,
                    f"{width:.2f}",
                    chart_id,
                    status,
                    status,
                    count,
                )
            )
            if width >= 9 * len(str(count)) + 6:
                colour = STATUS_STYLE[status][0]
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" fill="#fff" stroke="{}" stroke-width="3" '
                        'paint-order="stroke" font-weight="bold" text-anchor="middle">{}</text>',
                        f"{x + width / 2:.2f}",
                        bar_y + 16,
                        colour,
                        _number(count),
                    )
                )
            x += width
        parts.append(mark_safe("</g>"))  # noqa: S308
        y = bar_y + 22 + 12
    return _svg(chart_id, y, labelled_by, described_by, mark_safe("".join(parts)))  # noqa: S308


def _nice_top(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return step * 4
    return value


def line_chart(
    chart_id: str, points: list[tuple[str, str, int]], *, labelled_by: str, described_by: str
) -> SafeString:
    """A line through (key, label, value) points from left to right, each point marked and the last
    value written at its end; the y axis from 0 in four steps."""
    left, right, top, bottom, height = 44, 28, 12, 28, 240
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    highest = _nice_top(max((value for _k, _l, value in points), default=0) or 1)
    parts = []
    for tick in range(5):
        value = highest * tick // 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="{}"/>'
                '<text x="{}" y="{}" fill="{}" text-anchor="end">{}</text>',
                left,
                WIDTH - right,
                f"{y:.2f}",
                f"{y:.2f}",
                AXIS,
                "1" if tick == 0 else ".4",
                left - 6,
                f"{y + 4:.2f}",
                TEXT,
                _number(value),
            )
        )
    step = plot_w / max(len(points) - 1, 1)
    every = max(1, -(-len(points) * 34 // plot_w))  # a label needs about 34 units
    coordinates = []
    for i, (key, label, value) in enumerate(points):
        x = left + (step * i if len(points) > 1 else plot_w / 2)
        y = top + plot_h - plot_h * value / highest
        coordinates.append((x, y))
        parts.append(
            format_html(
                '<circle cx="{}" cy="{}" r="3.5" fill="{}" data-key="{}" data-value="{}"/>',
                f"{x:.2f}",
                f"{y:.2f}",
                PROGRESS,
                key,
                value,
            )
        )
        if i % every == 0 or i == len(points) - 1:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" fill="{}" text-anchor="middle">{}</text>',
                    f"{x:.2f}",
                    height - 8,
                    TEXT,
                    label,
                )
            )
    if coordinates:
        path = " ".join(f"{x:.2f},{y:.2f}" for x, y in coordinates)
        parts.insert(
            0,
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>',
                path,
                PROGRESS,
            ),
        )
        x, y = coordinates[-1]
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}" font-weight="bold" text-anchor="middle">{}</text>',
                f"{x:.2f}",
                f"{max(y - 8, FONT):.2f}",
                TEXT,
                _number(points[-1][2]),
            )
        )
    return _svg(chart_id, height, labelled_by, described_by, mark_safe("".join(parts)))  # noqa: S308


def bullet_chart(
    chart_id: str, rows: list[dict], *, labelled_by: str, described_by: str
) -> SafeString:
    """One bullet per row (`key`, `label`, `share` 0..1 or None, `text`): the track from the
    baseline to the target, the bar as far as the current value, the target a black mark."""
    parts = []
    y = 0
    for row in rows:
        parts.append(
            format_html(
                '<text x="0" y="{}" fill="{}">{}</text>',
                y + FONT,
                TEXT,
                _short(row["label"], WIDTH),
            )
        )
        track_y = y + FONT + 5
        share = row["share"]
        parts.append(
            format_html(
                '<rect x="0" y="{}" width="{}" height="18" fill="{}" stroke="{}"/>',
                track_y,
                WIDTH - 2,
                TRACK,
                AXIS,
            )
        )
        if share is not None:
            parts.append(
                format_html(
                    '<rect x="0" y="{}" width="{}" height="10" fill="{}" '
                    'data-key="{}" data-value="{}"/>',
                    track_y + 4,
                    f"{(WIDTH - 2) * float(share):.2f}",
                    PROGRESS,
                    row["key"],
                    f"{share:.4f}",
                )
            )
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#000" stroke-width="3"/>'
                '<text x="0" y="{}" fill="{}">{}</text>',
                WIDTH - 3.5,
                WIDTH - 3.5,
                track_y - 3,
                track_y + 21,
                track_y + 18 + FONT + 4,
                TEXT,
                _short(row["text"], WIDTH),
            )
        )
        y = track_y + 18 + FONT + 16
    return _svg(chart_id, y, labelled_by, described_by, mark_safe("".join(parts)))  # noqa: S308
