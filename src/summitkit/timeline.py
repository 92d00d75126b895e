"""Lesson 02, the timeline: what the notebooks call.

The lesson has one shape: analysis in :mod:`summitkit.analysis.timeline` (events, datings, what
disagrees), the figure in :mod:`summitkit.figures.timeline`, the views in :mod:`summitkit.views.timeline`.
"""

from __future__ import annotations

from summitkit.analysis.timeline import (
    FLAGS,
    LONG,
    WEEK,
    Event,
    actors,
    apparent_contradictions,
    contradictions,
    counts,
    dated_differently,
    differences,
    event,
    events,
    explanation,
    finding,
    in_week,
    marked,
    select,
    sources_of,
    verdict,
    when,
    when_each,
)
from summitkit.figures import Picture, picture
from summitkit.figures.timeline import Point, alt_text, plot, plot_points, style, svg_for
from summitkit.tables import note_part, overlaps
from summitkit.views.timeline import explore, outside_html, table_html, versions_html

__all__ = [
    "FLAGS",
    "LONG",
    "WEEK",
    "Event",
    "Point",
    "actors",
    "alt_text",
    "apparent_contradictions",
    "contradictions",
    "counts",
    "dated_differently",
    "differences",
    "event",
    "events",
    "explanation",
    "explore",
    "figure",
    "finding",
    "in_week",
    "marked",
    "note_part",
    "outside_html",
    "overlaps",
    "plot",
    "plot_points",
    "select",
    "sources_of",
    "style",
    "svg_for",
    "table_html",
    "verdict",
    "versions_html",
    "when",
    "when_each",
]


def figure() -> Picture:
    """The lesson's timeline figure with its alt text (built once by ``run.py build``; drawn now if the data changed)."""
    return picture("timeline")
