"""A value chain's activities on a timeline by quarter, as SVG geometry.

Only coordinates are computed here, rounded and written as text so the output is the same
on every machine; the template draws the SVG and escapes every label.
"""

from __future__ import annotations

from collections.abc import Sequence

from ntsplan.render.formatting import format_period
from ntsplan.render.labels import Labels
from ntsplan.render.views import ActivityView, Timeline, TimelineBar, TimelineYear

WIDTH = 760.0
LABEL_WIDTH = 250.0
RIGHT_PAD = 6.0
AXIS_HEIGHT = 40.0
ROW_HEIGHT = 24.0
BAR_HEIGHT = 14.0
MAX_LABEL = 38
MIN_QUARTER_LABEL_WIDTH = 18.0


def _n(value: float) -> str:
    return f"{value:.1f}"


def _ordinal(year: int, quarter: int) -> int:
    return year * 4 + quarter - 1


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def build_timeline(activities: Sequence[ActivityView], labels: Labels) -> Timeline | None:
    """The timeline of ``activities`` (in the order given); None when none has a period."""
    planned = [view for view in activities if view.activity.period is not None]
    if not planned:
        return None
    periods = [view.activity.period for view in planned if view.activity.period is not None]
    first = min(_ordinal(*p.start.first) for p in periods)
    last = max(_ordinal(*p.end.last) for p in periods)
    count = last - first + 1
    quarter_width = (WIDTH - LABEL_WIDTH - RIGHT_PAD) / count

    def x_of(ordinal: int) -> float:
        return LABEL_WIDTH + (ordinal - first) * quarter_width

    bars = []
    for row, view in enumerate(planned):
        period = view.activity.period
        assert period is not None
        start, end = _ordinal(*period.start.first), _ordinal(*period.end.last)
        top = AXIS_HEIGHT + row * ROW_HEIGHT
        when = format_period(period.start, period.end, labels)
        bars.append(
            TimelineBar(
                label=_short(view.activity.title),
                title=f"{view.activity.title} ({view.owner.name}, {when})",
                kind=view.activity.kind.value,
                y=_n(top + (ROW_HEIGHT - BAR_HEIGHT) / 2),
                text_y=_n(top + ROW_HEIGHT / 2 + 4),
                x=_n(x_of(start)),
                width=_n((end - start + 1) * quarter_width),
            )
        )

    years = []
    for year in range(first // 4, last // 4 + 1):
        lo, hi = max(_ordinal(year, 1), first), min(_ordinal(year, 4), last)
        years.append(
            TimelineYear(
                label=str(year),
                x=_n(x_of(lo)),
                width=_n((hi - lo + 1) * quarter_width),
                text_x=_n(x_of(lo) + (hi - lo + 1) * quarter_width / 2),
            )
        )
    quarters = []
    if quarter_width >= MIN_QUARTER_LABEL_WIDTH:
        quarter_label = labels.text("timeline.quarter")
        quarters = [
            TimelineYear(
                label=quarter_label.format(quarter=ordinal % 4 + 1),
                x=_n(x_of(ordinal)),
                width=_n(quarter_width),
                text_x=_n(x_of(ordinal) + quarter_width / 2),
            )
            for ordinal in range(first, last + 1)
        ]
    bottom = AXIS_HEIGHT + len(planned) * ROW_HEIGHT
    return Timeline(
        width=_n(WIDTH),
        height=_n(bottom + 4),
        axis_y=_n(AXIS_HEIGHT),
        label_width=_n(LABEL_WIDTH),
        plot_bottom=_n(bottom),
        years=tuple(years),
        quarters=tuple(quarters),
        quarter_lines=tuple(_n(x_of(o)) for o in range(first, last + 2)),
        bars=tuple(bars),
        without_period=tuple(view for view in activities if view.activity.period is None),
    )
