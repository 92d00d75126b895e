"""Lesson 01's views of the sources: who, where, when, for whom, how long, how built.

>>> structure("rsis")[0]
('SYNOPSIS', 1, 1)
"""

from __future__ import annotations

import html

from summitkit.sources import load_text
from summitkit.tables import source_info, sources_table


def structure(source_id: str) -> list[tuple[str, int, int]]:
    """(heading, first paragraph, last paragraph) for each section of a source."""
    text = load_text(source_id)
    sections: list[tuple[str, int, int]] = []
    for number, heading in enumerate(text.headings, start=1):
        label = heading or "(before the first heading)"
        if sections and sections[-1][0] == label:
            sections[-1] = (label, sections[-1][1], number)
        else:
            sections.append((label, number, number))
    return sections


def facts(source_id: str) -> dict[str, str]:
    """What a careful reader records about a source, as label -> text."""
    info = source_info(source_id)
    text = load_text(source_id)
    return {
        "Title": info.title,
        "Outlet": f"{info.outlet}. {info.extra.get('outlet_note', '')}".strip(),
        "Author": f"{info.author}. {info.author_note}".strip(),
        "Date": f"{info.date}. {info.date_note}".strip(),
        "Genre": info.genre,
        "Intended audience": info.extra.get("audience", "not recorded"),
        "Length": f"{text.words} words in {len(text.paragraphs)} paragraphs, {len(set(h for h in text.headings if h))} headings",
        "Our copy": info.extra.get("copy_note", ""),
        "Original": info.url,
    }


def compare_html() -> str:
    """The sources side by side, one row per question a reader asks."""
    ids = [s.id for s in sources_table()]
    table = {sid: facts(sid) for sid in ids}
    head = "".join(f"<th style='text-align:left'>{html.escape(sid)}</th>" for sid in ids)
    rows = "".join(
        f"<tr><th style='text-align:left;vertical-align:top'>{html.escape(label)}</th>"
        + "".join(f"<td style='text-align:left;vertical-align:top;max-width:30em'>{html.escape(table[sid][label])}</td>" for sid in ids)
        + "</tr>"
        for label in table[ids[0]]
    )
    return f"<table><tr><th></th>{head}</tr>{rows}</table>"


def structure_html(source_id: str) -> str:
    """A source's outline: each heading with the paragraphs under it."""
    items = "".join(
        f"<li>{html.escape(h)}: ¶{a}" + (f"–{b}" if b != a else "") + "</li>" for h, a, b in structure(source_id))
    return f"<b>{html.escape(load_text(source_id).title)}</b><ol style='list-style:none'>{items}</ol>"
