"""Lesson 02's views: the table of every event, each source's version of one event, the outside record, the explorer."""

from __future__ import annotations

from summitkit.analysis.timeline import FLAGS, LONG, Event, actors, event, events, explanation, verdict, when
from summitkit.citations import Citation
from summitkit.controls import alert_area, guard, row
from summitkit.figures import OFFLINE, can_draw, svg_html
from summitkit.figures.timeline import alt_text, svg_for
from summitkit.markup import Markup, details, el, join, page, table
from summitkit.sources import short_name, source_ids
from summitkit.tables import OUTSIDE, TimelineEvent, note_part
from summitkit.wording import all_of, counted, join_words, the_n


def flag(item: Event) -> Markup:
    """The flag of an event dated differently (≠ a contradiction, ≈ an apparent one), with the data's explanation."""
    kind = verdict(item)
    if not kind:
        return Markup("")
    symbol, words = FLAGS[kind]
    why = explanation(item)
    return join(
        [
            " ",
            el("span", f"{symbol} {words}", cls=f"summit-flag-{kind}"),
            el("div", f"Why: {why}", cls="summit-note") if why else "",
        ]
    )


def table_html(rows: tuple[TimelineEvent, ...] | None = None, flags: bool = True, by_year: bool = False) -> Markup:
    """Every event, earliest first: when each source dates it, its words and the paragraph.

    ``flags``: mark the events dated differently (≠ a contradiction, ≈ an apparent one) with the data's
    explanation; an exercise that asks which event that is leaves them out. ``by_year``: one folded table per
    year (of the earliest dating), so a long table costs one line per year until the learner opens one.
    """
    header = ["when (earliest dating)", "event (our paraphrase)", "what each text says"]
    groups: dict[int, list[list[object]]] = {}
    for item in events(rows):
        says = [
            el("div", el("b", short_name(r.source)), f" ({r.source} ¶{r.paragraph}): {when(r)}. “{r.quote}”") for r in item.rows
        ]
        earliest = min(item.rows, key=lambda r: (r.start, r.end, r.precision == "relative"))
        date = when(earliest).replace(" (worked out from another event)", " (estimate)")
        groups.setdefault(earliest.start.year, []).append([date, join([item.label, flag(item) if flags else ""]), join(says)])
    if not by_year:
        return page(table(header, [line for lines in groups.values() for line in lines]))
    folded = [details(f"{year}: {counted(len(lines), 'event')}", table(header, lines)) for year, lines in groups.items()]
    return page(el("div", "Open a year to see its events.", cls="summit-note"), *folded)


def versions_html(event_id: str) -> Markup:
    """Each source's words on one event, side by side, with the full paragraph to read."""
    columns = []
    for r in event(event_id).rows:
        cite = Citation(r.source, r.paragraph)
        columns.append(
            el(
                "div",
                el("b", short_name(r.source)),
                f" ({cite}) dates it to ",
                el("b", when(r)),
                ".",
                el("br"),
                f"Its words: “{r.quote}”",
                cite.details(),
                cls="summit-column",
            )
        )
    return page(el("div", *columns, cls="summit-columns"))


def outside_html(event_id: str) -> Markup:
    """What an outside record says about an event, from the notes in the data, clearly marked."""
    parts = [p for p in dict.fromkeys(note_part(r.note, OUTSIDE) for r in event(event_id).rows) if p]
    if not parts:
        return page(el("p", "The data records no outside source for this event."))
    names = [short_name(s) for s in source_ids()]
    return page(
        el(
            "div",
            el("b", f"From outside {the_n(len(names))}"),
            " (news reports recorded in ",
            el("code", "data/timeline.csv"),
            f", not {join_words(names, 'or')}):",
            el("p", max(parts, key=len)),
            cls="summit-outside",
        )
    )


def explore():  # -> ipywidgets.VBox
    """Filter the timeline by actor or source and zoom on years; redraws one picture and its description."""
    import ipywidgets as w

    ids = source_ids()
    actor = w.Dropdown(options=[("every actor", "")] + [(a, a) for a in actors()], description="Actor:")
    source = w.Dropdown(options=[(all_of(len(ids)), "")] + [(short_name(s), s) for s in ids], description="Source:")
    years = w.IntRangeSlider(
        value=LONG,
        min=LONG[0],
        max=LONG[1],
        description="Years:",
        continuous_update=False,
        layout=w.Layout(width="30em", max_width="100%"),
    )
    years.add_class("summit-slider")  # its two handles are named "Years from" and "Years to" (markup.ACCESSIBILITY_SCRIPT)
    image = w.HTML(layout=w.Layout(max_width="100%"))  # the picture with its alt text (an ipywidgets Image has none)
    words = w.HTML()

    def draw(*_):
        args = (actor.value or None, source.value or None, tuple(years.value))
        described = alt_text(*args)
        image.value = str(page(svg_html(svg_for(*args), described)))
        words.value = str(page(details("Describe this figure in words", described)))

    status = alert_area()
    controls = (actor, source, years)
    for control in controls:
        control.observe(guard(draw, status), names="value")  # a failure is said in the page, not lost in the log
    draw()  # the whole timeline: the picture run.py build drew, no matplotlib needed
    box = w.VBox([row(actor, source), years, status, image, words], layout=w.Layout(max_width="100%"))
    box.add_class("summit-widget")
    box.actor, box.source, box.years, box.image, box.words = actor, source, years, image, words  # handles for tests
    note = w.HTML(str(page(el("p", OFFLINE, role="note", cls="summit-offline"))))

    def ready() -> None:
        for control in controls:
            control.disabled = False
        box.children = tuple(c for c in box.children if c is not note)

    if not can_draw(when_ready=ready):  # the browser version, offline: the filters would need a redraw
        for control in controls:
            control.disabled = True
        box.children = (*box.children[:2], note, *box.children[2:])
    return box
