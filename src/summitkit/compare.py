"""Lesson 04, comparing the analyses: what the notebooks call.

The lesson has one shape: analysis in :mod:`summitkit.analysis.compare`, the agreement figure in
:mod:`summitkit.figures.compare`, the claim reader and tables in :mod:`summitkit.views.compare`.
The relations between sources (agree, differ in emphasis, ...) are defined in :mod:`summitkit.relations`.
"""

from __future__ import annotations

from summitkit.analysis.compare import (
    ROLE_PHRASES,
    by_topic,
    counts,
    finding,
    framing,
    of_relation,
    same_evidence,
    shared_remark,
    shown_relations,
    sources,
    topic_label,
    totals,
)
from summitkit.figures import Picture, picture
from summitkit.figures.compare import alt_text, plot
from summitkit.relations import label as relation_label
from summitkit.views.compare import claim_reader, framing_html, side_by_side

__all__ = [
    "ROLE_PHRASES",
    "alt_text",
    "by_topic",
    "claim_reader",
    "counts",
    "figure",
    "finding",
    "framing",
    "framing_html",
    "of_relation",
    "plot",
    "relation_label",
    "same_evidence",
    "shared_remark",
    "shown_relations",
    "side_by_side",
    "sources",
    "topic_label",
    "totals",
]


def figure(caption: str | None = "Text description of the figure") -> Picture:
    """The lesson's agreement figure with its description (built once by ``run.py build``; drawn now if the data changed)."""
    return picture("agreement", caption)
