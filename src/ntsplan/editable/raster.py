"""A raster copy of a timeline chart (PNG), for word processors that show no SVG: Word
before 2016 shows a picture's PNG, and later ones show the SVG beside it.

The timeline is drawn from the few SVG shapes ``render.timeline`` uses (rectangles, lines,
paths of straight segments, polygons, text) with Pillow, at two and a half times the
chart's size, in the document's typeface. Pillow comes with WeasyPrint; a PNG has no clock in it, so
the same chart gives the same bytes. A shape outside that set is left out of the copy
(the SVG stays complete); no font found means no copy, and the SVG alone.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from ntsplan.editable.tree import Element

SCALE = 2.5
"""Pixels per SVG unit: 240 dpi at the chart's own size, sharp when printed."""
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def timeline_png(svg: Element) -> bytes:
    """The chart as PNG bytes, or ``b""`` when no font for it can be found."""
    from PIL import Image, ImageDraw  # noqa: PLC0415 - only when a chart is made

    regular, bold = _font_file("Noto Sans"), _font_file("Noto Sans:bold")
    if regular is None or bold is None:
        return b""
    width = float(svg.attrs.get("width", "0"))
    height = float(svg.attrs.get("height", "0"))
    if width <= 0 or height <= 0:
        return b""
    image = Image.new("RGB", (round(width * SCALE), round(height * SCALE)), "white")
    painter = _Painter(ImageDraw.Draw(image), regular, bold, float(svg.attrs.get("font-size", 10)))
    painter.draw(svg)
    buffer = io.BytesIO()
    # A palette of 256 colours keeps the copy small; the chart has a handful of colours
    # and the shades of its anti-aliased text.
    # (fast octree: the median cut took most of the edition's time).
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG")
    return buffer.getvalue()


@cache
def _font_file(pattern: str) -> str | None:
    """The font file fontconfig picks for ``pattern`` (the PDF's own typeface)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    done = subprocess.run(
        [fc_match, "--format=%{file}", pattern], capture_output=True, text=True, check=False
    )
    path = done.stdout.strip()
    return path if done.returncode == 0 and path and Path(path).is_file() else None


class _Painter:
    def __init__(self, draw: Any, regular: str, bold: str, font_size: float) -> None:
        self.canvas = draw
        self.regular = regular
        self.bold = bold
        self.font_size = font_size

    def draw(self, element: Element) -> None:
        for child in element.children:
            if not isinstance(child, Element) or child.tag == "title":
                continue
            shape = getattr(self, f"_{child.tag}", None)
            if shape is not None:
                shape(child.attrs, child)
            elif child.tag == "g":
                self.draw(child)

    def _rect(self, a: dict[str, str], _: Element) -> None:
        x, y, w, h = (_f(a, k) * SCALE for k in ("x", "y", "width", "height"))
        self.canvas.rounded_rectangle(
            (x, y, x + w, y + h),
            radius=_f(a, "rx") * SCALE,
            fill=_colour(a.get("fill")),
            outline=_colour(a.get("stroke")),
            width=max(1, round(_f(a, "stroke-width") * SCALE)) if a.get("stroke") else 0,
        )

    def _line(self, a: dict[str, str], _: Element) -> None:
        start = (_f(a, "x1") * SCALE, _f(a, "y1") * SCALE)
        end = (_f(a, "x2") * SCALE, _f(a, "y2") * SCALE)
        width = max(1, round(_f(a, "stroke-width", 1) * SCALE))
        colour = _colour(a.get("stroke"))
        dashes = [float(n) * SCALE for n in _NUMBER.findall(a.get("stroke-dasharray", ""))]
        if not dashes:
            self.canvas.line((start, end), fill=colour, width=width)
            return
        length = ((end[0] - start[0]) ** 2 + (end[1] - start[1]) ** 2) ** 0.5 or 1.0
        done, index = 0.0, 0
        while done < length:
            step = min(dashes[index % len(dashes)], length - done)
            if index % 2 == 0:
                t0, t1 = done / length, (done + step) / length
                self.canvas.line(
                    (_along(start, end, t0), _along(start, end, t1)), fill=colour, width=width
                )
            done += step
            index += 1

    def _path(self, a: dict[str, str], _: Element) -> None:
        points: list[tuple[float, float]] = []
        x = y = 0.0
        for command, value in re.findall(r"([MLHV])\s*([-\d.\s,]+)", a.get("d", "")):
            numbers = [float(n) for n in _NUMBER.findall(value)]
            if command in "ML":
                x, y = numbers[0], numbers[1]
            elif command == "H":
                x = numbers[0]
            else:
                y = numbers[0]
            points.append((x * SCALE, y * SCALE))
        if len(points) > 1:
            width = max(1, round(_f(a, "stroke-width", 1) * SCALE))
            self.canvas.line(points, fill=_colour(a.get("stroke")), width=width, joint="curve")

    def _polygon(self, a: dict[str, str], _: Element) -> None:
        numbers = [float(n) * SCALE for n in _NUMBER.findall(a.get("points", ""))]
        points = list(zip(numbers[::2], numbers[1::2], strict=False))
        if len(points) > 2:
            self.canvas.polygon(points, fill=_colour(a.get("fill")))

    def _text(self, a: dict[str, str], element: Element) -> None:
        from PIL import ImageFont  # noqa: PLC0415

        size = float(a.get("font-size", self.font_size)) * SCALE
        path = self.bold if a.get("font-weight") == "bold" else self.regular
        font = ImageFont.truetype(path, round(size))
        anchor = {"middle": "ms", "end": "rs"}.get(a.get("text-anchor", ""), "ls")
        self.canvas.text(
            (_f(a, "x") * SCALE, _f(a, "y") * SCALE),
            element.text(),
            font=font,
            fill=_colour(a.get("fill")) or "black",
            anchor=anchor,
        )


def _f(attrs: dict[str, str], name: str, default: float = 0.0) -> float:
    try:
        return float(attrs.get(name, default))
    except ValueError:
        return default


def _colour(value: str | None) -> str | None:
    return None if value in (None, "", "none") else value


def _along(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
