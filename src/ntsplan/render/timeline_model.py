"""The timeline's geometry as the template receives it (built by ``render.timeline``):
final SVG user units, written as text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TimelineBar:
    """One activity on the timeline; coordinates are final SVG user units, as text."""

    label: str
    title: str
    kind: str
    y: str
    text_y: str
    x: str
    width: str
    lines: tuple[tuple[str, str], ...] = ()
    """The label wrapped: each line with its baseline (y)."""


@dataclass(frozen=True, slots=True)
class TimelineArrow:
    """A dependency: an SVG path from the earlier activity's bar to the later one's, and
    the arrowhead's polygon points."""

    path: str
    head: str


@dataclass(frozen=True, slots=True)
class TimelineMarker:
    """A marked date (the edition, the deadline): a vertical line and its label."""

    key: str
    label: str
    x: str
    text_x: str
    text_y: str
    line_bottom: str
    anchor: str


@dataclass(frozen=True, slots=True)
class TimelineYear:
    """A labelled band on the timeline's axis: a year, or a quarter within it."""

    label: str
    x: str
    width: str
    text_x: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """An SVG timeline of a value chain's activities by quarter."""

    width: str
    height: str
    axis_y: str
    label_width: str
    plot_bottom: str
    years: tuple[TimelineYear, ...]
    quarters: tuple[TimelineYear, ...]
    quarter_lines: tuple[str, ...]
    bars: tuple[TimelineBar, ...]
    without_period: tuple[Any, ...]
    """The activities without a period (``views.ActivityView``), named under the chart."""
    arrows: tuple[TimelineArrow, ...] = ()
    markers: tuple[TimelineMarker, ...] = ()
    alt: str = ""
    """The chart in words, for the SVG's title (a tagged PDF's alt text)."""
