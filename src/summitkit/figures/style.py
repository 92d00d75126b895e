"""The figures' looks in one place: a colour, a marker and their names for each source, and laid-out axes.

Colours are Paul Tol's colour-blind-safe 'bright' scheme; every source also has its own marker
shape, so colour is never the only cue. The names are what the alt text says ("blue circles").
The colours of the relations between sources live with the relations (:mod:`summitkit.relations`),
those of the kinds of stake with the stakes figure.

>>> source_style("x", ["a", "b", "x"]).marker
'^'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceStyle:
    """How one source's marks look, and how the alt text names them."""

    colour: str
    marker: str
    words: str  # e.g. "blue circles"


#: In the order of sources.csv: the first source's style, the second's, ... (then again from the start).
SOURCE_STYLES = (
    SourceStyle("#4477AA", "o", "blue circles"),
    SourceStyle("#EE6677", "s", "red squares"),
    SourceStyle("#228833", "^", "green triangles"),
    SourceStyle("#CCBB44", "D", "yellow diamonds"),
    SourceStyle("#66CCEE", "v", "cyan down-pointing triangles"),
    SourceStyle("#AA3377", "P", "purple plus signs"),
)
#: The shading of a timeline lane whose sources date an event differently: (colour, opacity, hatch).
CONTRADICTION_FILL = ("#DDCC77", 0.45, "")
APPARENT_FILL = ("#CCCCCC", 0.5, "////")


def source_style(source: str, sources: list[str]) -> SourceStyle:
    """The style of ``source``, by its place among ``sources`` (the order of sources.csv)."""
    position = sources.index(source) if source in sources else len(sources)
    return SOURCE_STYLES[position % len(SOURCE_STYLES)]


def stacked_axes(heights: list[float], width: float, left: float, top: float, gap: float, bottom: float):
    """A Figure with axes stacked top to bottom, each ``heights[i]`` inches tall; margins in inches.

    The layout is computed here, not by matplotlib's layout engines, so drawing the figure takes one pass.
    """
    from matplotlib.figure import Figure

    total = top + sum(heights) + gap * (len(heights) - 1) + bottom
    fig = Figure(figsize=(width, total))
    axes = []
    y = total - top
    for h in heights:
        y -= h
        axes.append(fig.add_axes((left / width, y / total, 1 - (left + 0.25) / width, h / total)))
        y -= gap
    return fig, axes
