"""Lesson 03's views: the actor cards, the figure's numbers as a table, and the texts' accounts of motives."""

from __future__ import annotations

from summitkit.analysis.stakes import actors, by_actor, counts, motive_rows, ranked_actors, reasons, sources
from summitkit.citations import Citation
from summitkit.controls import Pager
from summitkit.markup import Markup, el, join, page, table
from summitkit.sources import short_name
from summitkit.tables import STAKE_KINDS, Stake
from summitkit.wording import counted


def count_table_html(rows: tuple[Stake, ...] | None = None) -> Markup:
    """Stakes per actor and source, split by kind, as a table (the figure's numbers; · for none)."""
    ids = sources(rows)
    tally = counts(rows, grouped=True)
    head = el("thead",
              el("tr", el("td", ""), *(el("th", short_name(s), colspan=len(STAKE_KINDS), scope="colgroup") for s in ids)),
              el("tr", el("td", ""), *(el("th", k, scope="col") for _ in ids for k in STAKE_KINDS)))
    body = [el("tr", el("th", actor, scope="row"),
               *(el("td", tally.get((actor, s, k), 0) or "·", cls="summit-center") for s in ids for k in STAKE_KINDS))
            for actor in ranked_actors(rows)]
    return page(el("table", head, el("tbody", *body), cls="summit-table"))


def _stake_html(row: Stake) -> Markup:
    cite = Citation(row.source, row.paragraph)
    note = [el("br"), el("span", f"Note: {row.note}", cls="summit-muted")] if row.note else []
    return el("li", el("b", row.kind.upper()), f" · {row.stake} ", el("i", "(our paraphrase)"), el("br"),
              f"Its words: “{row.quote}” ({cite})", *note, cite.details())


def card_html(actor: str, rows: tuple[Stake, ...] | None = None) -> Markup:
    """One actor's card: per source, the stakes with their kind, the quotation and the passage to read."""
    columns = []
    for source in sources(rows):
        mine = by_actor(actor, source, rows)
        items = [_stake_html(r) for r in mine] or [el("li", el("i", "This text gives this actor no stake."))]
        kinds = ", ".join(f"{n} {k}" for k in STAKE_KINDS if (n := sum(1 for r in mine if r.kind == k)))
        columns.append(el("div", el("h4", f"{short_name(source)}: {counted(len(mine), 'stake')}" + (f" ({kinds})" if kinds else "")),
                          el("ul", *items, cls="summit-list"), cls="summit-column"))
    return page(el("h3", actor), el("div", *columns, cls="summit-columns"))


def actor_cards(start: str | None = None):  # -> ipywidgets.VBox
    """Flip through the actors: per source, what each says the actor wants, fears, risks or gains."""
    import ipywidgets as w

    names = actors()
    pick = w.Dropdown(options=names, value=start or names[0], description="Actor:")
    pager = Pager("actor", pick, on_move=lambda i: setattr(pick, "value", names[i]))
    card = w.HTML()

    def show(*_):
        card.value = str(card_html(pick.value))
        pager.show(names.index(pick.value), len(names))

    pick.observe(pager.guard(show), names="value")
    show()
    box = w.VBox([pager.box, card], layout=w.Layout(max_width="100%"))
    box.add_class("summit-widget")
    box.pick, box.pager, box.card = pick, pager, card  # handles for tests
    return box


def motives_html() -> Markup:
    """Numbered reasons (a text that numbers them, like RSIS for Putin) and each text's account of Putin's and Kim's motives.

    Built from the texts and from ``data/stakes.csv``: the reasons are the first sentences of the
    paragraphs that open with an ordinal word; the rest are the stakes of :func:`motive_rows`.
    """
    ids = sources()
    body = []
    for actor, person in (("Russia", "Putin"), ("North Korea", "Kim")):
        cells = []
        for source in ids:
            numbered = reasons(source) if actor == "Russia" else []
            parts: list[object] = []
            if numbered:
                parts += [el("p", el("b", f"{len(numbered)} numbered reasons"), " (the opening sentence of each):"),
                          el("ol", *(el("li", f"“{sentence}” ({Citation(source, n)})", Citation(source, n).details())
                                     for n, sentence in numbered))]
            chosen = motive_rows(actor, source)
            if chosen:
                where = ", ".join(dict.fromkeys(f"¶{r.paragraph}" for r in chosen))
                parts += [el("p", el("b", f"What it says {person} wants, fears, risks or gains"), f" ({where}):"),
                          el("ul", *(el("li", el("b", r.kind), f": “{r.quote}” ({Citation(r.source, r.paragraph)})",
                                        Citation(r.source, r.paragraph).details()) for r in chosen))]
            cells.append(join(parts) if parts else el("i", "Nothing recorded."))
        body.append([join([f"{person}'s motives", el("br"), f"({actor})"]), *cells])
    return page(table(["", *(short_name(s) for s in ids)], body))

