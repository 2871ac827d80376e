"""An article's views per day as a bar chart in SVG, drawn on the server: no script, no
external host, only presentation attributes (no inline styles), so the admin's strict CSP
holds. The table beside it carries the same numbers for screen readers and copying."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 12, 28  # margins: the axis labels live there


@dataclass(frozen=True)
class DayViews:
    day: datetime.date
    views: int


def nice_ceiling(value: int) -> int:
    """The axis top: 1, 2 or 5 times a power of ten, at least `value` (and at least 1)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return max(1, step * factor)
        step *= 10


def views_chart(days: list[DayViews]) -> SafeString:
    if not days:
        return mark_safe("")
    top = nice_ceiling(max(day.views for day in days))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(days)
    bar = max(slot * 0.8, 0.5)
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
        (
            (
                f"{LEFT + index * slot + (slot - bar) / 2:.2f}",
                f"{TOP + plot_h - plot_h * day.views / top:.2f}",
                f"{bar:.2f}",
                f"{plot_h * day.views / top:.2f}",
                day.day.isoformat(),
                f"{day.views:,} views",
            )
            for index, day in enumerate(days)
            if day.views
        ),
    )
    first, last = days[0].day, days[-1].day
    total = sum(day.views for day in days)
    return format_html(
        '<svg class="views-chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="views-chart-title views-chart-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="views-chart-title">Views per day</title>'
        '<desc id="views-chart-desc">{days} days from {first} to {last}, {total} views; '
        "the table below lists each day.</desc>"
        '<g fill="none" stroke="currentColor" stroke-opacity="0.4">'
        '<line x1="{left}" y1="{base}" x2="{right}" y2="{base}"/>'
        '<line x1="{left}" y1="{top}" x2="{left}" y2="{base}"/></g>'
        '<g fill="currentColor" font-size="11">'
        '<text x="{label_x}" y="{top_y}" text-anchor="end">{axis_top}</text>'
        '<text x="{label_x}" y="{base}" text-anchor="end">0</text>'
        '<text x="{left}" y="{date_y}">{first}</text>'
        '<text x="{right}" y="{date_y}" text-anchor="end">{last}</text></g>'
        '<g fill="#2e7d7a">{bars}</g></svg>',
        w=WIDTH,
        h=HEIGHT,
        days=len(days),
        first=first.isoformat(),
        last=last.isoformat(),
        total=f"{total:,}",
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        base=TOP + plot_h,
        label_x=LEFT - 6,
        top_y=TOP + 10,
        axis_top=f"{top:,}",
        date_y=HEIGHT - 8,
        bars=bars,
    )
