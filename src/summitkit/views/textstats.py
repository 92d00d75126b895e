"""Lesson 04's text measures as tables: one column (or panel) per text, named as the other lessons name it."""

from __future__ import annotations

from summitkit.analysis.textstats import HEDGES, distinctive_words, measures, quotations_by_paragraph, source_texts, term_rates
from summitkit.markup import Markup, el, num, page, table
from summitkit.sources import short_name, source_ids


def term_rates_html(texts: dict[str, str] | None = None, terms: tuple[str, ...] = HEDGES) -> Markup:
    """:func:`term_rates` as a table: times used, per 1,000 of the author's own words, and which words."""
    texts = source_texts() if texts is None else texts
    body = [
        [
            short_name(name),
            num(sum(found.values())),
            num(f"{rate:.1f}"),
            ", ".join(f"{w} ×{n}" for w, n in found.most_common()) or "—",
        ]
        for name, (found, rate) in term_rates(texts, terms).items()
    ]
    return page(
        table(["", "times", "per 1,000 words", "which words"], body),
        el("div", f"Words counted: {', '.join(terms)}; quotations left out.", cls="summit-muted"),
    )


def measures_html(texts: dict[str, str] | None = None) -> Markup:
    """The measures of each text as a small table, one column per text."""
    texts = source_texts() if texts is None else texts
    found = measures(texts)
    rows = [
        ("Words", lambda m: f"{m.words:,}"),
        ("Sentences", lambda m: f"{m.sentences}"),
        ("Mean sentence length (words)", lambda m: f"{m.mean_sentence_length:.1f}"),
        ("Quotations (“…”)", lambda m: f"{m.quotations}"),
        ("Words inside quotations", lambda m: f"{m.quoted_words} ({m.quoted_share:.0%})"),
    ]
    return page(
        table(["", *(short_name(n) for n in found)], [[label, *(num(fmt(m)) for m in found.values())] for label, fmt in rows])
    )


def distinctive_html(texts: dict[str, str] | None = None, top: int = 10) -> Markup:
    """Each text's distinctive words as a table: word, times here, times in the others, ratio."""
    texts = source_texts() if texts is None else texts
    panels = []
    for name, found in distinctive_words(texts, top=top).items():
        body = [[d.word, num(d.count), num(d.others), num(f"{d.ratio:.1f}×")] for d in found]
        panels.append(
            el(
                "div",
                el("b", short_name(name)),
                table(["word", "here", "in the others", "ratio"], body, row_headers=False),
                cls="summit-panel",
            )
        )
    return page(el("div", *panels, cls="summit-panels"))


def quotations_html(sources: list[str] | None = None) -> Markup:
    """Every quotation in each source, with its paragraph, one panel per source."""
    panels = []
    for sid in sources or source_ids():
        items = [el("li", el("b", cite), f": “{quote}”") for cite, quote in quotations_by_paragraph(sid)]
        panels.append(el("div", el("b", short_name(sid)), el("ol", *items), cls="summit-panel"))
    return page(el("div", *panels, cls="summit-panels"))
