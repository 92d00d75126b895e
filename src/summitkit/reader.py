"""A paragraph-numbered reader for the sources: page through, go to a number, search as you type, compare two passages.

>>> [str(c) for c, _ in search("Six-Party")]
['rsis ¶6', 'rsis ¶7', 'rsis ¶17']
>>> where("12", "rsis"), where("rsis ¶40", "38north")[1], where("twelve", "rsis")[1]
(('rsis', 12, ''), 'rsis has paragraphs 1 to 17: there is no ¶40.', 'Type a paragraph number, like 12, then press Enter.')
"""

from __future__ import annotations

import re
from collections.abc import Callable

from summitkit.citations import Citation, parse_citation
from summitkit.controls import Pager, on_click, row
from summitkit.markup import Markup, el, page
from summitkit.markup import highlight as mark
from summitkit.sources import collapse, load_text, source_ids, sources_table
from summitkit.wording import all_of

MIN_SEARCH = 2  # letters before a search runs: one letter matches almost every paragraph
_NUMBER = re.compile(r"\s*(?:¶|§|para(?:graph)?\.?)?\s*(\d{1,6})\s*\.?\s*", re.IGNORECASE)


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


def where(typed: str, source: str) -> tuple[str, int, str] | tuple[None, str]:
    """What a learner typed in the "Go to ¶" box: ``(source, number, "")``, or ``(None, why not)`` in a sentence.

    A number (``12``, ``¶12``, ``para 12``) is a paragraph of ``source``; a citation (``rsis ¶12``, ``rsis 12``)
    names its own text. A number out of range says which numbers the text has.
    """
    text = typed.strip()
    match = _NUMBER.fullmatch(text)
    if match:
        sid, number = source, int(match.group(1))
    else:
        try:
            cited = parse_citation(text)
        except ValueError:
            return None, "Type a paragraph number, like 12, then press Enter."
        if cited.source not in source_ids():
            return None, f"There is no text called “{cited.source}” here: the texts are {', '.join(source_ids())}."
        sid, number = cited.source, cited.paragraph
    count = len(load_text(sid).paragraphs)
    if not 1 <= number <= count:
        return None, f"{sid} has paragraphs 1 to {count}: there is no ¶{number}."
    return sid, number, ""


def paragraph_html(citation: Citation, highlight: str = "") -> Markup:
    """A paragraph as safe HTML with its citation and section, ``highlight`` marked."""
    text = load_text(citation.source)
    body = mark(collapse(citation.text()), collapse(highlight))
    heading = text.headings[citation.paragraph - 1]
    section = [el("div", f"Section: {heading}", cls="summit-muted")] if heading else []
    return page(
        el(
            "div",
            el("div", el("b", str(citation)), f" of {len(text.paragraphs)} · ", el("i", text.title)),
            *section,
            el("p", body),
            cls="summit-page",
        )
    )


class Pane:
    """One column of the reader: a text, a paragraph of it, Previous / Next, and a "Go to ¶" box.

    The box starts empty and empties again after each jump, so typed digits never join an old number;
    a number the text does not have is answered with the numbers it does have, and the page stays put.
    """

    def __init__(self, source: str, start: int = 1, highlight: Callable[[], str] = lambda: "") -> None:
        import ipywidgets as w

        options = [(f"{s.outlet}: {s.title}", s.id) for s in sources_table()]
        self.highlight = highlight
        self.pick = w.Dropdown(
            options=options, value=source, description="Text:", layout=w.Layout(width="100%", max_width="36em")
        )
        self.goto = w.Text(
            placeholder="e.g. 12",
            description="Go to ¶",
            continuous_update=False,
            layout=w.Layout(width="12em"),
            tooltip="Type a paragraph number and press Enter (or Go)",
        )
        self.go_button = w.Button(description="Go", layout=w.Layout(width="auto"), tooltip="Go to the paragraph typed")
        self.message = w.HTML()
        self.page = w.HTML()
        self.number = 1
        self._moving = False  # set while show() changes the text itself
        self.pager = Pager("paragraph", on_move=lambda i: self.show(i + 1))
        safe = self.pager.guard  # what goes wrong is said beside the pager, not lost in JupyterLab's log
        self.pick.observe(safe(lambda _: None if self._moving else self.show(1)), names="value")
        self.goto.observe(safe(lambda change: self.go(change["new"])), names="value")
        on_click(self.go_button, lambda: self.go(self.goto.value), self.pager.status)
        self.box = w.VBox(
            [self.pick, self.pager.box, row(self.goto, self.go_button), self.message, self.page],
            layout=w.Layout(flex="1 1 24em", min_width="min(18em, 100%)", max_width="48em"),
        )
        self.show(start)

    @property
    def count(self) -> int:
        return len(load_text(self.pick.value).paragraphs)

    def show(self, number: int, source: str | None = None) -> None:
        """Show paragraph ``number`` (of ``source``, or of the text already chosen)."""
        if source is not None and source != self.pick.value:
            self._moving = True
            try:
                self.pick.value = source
            finally:
                self._moving = False
        self.number = min(max(1, number), self.count)
        self.message.value = ""
        self.page.value = str(paragraph_html(Citation(self.pick.value, self.number), self.highlight()))
        self.pager.show(self.number - 1, self.count)

    def go(self, typed: str) -> None:
        """Go to what was typed in the box (see :func:`where`), or say why not and stay."""
        if not typed.strip():
            return
        found = where(typed, self.pick.value)
        if found[0] is None:
            self.message.value = str(page(el("div", f"⚠ {found[1]}", role="status", cls="summit-note")))
            return
        sid, number, _ = found
        self.goto.value = ""  # empty again: the next number typed starts afresh
        self.show(number, sid)

    def refresh(self) -> None:
        self.show(self.number)


def reader(source: str | None = None, start: int = 1):  # -> ipywidgets.VBox
    """Page through a text paragraph by paragraph, search every text as you type, and open a second column to compare."""
    import ipywidgets as w

    ids = source_ids()
    state = {"highlight": ""}
    first = Pane(source or ids[0], start, highlight=lambda: state["highlight"])
    second: list[Pane] = []  # made on the first click on Compare
    columns = w.HBox([first.box], layout=w.Layout(flex_flow="row wrap", align_items="flex-start", width="100%"))
    compare = w.Button(
        description="Compare: open a second column",
        icon="columns",
        layout=w.Layout(width="auto"),
        tooltip="Read two paragraphs side by side",
    )
    query = w.Text(
        placeholder="a word or phrase, e.g. sanctions",
        description="Search:",
        continuous_update=True,
        tooltip=f"Search {all_of(len(ids))}; results appear as you type",
    )
    status = w.Label(value="Results appear as you type.")
    results = w.Select(options=[], rows=6, description="Found:", layout=w.Layout(width="100%", max_width="46em", display="none"))

    def target() -> Pane:
        """Where a search result opens: the second column when it is open (the first keeps your place)."""
        return second[0] if second and second[0].box in columns.children else first

    def toggle(_=None) -> None:
        if second and second[0].box in columns.children:
            columns.children = (first.box,)
            compare.description = "Compare: open a second column"
        else:
            if not second:
                other = next((s for s in ids if s != first.pick.value), first.pick.value)
                second.append(
                    Pane(other, min(first.number, len(load_text(other).paragraphs)), highlight=lambda: state["highlight"])
                )
            columns.children = (first.box, second[0].box)
            compare.description = "Close the second column"
        find()

    def find(*_) -> None:
        typed = collapse(query.value)
        state["highlight"] = typed if len(typed) >= MIN_SEARCH else ""
        if not typed:
            status.value, results.layout.display = "Results appear as you type.", "none"
        elif len(typed) < MIN_SEARCH:
            status.value, results.layout.display = f"Type at least {MIN_SEARCH} letters.", "none"
        else:
            hits = search(typed)
            side = " in the second column" if target() is not first else ""
            status.value = f"{len(hits)} paragraph(s) contain “{typed}”" + (f"; choose one to read it{side}." if hits else ".")
            results.options = [(f"{c}: {snip}", (c.source, c.paragraph)) for c, snip in hits]
            results.value = None
            results.layout.display = "" if hits else "none"
        for pane in [first, *second]:
            pane.refresh()

    def jump(change) -> None:
        if change["new"]:
            sid, n = change["new"]
            target().show(n, sid)

    safe = first.pager.guard  # what goes wrong after a change is said beside the pager, not lost in JupyterLab's log
    on_click(compare, toggle, first.pager.status)
    query.observe(safe(find), names="value")
    results.observe(safe(jump), names="value")
    box = w.VBox([columns, row(compare), row(query, status), results], layout=w.Layout(max_width="100%"))
    box.add_class("summit-widget")  # the width rules and focus rings of the stylesheet
    box.first, box.second, box.columns, box.compare = first, second, columns, compare  # handles for tests
    box.pick, box.goto, box.pager, box.page = first.pick, first.goto, first.pager, first.page
    box.query, box.status, box.results = query, status, results
    return box
