"""Lesson 01's sourcing: who wrote each text, where, when, for whom, how long, how built.

>>> structure("rsis")[0]
('SYNOPSIS', 1, 1)
"""

from __future__ import annotations

from summitkit.sources import load_text, source_info


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
