"""Lesson 03, the stakes: what the notebooks call.

The lesson has one shape: analysis in :mod:`summitkit.analysis.stakes`, the actor × source figure in
:mod:`summitkit.figures.stakes`, the cards and tables in :mod:`summitkit.views.stakes`.
"""

from __future__ import annotations

from summitkit.analysis.stakes import (
    MAIN_ACTORS,
    OTHERS,
    actors,
    build_up,
    by_actor,
    by_source,
    counts,
    finding,
    group,
    motive_rows,
    motives,
    only_in,
    ranked_actors,
    reasons,
    seen_differently,
    sources,
    totals,
)
from summitkit.figures import Picture, picture
from summitkit.figures.stakes import CAPTION, KIND_STYLE, Bar, alt_text, plot, plot_bars
from summitkit.views.stakes import actor_cards, card_html, count_table_html, figure_words_html, motives_html

__all__ = [
    "CAPTION",
    "KIND_STYLE",
    "MAIN_ACTORS",
    "OTHERS",
    "Bar",
    "actor_cards",
    "actors",
    "alt_text",
    "build_up",
    "by_actor",
    "by_source",
    "card_html",
    "count_table_html",
    "counts",
    "figure",
    "figure_words_html",
    "finding",
    "group",
    "motive_rows",
    "motives",
    "motives_html",
    "only_in",
    "plot",
    "plot_bars",
    "ranked_actors",
    "reasons",
    "seen_differently",
    "sources",
    "totals",
]


def figure() -> Picture:
    """The lesson's actor × source figure with its alt text (built once by ``run.py build``; drawn now if the data changed)."""
    return picture("stakes")
