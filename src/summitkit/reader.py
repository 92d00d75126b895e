"""A paragraph-numbered reader for the sources: page through, or search every text.

>>> [str(c) for c, _ in search("Six-Party")]
['rsis ¶6', 'rsis ¶7', 'rsis ¶17']
"""

from __future__ import annotations

from summitkit.citations import Citation
from summitkit.controls import Pager, row
from summitkit.markup import Markup, el, page
from summitkit.markup import highlight as mark
from summitkit.sources import collapse, load_text, source_ids, sources_table
from summitkit.wording import all_of


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


def paragraph_html(citation: Citation, highlight: str = "") -> Markup:
    """A paragraph as safe HTML with its citation and section, ``highlight`` marked."""
    text = load_text(citation.source)
    body = mark(collapse(citation.text()), collapse(highlight))
    heading = text.headings[citation.paragraph - 1]
    section = [el("div", f"Section: {heading}", cls="summit-muted")] if heading else []
    return page(el("div", el("div", el("b", str(citation)), f" of {len(text.paragraphs)} · ", el("i", text.title)), *section,
                   el("p", body), cls="summit-page"))


def reader(source: str | None = None, start: int = 1):  # -> ipywidgets.VBox
    """A widget to page through a source paragraph by paragraph and to search every source."""
    import ipywidgets as w

    options = [(f"{s.outlet}: {s.title}", s.id) for s in sources_table()]
    pick = w.Dropdown(options=options, value=source or options[0][1], description="Text:", layout=w.Layout(width="36em", max_width="100%"))
    number = w.BoundedIntText(value=start, min=1, max=len(load_text(pick.value).paragraphs), description="Paragraph ¶",
                              layout=w.Layout(width="12em"))
    pager = Pager("paragraph", number, on_move=lambda i: setattr(number, "value", i + 1))
    shown = w.HTML()
    query = w.Text(placeholder="a word or phrase, e.g. sanctions", description="Search:", continuous_update=False,
                   tooltip=f"Search {all_of(len(options))}")
    results = w.Select(options=[], rows=6, description="Found:", layout=w.Layout(width="46em", max_width="100%", display="none"))
    status = w.Label()
    state = {"highlight": ""}

    def show(*_):
        number.max = len(load_text(pick.value).paragraphs)
        shown.value = str(paragraph_html(Citation(pick.value, number.value), state["highlight"]))
        pager.show(number.value - 1, number.max)

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

    safe = pager.guard  # what goes wrong after a change is said beside the pager, not lost in JupyterLab's log
    pick.observe(safe(lambda _: (setattr(number, "value", 1), show())), names="value")
    number.observe(safe(show), names="value")
    query.observe(safe(find), names="value")
    results.observe(safe(jump), names="value")
    show()
    box = w.VBox([pick, pager.box, shown, row(query, status), results], layout=w.Layout(max_width="100%"))
    box.add_class("summit-widget")
    box.pick, box.number, box.pager, box.page, box.query, box.status, box.results = pick, number, pager, shown, query, status, results
    return box
