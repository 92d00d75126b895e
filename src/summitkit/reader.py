"""A paragraph-numbered reader for the sources: page through, or search both texts.

>>> [str(c) for c, _ in search("Six-Party")]
['rsis ¶6', 'rsis ¶7', 'rsis ¶17']
"""

from __future__ import annotations

import html
import re

from summitkit.citations import Citation
from summitkit.sources import collapse, load_text, source_ids


def search(term: str, sources: list[str] | None = None, width: int = 60) -> list[tuple[Citation, str]]:
    """Paragraphs containing ``term`` (case and white space ignored), each with a snippet."""
    needle = collapse(term).casefold()
    if not needle:
        return []
    hits = []
    for sid in sources or source_ids():
        for n, para in enumerate(load_text(sid).paragraphs, start=1):
            flat = collapse(para)
            at = flat.casefold().find(needle)
            if at >= 0:
                start, end = max(0, at - width), min(len(flat), at + len(needle) + width)
                snippet = ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
                hits.append((Citation(sid, n), snippet))
    return hits


def paragraph_html(citation: Citation, highlight: str = "") -> str:
    """A paragraph as safe HTML with its citation and section, ``highlight`` marked."""
    text = load_text(citation.source)
    body = html.escape(collapse(citation.text()))
    needle = collapse(highlight)
    if needle:
        body = re.sub(re.escape(html.escape(needle)), lambda m: f"<mark>{m.group(0)}</mark>", body, flags=re.IGNORECASE)
    heading = text.headings[citation.paragraph - 1]
    section = f"<div style='color:#555'>Section: {html.escape(heading)}</div>" if heading else ""
    return (
        f"<div style='max-width:46em;line-height:1.5'><div><b>{html.escape(str(citation))}</b> "
        f"of {len(text.paragraphs)} · <i>{html.escape(text.title)}</i></div>{section}"
        f"<p style='font-size:1.05em'>{body}</p></div>"
    )


def reader(source: str | None = None, start: int = 1):  # -> ipywidgets.VBox
    """A widget to page through a source paragraph by paragraph and to search all sources."""
    import ipywidgets as w

    from summitkit.controls import row
    from summitkit.tables import sources_table

    options = [(f"{s.outlet}: {s.title}", s.id) for s in sources_table()]
    pick = w.Dropdown(options=options, value=source or options[0][1], description="Text:", layout=w.Layout(width="36em"))
    number = w.BoundedIntText(value=start, min=1, max=len(load_text(pick.value).paragraphs), description="Paragraph ¶", layout=w.Layout(width="12em"))
    prev_button = w.Button(description="◀ Previous", tooltip="Previous paragraph")
    next_button = w.Button(description="Next ▶", tooltip="Next paragraph")
    page = w.HTML()
    query = w.Text(placeholder="a word or phrase, e.g. sanctions", description="Search:", continuous_update=False)
    results = w.Select(options=[], rows=6, layout=w.Layout(width="46em", display="none"))
    status = w.Label()
    state = {"highlight": ""}

    def show(*_):
        number.max = len(load_text(pick.value).paragraphs)
        page.value = paragraph_html(Citation(pick.value, number.value), state["highlight"])
        prev_button.disabled = number.value <= 1
        next_button.disabled = number.value >= number.max

    def step(delta: int) -> None:
        number.value = min(max(1, number.value + delta), number.max)

    def find(*_):
        hits = search(query.value)
        state["highlight"] = query.value
        if not collapse(query.value):
            status.value, results.layout.display = "", "none"
        else:
            status.value = f"{len(hits)} paragraph(s) contain “{collapse(query.value)}”" + ("; choose one to read it." if hits else ".")
            results.options = [(f"{c}: {snip}", (c.source, c.paragraph)) for c, snip in hits]
            results.value = None
            results.layout.display = "" if hits else "none"
        show()

    def jump(change):
        if change["new"]:
            sid, n = change["new"]
            pick.value, number.value = sid, n

    pick.observe(lambda _: (setattr(number, "value", 1), show()), names="value")
    number.observe(show, names="value")
    prev_button.on_click(lambda _: step(-1))
    next_button.on_click(lambda _: step(1))
    query.observe(find, names="value")
    results.observe(jump, names="value")
    show()
    return w.VBox([pick, row(prev_button, number, next_button), page, row(query, status), results])
