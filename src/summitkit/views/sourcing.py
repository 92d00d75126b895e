"""Lesson 01's views of the sources: the facts side by side, and each text's outline."""

from __future__ import annotations

from summitkit.analysis.sourcing import facts, structure
from summitkit.markup import Markup, el, page, table
from summitkit.sources import load_text, short_name, source_ids


def compare_html() -> Markup:
    """The sources side by side, one row per question a reader asks."""
    ids = source_ids()
    known = {sid: facts(sid) for sid in ids}
    return page(table(["", *(short_name(s) for s in ids)], [[label, *(known[s][label] for s in ids)] for label in known[ids[0]]]))


def structure_html(source_id: str | None = None) -> Markup:
    """A source's outline (every source's, if none is named): each heading with the paragraphs under it."""
    outlines = []
    for sid in [source_id] if source_id else source_ids():
        items = [el("li", f"{heading}: ¶{a}" + (f"–{b}" if b != a else "")) for heading, a, b in structure(sid)]
        outlines.append(el("div", el("b", load_text(sid).title), el("ol", *items, cls="summit-outline"), cls="summit-panel"))
    return page(el("div", *outlines, cls="summit-panels"))
