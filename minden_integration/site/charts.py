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
from django.utils.html import escape
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
    """Whole numbers as they are (no thousands separator is configured), others localised."""
    if isinstance(value, int) or value == int(value):
        return str(int(value))
    return number_format(value, decimal_pos=None, use_l10n=True)


def _text(value: str) -> str:
    """Text from the data or the catalogues, escaped for the markup."""
    return escape(value)


def _short(text: str, width: float, font: int = FONT) -> str:
    """Text cut to what fits into `width` (an estimate: the table shows it whole), escaped."""
    fits = max(int(width / (font * 0.56)), 4)
    return _text(text if len(text) <= fits else text[: fits - 1].rstrip() + "…")


def _svg(chart_id: str, height: float, labelled_by: str, described_by: str, body: str):
    # Every value in `body` is escaped or a number of ours.
    return mark_safe(  # noqa: S308
        f'<svg class="chart" id="{_text(chart_id)}" role="img" '
        f'aria-labelledby="{_text(labelled_by)}" aria-describedby="{_text(described_by)}" '
        f'viewBox="0 0 {WIDTH} {round(height)}" font-size="{FONT}" '
        f'font-family="system-ui, sans-serif" preserveAspectRatio="xMinYMin meet">{body}</svg>'
    )


def _patterns(chart_id: str) -> str:
    parts = [
        f'<pattern id="{chart_id}-{status}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{colour}"/>{overlay.format(line=LINE)}</pattern>'
        for status, (colour, overlay) in STATUS_STYLE.items()
    ]
    return f"<defs>{''.join(parts)}</defs>"


def _legend(chart_id: str, statuses: list[tuple[str, str]]) -> tuple[str, float]:
    """Swatches with their labels, three to a line; returns the markup and its height."""
    column = WIDTH / 3
    parts = []
    for i, (status, label) in enumerate(statuses):
        x, y = round((i % 3) * column, 2), (i // 3) * 22
        parts.append(
            f'<rect x="{x}" y="{y}" width="16" height="16" fill="url(#{chart_id}-{status})" '
            f'stroke="{TEXT}"/><text x="{x + 22}" y="{y + 13}" fill="{TEXT}">'
            f"{_short(label, column - 26)}</text>"
        )
    lines = (len(statuses) + 2) // 3
    return "".join(parts), lines * 22 + 8


def stacked_bars(
    chart_id: str,
    bars: Iterable,
    statuses: list[tuple[str, str]],
    *,
    labelled_by: str,
    described_by: str,
) -> SafeString:
    """One horizontal bar per row (`key`, `label`, `total`, `in_order()`), its segments the
    statuses; each bar as long as the chart is wide: the shares, with the counts written in."""
    legend, top = _legend(chart_id, statuses)
    parts = [_patterns(chart_id), legend]
    y = top
    for bar in bars:
        parts.append(
            f'<text x="0" y="{y + FONT}" fill="{TEXT}">'
            f"{_short(bar.label, WIDTH - 40)} ({_number(bar.total)})</text>"
        )
        x, bar_y = 0.0, y + FONT + 5
        parts.append(f'<g data-key="{_text(bar.key or "")}">')
        for status, _label, count in bar.in_order():
            if not count:
                continue
            width = WIDTH * count / bar.total
            parts.append(
                f'<rect x="{x:.2f}" y="{bar_y}" width="{width:.2f}" height="22" '
                f'fill="url(#{chart_id}-{status})" stroke="#fff" data-key="{status}" '
                f'data-value="{count}"/>'
            )
            if width >= 9 * len(str(count)) + 6:
                parts.append(
                    f'<text x="{x + width / 2:.2f}" y="{bar_y + 16}" fill="#fff" '
                    f'stroke="{STATUS_STYLE[status][0]}" stroke-width="3" paint-order="stroke" '
                    f'font-weight="bold" text-anchor="middle">{_number(count)}</text>'
                )
            x += width
        parts.append("</g>")
        y = bar_y + 22 + 12
    return _svg(chart_id, y, labelled_by, described_by, "".join(parts))


def _nice_top(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return step * 4
    return value


def line_chart(
    chart_id: str, points: list[tuple[str, str, int]], *, labelled_by: str, described_by: str
) -> SafeString:
    """A line through (key, label, value) points from left to right, each point marked and the
    last value written above it; the y axis from 0 in four steps."""
    left, right, top, bottom, height = 44, 28, 12, 28, 240
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    highest = _nice_top(max((value for _k, _l, value in points), default=0) or 1)
    parts = []
    for tick in range(5):
        y = top + plot_h - plot_h * tick / 4
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.2f}" y2="{y:.2f}" stroke="{AXIS}" '
            f'stroke-width="{"1" if tick == 0 else ".4"}"/>'
            f'<text x="{left - 6}" y="{y + 4:.2f}" fill="{TEXT}" text-anchor="end">'
            f"{_number(highest * tick // 4)}</text>"
        )
    step = plot_w / max(len(points) - 1, 1)
    every = max(1, -(-len(points) * 34 // plot_w))  # a label needs about 34 units
    coordinates = []
    for i, (key, label, value) in enumerate(points):
        x = left + (step * i if len(points) > 1 else plot_w / 2)
        y = top + plot_h - plot_h * value / highest
        coordinates.append((x, y))
        parts.append(
            f'<circle cx="{x:.2f}" cy="{y:.2f}" r="3.5" fill="{PROGRESS}" '
            f'data-key="{_text(key)}" data-value="{value}"/>'
        )
        if i % every == 0 or i == len(points) - 1:
            parts.append(
                f'<text x="{x:.2f}" y="{height - 8}" fill="{TEXT}" text-anchor="middle">'
                f"{_text(label)}</text>"
            )
    if coordinates:
        path = " ".join(f"{x:.2f},{y:.2f}" for x, y in coordinates)
        parts.insert(
            0, f'<polyline points="{path}" fill="none" stroke="{PROGRESS}" stroke-width="2.5"/>'
        )
        x, y = coordinates[-1]
        parts.append(
            f'<text x="{x:.2f}" y="{max(y - 8, FONT):.2f}" fill="{TEXT}" font-weight="bold" '
            f'text-anchor="middle">{_number(points[-1][2])}</text>'
        )
    return _svg(chart_id, height, labelled_by, described_by, "".join(parts))


def bullet_chart(
    chart_id: str, rows: list[dict], *, labelled_by: str, described_by: str
) -> SafeString:
    """One bullet per row (`key`, `label`, `share` 0..1 or None, `text`): the track from the
    baseline to the target, the bar as far as the current value, the target a black mark."""
    parts = []
    y = 0
    track = WIDTH - 2
    for row in rows:
        track_y = y + FONT + 5
        parts.append(
            f'<text x="0" y="{y + FONT}" fill="{TEXT}">{_short(row["label"], WIDTH)}</text>'
            f'<rect x="0" y="{track_y}" width="{track}" height="18" fill="{TRACK}" '
            f'stroke="{AXIS}"/>'
        )
        share = row["share"]
        if share is not None:
            parts.append(
                f'<rect x="0" y="{track_y + 4}" width="{track * float(share):.2f}" height="10" '
                f'fill="{PROGRESS}" data-key="{_text(row["key"])}" data-value="{share:.4f}"/>'
            )
        mark = WIDTH - 3.5
        parts.append(
            f'<line x1="{mark}" x2="{mark}" y1="{track_y - 3}" y2="{track_y + 21}" '
            f'stroke="#000" stroke-width="3"/>'
            f'<text x="0" y="{track_y + 18 + FONT + 4}" fill="{TEXT}">'
            f"{_short(row['text'], WIDTH)}</text>"
        )
        y = track_y + 18 + FONT + 16
    return _svg(chart_id, y, labelled_by, described_by, "".join(parts))
