"""Lesson 04's views: one claim side by side, the claim reader, and the table of framing words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from summitkit.analysis.compare import ROLE_PHRASES, framing, shown_relations, sources, topic_label
from summitkit.citations import Citation
from summitkit.controls import Pager, row
from summitkit.markup import Markup, el, join, page, table
from summitkit.relations import label as relation_label
from summitkit.sources import short_name
from summitkit.tables import Claim, claims


def side_by_side(claim_id: str, rows: Iterable[Claim] | None = None) -> Markup:
    """One claim as safe HTML: each source's cited paragraph in its own column, then our paraphrase."""
    found = list(claims() if rows is None else rows)
    claim = next((c for c in found if c.id == claim_id), None)
    if claim is None:
        raise KeyError(f"no claim {claim_id!r} in data/claims.csv")
    columns = []
    for sid in sources(found):
        name = short_name(sid)
        if sid in claim.quotes:
            number, quote = claim.quotes[sid]
            body = join([el("div", el("b", "Key words quoted:"), f" “{quote}”"), Citation(sid, number).html()])
        else:
            body = el("div", el("i", f"{name} does not make this point (so our table records)."), cls="summit-muted")
        columns.append(el("div", el("h4", name), body, cls="summit-column"))
    return page(
        el(
            "div",
            el(
                "div",
                el("b", "Claim"),
                " ",
                el("code", claim.id),
                f" · topic: {topic_label(claim.topic)} · how the sources relate: ",
                el("b", relation_label(claim.relation)),
            ),
            el("div", *columns, cls="summit-columns"),
            el(
                "div",
                el("b", "Our paraphrase"),
                f" (the course's summary, not the authors' words): {claim.explanation}",
                cls="summit-paraphrase",
            ),
            cls="summit-claim",
        )
    )


def claim_reader(start: str | None = None, relation: str | None = None):  # -> ipywidgets.VBox
    """A widget to flip through the claims, optionally of one relation, with the passages side by side."""
    import ipywidgets as w

    found = list(claims())
    pick_relation = w.Dropdown(
        options=[("all claims", "")] + [(relation_label(r), r) for r in shown_relations(found)],
        value=relation or "",
        description="Show:",
    )
    pick_claim = w.Dropdown(description="Claim:", layout=w.Layout(width="40em", max_width="100%"))
    page_html = w.HTML()

    def chosen() -> list[Claim]:
        return [c for c in found if not pick_relation.value or c.relation == pick_relation.value]

    def move(index: int) -> None:
        pick_claim.value = chosen()[index].id

    pager = Pager("claim", on_move=move)

    def fill(*_):
        keep = pick_claim.value
        shown = chosen()
        pick_claim.options = [(f"{topic_label(c.topic)} · {c.id}", c.id) for c in shown]
        ids = [c.id for c in shown]
        pick_claim.value = keep if keep in ids else (ids[0] if ids else None)
        show()

    def show(*_):
        ids = [c.id for c in chosen()]
        if pick_claim.value not in ids:
            page_html.value = str(page(el("i", "No claims of this kind.")))
            pager.show(None, 0)
            return
        pager.show(ids.index(pick_claim.value), len(ids))
        page_html.value = str(side_by_side(pick_claim.value, found))

    pick_relation.observe(pager.guard(fill), names="value")
    pick_claim.observe(pager.guard(show), names="value")
    fill()
    if start in [c.id for c in chosen()]:
        pick_claim.value = start
    box = w.VBox([row(pick_relation, pick_claim), pager.box, page_html], layout=w.Layout(max_width="100%"))
    box.add_class("summit-widget")
    box.pick_relation, box.pick_claim, box.page, box.pager = pick_relation, pick_claim, page_html, pager  # handles for tests
    box.prev_button, box.next_button = pager.prev_button, pager.next_button
    return box


def framing_html(phrases: Sequence[str] = ROLE_PHRASES) -> Markup:
    """Where each phrase occurs in each source, as a table of citations ("—": not used)."""
    found = framing(phrases)
    ids = sources()
    body = [[f"“{phrase}”", *(", ".join(str(c) for c in per[s]) or "—" for s in ids)] for phrase, per in found.items()]
    return page(table(["Words", *(short_name(s) for s in ids)], body))
