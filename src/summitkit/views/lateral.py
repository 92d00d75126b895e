"""Lateral reading: the outside records (``data/outside/``) shown as sources, and a search box that answers
from them offline the way a results page would.

Everything here is marked on screen as records outside the two texts, summarised in the course's words,
and every record or result shows its publisher, its date (or "no date on the page") and its address.
"""

from __future__ import annotations

from summitkit.controls import alert_area, guard, on_click, row
from summitkit.dates import iso_bounds, period_words
from summitkit.markup import Markup, el, page
from summitkit.outside import UNDATED, OutsideRecord, SearchResult, load, search
from summitkit.wording import counted

#: What every view of the records says of them, first.
OUTSIDE_LABEL = "Records outside the two texts, summarised in the course's words"
#: What the search box says before a search, and after an empty one.
HOW = "Type a name, a place or an organisation (for example Lukin or Stimson), then press Enter or Search."
#: The longest query read; anything after it is ignored (a pasted page is not a query).
MAX_QUERY = 200
#: The packets the search box searches unless told otherwise: the lateral-reading records and the summit's.
SEARCHED = ("lateral", "summit")


def date_words(published: str) -> str:
    """A record's date in words: '25 April 2019', 'May 2019', '2014', or 'no date on the page'.

    >>> date_words("2019-04-25"), date_words("2019-05"), date_words("2014"), date_words(UNDATED)
    ('25 April 2019', 'May 2019', '2014', 'no date on the page')
    """
    if published == UNDATED:
        return "no date on the page"
    return period_words(*iso_bounds(published))


def _banner(extra: object = "") -> Markup:
    """The mark every view carries: outside the texts, in the course's words."""
    return el("p", el("b", OUTSIDE_LABEL), extra, role="note", cls="summit-note")


def _source_line(publisher: str, published: str, url: str, record_id: str) -> Markup:
    """Publisher · date · address · [id]: the source of one record or result."""
    return el(
        "div",
        el("b", publisher),
        ", ",
        date_words(published),
        " · ",
        el("a", url, href=url, target="_blank", rel="noopener noreferrer"),
        " · record ",
        el("code", record_id),
        cls="summit-note",
    )


def record_html(record: OutsideRecord) -> Markup:
    """One record as a source: title, publisher, date, address and id, then the summary, the quotation and the note."""
    parts: list[object] = [
        el("b", record.title),
        _source_line(record.publisher, record.published, record.url, record.id),
        el("p", record.summary),
    ]
    if record.quote:
        parts.append(el("p", "“", record.quote, "” (", record.quote_by, ")", cls="summit-quote"))
    if record.note:
        parts.append(el("p", "Note: ", record.note, cls="summit-note"))
    return el("li", *parts)


def records_html(packet: str, heading: str = "", intro: str = "") -> Markup:
    """Every record of one packet, in the file's order, each with its source, inside the outside-the-texts frame."""
    records = load(packet)
    body: list[object] = []
    if heading:
        body.append(el("h3", heading))
    body.append(_banner(f" ({counted(len(records), 'record')}, from data/outside/{packet}.csv)."))
    if intro:
        body.append(el("p", intro))
    body.append(el("ol", *(record_html(r) for r in records), cls="summit-list"))
    return page(el("div", *body, cls="summit-outside"))


def context_html() -> Markup:
    """The one-page background of lesson 02: Korea's division, the nuclear issue, Russia and North Korea, the 2018–19 summits."""
    return records_html(
        "context",
        "Context: what happened before April 2019",
        "Background that neither text gives: Korea's division, the nuclear issue to 2019, Russia and "
        "North Korea since 1990, and the summit diplomacy of 2018–19. Each fact is a record of a page "
        "published by someone else: check who, when, and whether they were close to the event.",
    )


def epilogue_html() -> Markup:
    """The dated record of what happened next (2023–2025), for lesson 05's "which analysis aged better?"."""
    return records_html(
        "epilogue",
        "Epilogue: what happened next, 2023–2025",
        "Neither author could know any of this when writing in 2019. Test what each text expected "
        "against these records, and cite them by their record id.",
    )


def summit_records_html() -> Markup:
    """The outside records of the summit itself (the Kremlin's transcripts, TASS, AFP), to be sourced in lesson 02."""
    return records_html(
        "summit",
        "The summit in outside records, 23–26 April 2019",
        "Who published each record, when, and how close to the event? The talks were on 25 April 2019 in Vladivostok.",
    )


def results_html(query: str, results: list[SearchResult]) -> Markup:
    """The results of one search as a results page lays them out: title, publisher and date, address, snippet."""
    if not query.strip():
        return page(_banner(), el("p", HOW))
    if not results:
        return page(_banner(), el("p", f"No record matches “{query}”. Try other words: a name, a place, an organisation."))
    items = [el("li", el("b", r.title), _source_line(r.publisher, r.published, r.url, r.id), el("p", r.snippet)) for r in results]
    said = f"{counted(len(results), 'record')} found for “{query}”, best match first."
    return page(_banner(), el("p", said), el("ol", *items, cls="summit-list"))


def search_box(packets: tuple[str, ...] = SEARCHED, limit: int = 8):  # -> ipywidgets.VBox
    """A labelled search box over the outside records: Enter or the Search button answers, in a live region."""
    import ipywidgets as w

    query = w.Text(
        placeholder="e.g. Lukin, Stimson, Eurasia Review",
        description="Search the records:",
        continuous_update=False,
        style={"description_width": "initial"},
        layout=w.Layout(width="100%", max_width="32em"),
        tooltip="Type words, then press Enter or Search",
    )
    button = w.Button(description="Search", icon="search", tooltip="Search the outside records", layout=w.Layout(width="auto"))
    results = w.HTML(str(results_html("", [])), layout=w.Layout(max_width="100%"))
    results.add_class("summit-live")  # markup.ACCESSIBILITY_SCRIPT makes it role=status, aria-live=polite
    status = alert_area()
    state = {"last": None}

    def find(typed: object = None) -> None:
        text = str(query.value if typed is None else typed)[:MAX_QUERY].strip()
        pool = [record for packet in packets for record in load(packet)]
        found = search(text, records=pool, limit=limit) if text else []
        results.value = str(results_html(text, found))
        state["last"] = (text, [r.id for r in found])

    on_click(button, find, status)
    query.observe(guard(lambda change: find(change["new"]), status), names="value")  # Enter (or leaving the box)
    box = w.VBox([row(query, button), status, results], layout=w.Layout(max_width="100%"))
    box.add_class("summit-widget")
    box.query, box.button, box.results, box.status = query, button, results, status  # handles for tests
    box.last = lambda: state["last"]
    return box
