"""The monthly index as an inline SVG line chart, drawn here so the page needs nothing else.

One point per month from the first to the last dated event (months without events sit on
the zero line), each with a tooltip giving the index, the events and their mentions.
"""

from __future__ import annotations

from html import escape

from ..query.analytics import DyadIndex

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
_MAX_LABELS = 12


def _x(position: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * position / (count - 1))


def _y(value: float, limit: float) -> float:
    middle = TOP + (HEIGHT - TOP - BOTTOM) / 2
    return middle - (value / limit) * (HEIGHT - TOP - BOTTOM) / 2


def _signed(value: float) -> str:
    return f"{value:+.0f}" if round(value) else "0"


def _axes(limit: float) -> list[str]:
    zero = _y(0, limit)
    parts = [
        f'<line class="axis" x1="{LEFT}" y1="{zero:.1f}" x2="{WIDTH - RIGHT}" y2="{zero:.1f}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}"/>',
    ]
    for value in (limit, 0.0, -limit):
        parts.append(
            f'<text class="ylabel" x="{LEFT - 6}" y="{_y(value, limit) + 4:.1f}" text-anchor="end">'
            f"{_signed(value)}</text>"
        )
    return parts


def render_chart(index: DyadIndex) -> str:
    """An ``<svg>`` element (no scripts, no external references) for the dyad's monthly index."""
    label = escape(f"Monthly cooperation–conflict index, {index.a}–{index.b}")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{label}">'
    )
    months = index.months
    if not months:
        note = f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">no month-dated events</text>'
        return f"{head}<title>{label}</title>{note}</svg>"
    limit = max(1.0, *(abs(m.index) for m in months))
    points = [(_x(i, len(months)), _y(m.index, limit)) for i, m in enumerate(months)]
    parts = [head, f"<title>{label}</title>", *_axes(limit)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    parts.append(f'<polyline class="line" fill="none" points="{path}"/>')
    step = max(1, -(-len(months) // _MAX_LABELS))
    for i, (month, (x, y)) in enumerate(zip(months, points, strict=True)):
        tip = escape(f"{month.month}: {month.index:+.1f} ({month.events} events, {month.mentions} mentions)")
        parts.append(
            f'<circle class="point" data-month="{escape(month.month)}" data-index="{month.index}" '
            f'cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{tip}</title></circle>'
        )
        if i % step == 0 or i == len(months) - 1:
            parts.append(
                f'<text class="xlabel" x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
                f"{escape(month.month)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
