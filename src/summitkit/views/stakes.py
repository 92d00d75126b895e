"""Lesson 03's views: the actor cards, the figure's numbers as a table, and the texts' accounts of motives."""

from __future__ import annotations

from summitkit.analysis.stakes import actors, by_actor, counts, motive_rows, ranked_actors, reasons, sources
from summitkit.citations import Citation
from summitkit.controls import Pager
from summitkit.figures.stakes import alt_text
from summitkit.markup import Markup, details, el, join, page, table
from summitkit.sources import short_name
from summitkit.tables import STAKE_KINDS, Stake
from summitkit.wording import counted


def count_table_html(rows: tuple[Stake, ...] | None = None) -> Markup:
    """Stakes per actor and source, split by kind, as a table (the figure's numbers; · for none)."""
    return page(_count_table(rows))


def figure_words_html() -> Markup:
    """The figure's description and its numbers, each one click away (folded), so the page shows the counts once."""
    return page(
        details("Describe this figure in words", el("p", alt_text())),
        details("The figure's numbers, kind by kind (a table)", _count_table()),
    )


def _count_table(rows: tuple[Stake, ...] | None = None) -> Markup:
    ids = sources(rows)
    tally = counts(rows, grouped=True)
    head = el(
        "thead",
        el("tr", el("td", ""), *(el("th", short_name(s), colspan=len(STAKE_KINDS), scope="colgroup") for s in ids)),
        el("tr", el("td", ""), *(el("th", k, scope="col") for _ in ids for k in STAKE_KINDS)),
    )
    body = [
        el(
            "tr",
            el("th", actor, scope="row"),
            *(el("td", tally.get((actor, s, k), 0) or "·", cls="summit-center") for s in ids for k in STAKE_KINDS),
        )
        for actor in ranked_actors(rows)
    ]
    return el("table", head, el("tbody", *body), cls="summit-table")


#: A column with more stakes than this shows them folded by kind (wants, fears, ...), one click to open each.
FOLD_ABOVE = 6


def _stake_html(row: Stake, kind: bool = True) -> Markup:
    cite = Citation(row.source, row.paragraph)
    note = [el("br"), el("span", f"Note: {row.note}", cls="summit-muted")] if row.note else []
    label = [el("b", row.kind.upper()), " · "] if kind else []
    return el(
        "li",
        *label,
        f"{row.stake} ",
        el("i", "(our paraphrase)"),
        el("br"),
        f"Its words: “{row.quote}” ({cite})",
        *note,
        cite.details(),
    )


def _column_html(source: str, mine: list[Stake]) -> Markup:
    """One source's stakes for one actor: all shown when there are few, folded by kind when there are many."""
    kinds = ", ".join(f"{n} {k}" for k in STAKE_KINDS if (n := sum(1 for r in mine if r.kind == k)))
    heading = el("h4", f"{short_name(source)}: {counted(len(mine), 'stake')}" + (f" ({kinds})" if kinds else ""))
    if not mine:
        body = el("ul", el("li", el("i", "This text gives this actor no stake.")), cls="summit-list")
    elif len(mine) <= FOLD_ABOVE:
        body = el("ul", *(_stake_html(r) for r in mine), cls="summit-list")
    else:
        groups = [
            details(f"{kind} ({len(rows)})", el("ul", *(_stake_html(r, kind=False) for r in rows), cls="summit-list"))
            for kind in STAKE_KINDS
            if (rows := [r for r in mine if r.kind == kind])
        ]
        body = join([el("div", "Open a kind to read its stakes:", cls="summit-note"), *groups])
    return el("div", heading, body, cls="summit-column")


def card_html(actor: str, rows: tuple[Stake, ...] | None = None) -> Markup:
    """One actor's card: per source, the stakes with their kind, the quotation and the passage to read.

    A long column is folded by kind (see :data:`FOLD_ABOVE`), so the card fits on a screen and its
    Previous / Next stay in reach.
    """
    columns = [_column_html(source, list(by_actor(actor, source, rows))) for source in sources(rows)]
    return page(el("h3", actor), el("div", *columns, cls="summit-columns"))


def actor_cards(start: str | None = None):  # -> ipywidgets.VBox
    """Flip through the actors: per source, what each says the actor wants, fears, risks or gains.

    Previous / Next stand above the card and again below it.
    """
    import ipywidgets as w

    names = actors()
    pick = w.Dropdown(options=names, value=start or names[0], description="Actor:")
    pager = Pager("actor", pick, on_move=lambda i: setattr(pick, "value", names[i]))
    card = w.HTML()
    footer = pager.footer()

    def show(*_):
        card.value = str(card_html(pick.value))
        pager.show(names.index(pick.value), len(names))

    pick.observe(pager.guard(show), names="value")
    show()
    box = w.VBox([pager.box, card, footer], layout=w.Layout(max_width="100%"))
    box.add_class("summit-widget")
    box.pick, box.pager, box.card, box.footer = pick, pager, card, footer  # handles for tests
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
                parts += [
                    el("p", el("b", f"{len(numbered)} numbered reasons"), " (the opening sentence of each):"),
                    el(
                        "ol",
                        *(
                            el("li", f"“{sentence}” ({Citation(source, n)})", Citation(source, n).details())
                            for n, sentence in numbered
                        ),
                    ),
                ]
            chosen = motive_rows(actor, source)
            if chosen:
                where = ", ".join(dict.fromkeys(f"¶{r.paragraph}" for r in chosen))
                parts += [
                    el("p", el("b", f"What it says {person} wants, fears, risks or gains"), f" ({where}):"),
                    el(
                        "ul",
                        *(
                            el(
                                "li",
                                el("b", r.kind),
                                f": “{r.quote}” ({Citation(r.source, r.paragraph)})",
                                Citation(r.source, r.paragraph).details(),
                            )
                            for r in chosen
                        ),
                    ),
                ]
            cells.append(join(parts) if parts else el("i", "Nothing recorded."))
        body.append([join([f"{person}'s motives", el("br"), f"({actor})"]), *cells])
    return page(table(["", *(short_name(s) for s in ids)], body))
