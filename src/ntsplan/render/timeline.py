"""A value chain's activities on a timeline by quarter, as SVG geometry.

Only coordinates and text are computed here, rounded and written as text so the output is
the same on every machine; the template draws the SVG and escapes every label.

What a reader gets, on screen and in print:

* every activity's title in full, wrapped over as many lines as it needs (never cut off);
* an arrow from an activity to each activity of the same chain that depends on it;
* the edition date and the deadline as marked lines, the axis widened to show them;
* no text smaller than 7 pt in print: the SVG is set to the text width (172 mm, 487 pt)
  in ``WIDTH`` user units, so a unit is 0.81 pt and ``MIN_FONT`` units are 7.3 pt;
* a text alternative (the SVG's ``<title>``; a tagged PDF's Figure /Alt) that lists every
  activity with its period and dependencies, and both dates.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Sequence

from ntsplan.plan.formatting import format_date, format_period
from ntsplan.plan.labels import Labels
from ntsplan.render.views import (
    ActivityView,
    Timeline,
    TimelineArrow,
    TimelineBar,
    TimelineMarker,
    TimelineYear,
)

WIDTH = 600.0
"""SVG user units across; print sets the SVG to the text width of 487 pt."""
PRINT_WIDTH_PT = 487.0
LABEL_WIDTH = 214.0
RIGHT_PAD = 6.0
AXIS_HEIGHT = 40.0
LINE_HEIGHT = 12.0
ROW_PAD = 6.0
BAR_HEIGHT = 12.0
FONT = 10.0
"""The labels' size in user units (8.1 pt in print)."""
MIN_FONT = 9.0
"""The smallest text on the chart (quarters, date marks): 7.3 pt in print."""
LABEL_CHARS = 36
"""Characters per label line: 204 units at an average Noto Sans letter of 0.55 em."""
MIN_QUARTER_LABEL_WIDTH = 18.0
MARKER_BAND = 2 * LINE_HEIGHT + 4


def _n(value: float) -> str:
    return f"{value:.1f}"


def _ordinal(year: int, quarter: int) -> int:
    return year * 4 + quarter - 1


def _date_ordinal(date: dt.date) -> float:
    """A date as a fractional quarter ordinal: 1 May 2025 is a third into Q2 2025."""
    quarter = (date.month - 1) // 3 + 1
    start = dt.date(date.year, 3 * quarter - 2, 1)
    end = dt.date(date.year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return _ordinal(date.year, quarter) + (date - start).days / (end - start).days


def wrap_label(text: str, width: int = LABEL_CHARS) -> tuple[str, ...]:
    """A title as lines of at most ``width`` characters, every word kept whole unless a
    single word is longer than a line."""
    return tuple(textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False))


def print_size_pt(units: float) -> float:
    """The size in print, in points, of ``units`` SVG user units."""
    return units * PRINT_WIDTH_PT / WIDTH


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _arrow(
    before: tuple[float, float, float], after: tuple[float, float, float], overlap: bool
) -> TimelineArrow:
    """The arrow from the bar ``before`` (start x, end x, middle y) to the bar ``after``."""
    from_start, from_x, from_y = before
    to_x, _, to_y = after
    if overlap and from_start <= to_x <= from_x:
        # Starts while the other still runs, on purpose: a drop from the other bar at this
        # one's start, not a 'follows on' arrow drawn backwards through the bars.
        down = 1 if to_y > from_y else -1
        tip = to_y - down * BAR_HEIGHT / 2
        return TimelineArrow(
            path=f"M {_n(to_x)} {_n(from_y + down * BAR_HEIGHT / 2)} V {_n(tip - down * 4)}",
            head=_points(((to_x, tip), (to_x - 3, tip - down * 5), (to_x + 3, tip - down * 5))),
        )
    elbow = max(from_x, to_x - 8) + 4 if to_x - from_x >= 12 else from_x + 4
    return TimelineArrow(
        path=f"M {_n(from_x)} {_n(from_y)} H {_n(elbow)} V {_n(to_y)} H {_n(to_x - 1)}",
        head=_points(((to_x, to_y), (to_x - 5, to_y - 3), (to_x - 5, to_y + 3))),
    )


def build_timeline(
    activities: Sequence[ActivityView],
    labels: Labels,
    *,
    edition: dt.date | None,
    deadline: dt.date | None,
    chain_title: str,
    text: Callable[[str], str],
) -> Timeline | None:
    """The timeline of ``activities`` (in the order given); None when none has a period.

    ``edition`` and ``deadline`` are marked when given; the axis is widened to include them.
    ``text`` gives a title from the data in the document's language.
    """
    planned = [view for view in activities if view.activity.period is not None]
    if not planned:
        return None
    periods = [view.activity.period for view in planned if view.activity.period is not None]
    dates = [d for d in (edition, deadline) if d is not None]
    first = min(
        [_ordinal(*p.start.first) for p in periods] + [int(_date_ordinal(d)) for d in dates]
    )
    last = max([_ordinal(*p.end.last) for p in periods] + [int(_date_ordinal(d)) for d in dates])
    count = last - first + 1
    quarter_width = (WIDTH - LABEL_WIDTH - RIGHT_PAD) / count

    def x_of(ordinal: float) -> float:
        return LABEL_WIDTH + (ordinal - first) * quarter_width

    bars: list[TimelineBar] = []
    where: dict[str, tuple[float, float, float]] = {}  # activity id: start x, end x, mid y
    top = AXIS_HEIGHT
    for number, view in enumerate(planned, 1):
        period = view.activity.period
        assert period is not None
        start, end = _ordinal(*period.start.first), _ordinal(*period.end.last)
        title = text(view.activity.title)
        lines = wrap_label(f"{number}. {title}")
        height = max(BAR_HEIGHT, len(lines) * LINE_HEIGHT) + ROW_PAD
        when = format_period(period.start, period.end, labels)
        x0, x1 = x_of(start), x_of(end + 1)
        bars.append(
            TimelineBar(
                label=" ".join(lines),
                lines=tuple(
                    (line, _n(top + ROW_PAD / 2 + (i + 1) * LINE_HEIGHT - 3))
                    for i, line in enumerate(lines)
                ),
                title=f"{title} ({view.owner.name}, {when})",
                kind=view.activity.kind.value,
                y=_n(top + ROW_PAD / 2),
                text_y=_n(top + ROW_PAD / 2 + LINE_HEIGHT - 3),
                x=_n(x0),
                width=_n(x1 - x0),
            )
        )
        where[view.activity.id] = (x0, x1, top + ROW_PAD / 2 + BAR_HEIGHT / 2)
        top += height
    plot_bottom = top

    arrows = []
    for view in planned:
        for dependency in view.activity.depends:
            chain, _, target = dependency.id.rpartition("/")
            if chain and chain != view.chain_id:
                continue  # another chain's activity is not on this chart; the alt text names it
            if target not in where or view.activity.id not in where:
                continue
            arrows.append(_arrow(where[target], where[view.activity.id], dependency.overlap))

    markers = []
    for row, (date, key) in enumerate(((edition, "edition"), (deadline, "deadline"))):
        if date is None:
            continue
        x = x_of(_date_ordinal(date))
        label = labels.text(f"timeline.{key}").format(date=format_date(date, labels))
        anchor = "end" if x > (LABEL_WIDTH + WIDTH) / 2 else "start"
        markers.append(
            TimelineMarker(
                key=key,
                label=label,
                x=_n(x),
                text_x=_n(x - 2 if anchor == "end" else x + 2),
                text_y=_n(plot_bottom + (row + 1) * LINE_HEIGHT),
                line_bottom=_n(plot_bottom + row * LINE_HEIGHT + 3),
                anchor=anchor,
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
    bottom = plot_bottom + (MARKER_BAND if markers else 4)
    return Timeline(
        width=_n(WIDTH),
        height=_n(bottom),
        axis_y=_n(AXIS_HEIGHT),
        label_width=_n(LABEL_WIDTH),
        plot_bottom=_n(plot_bottom),
        years=tuple(years),
        quarters=tuple(quarters),
        quarter_lines=tuple(_n(x_of(o)) for o in range(first, last + 2)),
        bars=tuple(bars),
        without_period=tuple(view for view in activities if view.activity.period is None),
        arrows=tuple(arrows),
        markers=tuple(markers),
        alt=_alternative(planned, labels, markers, chain_title, text),
    )


def _alternative(
    planned: Sequence[ActivityView],
    labels: Labels,
    markers: Sequence[TimelineMarker],
    chain_title: str,
    text: Callable[[str], str],
) -> str:
    """The chart in words: every activity with its period and what it depends on."""
    numbers = {view.activity.id: n for n, view in enumerate(planned, 1)}
    items = []
    for number, view in enumerate(planned, 1):
        period = view.activity.period
        assert period is not None
        when = format_period(period.start, period.end, labels)
        item = f"{number}. {text(view.activity.title)} ({when}"
        after = [
            str(numbers[ref]) if ref in numbers else ref.replace("/", ": ")
            for ref in (r.removeprefix(f"{view.chain_id}/") for r in view.activity.depends_ids)
        ]
        if after:
            item += "; " + labels.text("timeline.after").format(items=", ".join(after))
        items.append(item + ")")
    head = labels.text("valuechain.timeline_title").format(name=chain_title)
    dates = "; ".join(marker.label for marker in markers)
    return f"{head}: " + "; ".join(items) + (f". {dates}." if dates else ".")
