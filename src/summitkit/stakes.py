"""Lesson 03's views of the stakes: what each actor wants, fears, risks or gains, according to each source.

The pure functions work on the rows of ``data/stakes.csv`` (see :func:`summitkit.tables.stakes`);
the figure and the widgets import matplotlib and ipywidgets only when they are called.

>>> actors()[:2]
['Russia', 'North Korea']
>>> counts()[("North Korea", "38north", "wants")] > counts()[("North Korea", "rsis", "wants")]
True
>>> [a for a, *_ in seen_differently()][:1]
['North Korea']
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from summitkit.sources import source_ids
from summitkit.tables import STAKE_KINDS, Stake, short_name, stakes

#: The actors the course follows one by one; any other actor in the data is grouped under OTHERS.
MAIN_ACTORS = ("Russia", "North Korea", "United States", "China", "South Korea", "Japan", "ASEAN", "UN Security Council")
OTHERS = "Others named in one text"
#: Colour and hatching per kind (Paul Tol's 'vibrant' colours; the hatching means colour is never needed alone).
KIND_STYLE = {"wants": ("#0077BB", ""), "fears": ("#EE7733", "//"), "risks": ("#CC3311", ".."), "gains": ("#009988", "xx")}
KIND_WORDS = {"wants": "wants", "fears": "fears", "risks": "risks", "gains": "gains"}
CAPTION = "A count is how many stakes we recorded from each text (data/stakes.csv): it measures the text's attention, not the size of the stake."
_ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Finally")


def group(actor: str) -> str:
    """The actor's row in the figure: itself if it is one of :data:`MAIN_ACTORS`, else :data:`OTHERS`."""
    return actor if actor in MAIN_ACTORS else OTHERS


def actors(rows: tuple[Stake, ...] | None = None) -> list[str]:
    """Every actor in the data, the one with most stakes first."""
    rows = stakes() if rows is None else rows
    tally: dict[str, int] = {}
    for row in rows:
        tally[row.actor] = tally.get(row.actor, 0) + 1
    return sorted(tally, key=lambda a: (-tally[a], a))


def by_actor(actor: str, source: str | None = None, rows: tuple[Stake, ...] | None = None) -> list[Stake]:
    """One actor's stakes (from one source, if given), in the order of the data file."""
    rows = stakes() if rows is None else rows
    return [r for r in rows if r.actor == actor and (source is None or r.source == source)]


def by_source(source: str, rows: tuple[Stake, ...] | None = None) -> list[Stake]:
    """Every stake one source sets out."""
    rows = stakes() if rows is None else rows
    return [r for r in rows if r.source == source]


def counts(rows: tuple[Stake, ...] | None = None, grouped: bool = False) -> dict[tuple[str, str, str], int]:
    """Number of stakes per (actor, source, kind); actors outside MAIN_ACTORS pooled if ``grouped``."""
    rows = stakes() if rows is None else rows
    out: dict[tuple[str, str, str], int] = {}
    for row in rows:
        key = (group(row.actor) if grouped else row.actor, row.source, row.kind)
        out[key] = out.get(key, 0) + 1
    return out


def totals(rows: tuple[Stake, ...] | None = None, grouped: bool = False) -> dict[tuple[str, str], int]:
    """Number of stakes per (actor, source), all kinds together."""
    out: dict[tuple[str, str], int] = {}
    for (actor, source, _kind), n in counts(rows, grouped).items():
        out[(actor, source)] = out.get((actor, source), 0) + n
    return out


def seen_differently(min_gap: int = 3, rows: tuple[Stake, ...] | None = None) -> list[tuple[str, int, int]]:
    """Actors whose stake counts differ by at least ``min_gap`` between the first two sources.

    Returns (actor, count in the first source, count in the second), biggest gap first.
    """
    first, second = source_ids()[:2]
    tally = totals(rows)
    found = []
    for actor in actors(rows):
        a, b = tally.get((actor, first), 0), tally.get((actor, second), 0)
        if abs(a - b) >= min_gap:
            found.append((actor, a, b))
    return sorted(found, key=lambda t: -abs(t[1] - t[2]))


def only_in(source: str, rows: tuple[Stake, ...] | None = None) -> list[str]:
    """Actors only this source gives any stake to."""
    tally = totals(rows)
    others = [s for s in source_ids() if s != source]
    return [a for a in actors(rows) if tally.get((a, source)) and not any(tally.get((a, o)) for o in others)]


@dataclass(frozen=True)
class Bar:
    """One segment of the figure: an actor's stakes of one kind in one source."""

    actor: str
    source: str
    kind: str
    left: int  # where the segment starts (stakes of earlier kinds)
    width: int  # number of stakes


def plot_bars(rows: tuple[Stake, ...] | None = None) -> list[Bar]:
    """What the actor × source figure draws: one stacked segment per actor, source and kind (zero-width left out).

    >>> sum(b.width for b in plot_bars()) == len(stakes())
    True
    """
    tally = counts(rows, grouped=True)
    order = figure_actors(rows)
    bars = []
    for actor in order:
        for source in source_ids():
            left = 0
            for kind in STAKE_KINDS:
                n = tally.get((actor, source, kind), 0)
                if n:
                    bars.append(Bar(actor, source, kind, left, n))
                left += n
    return bars


def figure_actors(rows: tuple[Stake, ...] | None = None) -> list[str]:
    """The figure's rows, top to bottom: main actors by total stakes, then the pooled others."""
    tally = totals(rows, grouped=True)
    present = {a for a, _ in tally}
    main = sorted((a for a in present if a != OTHERS), key=lambda a: (-sum(tally.get((a, s), 0) for s in source_ids()), a))
    return main + ([OTHERS] if OTHERS in present else [])


def finding(rows: tuple[Stake, ...] | None = None) -> str:
    """The sentence the figure's title states, computed from the data.

    >>> finding()
    'Both texts give Russia the most stakes; they differ most on North Korea (38 North 23, RSIS 5)'
    """
    first, second = source_ids()[:2]
    tally = totals(rows, grouped=True)
    tops = {s: max(figure_actors(rows), key=lambda a: tally.get((a, s), 0)) for s in (first, second)}
    if tops[first] == tops[second]:
        text = f"Both texts give {tops[first]} the most stakes"
    else:
        text = f"{short_name(first)} gives {tops[first]} the most stakes, {short_name(second)} {tops[second]}"
    gaps = seen_differently(1, rows)
    if gaps:
        actor, a, b = gaps[0]
        text += f"; they differ most on {actor} ({short_name(first)} {a}, {short_name(second)} {b})"
    return text


def figure():  # -> figures.Picture
    """The lesson's actor × source figure (built once by ``run.py build``; drawn now if the data changed)."""
    from summitkit.figures import lesson_figure

    return lesson_figure("stakes", alt_text)


def plot_actor_matrix(rows: tuple[Stake, ...] | None = None):  # -> matplotlib.figure.Figure
    """Actor × source: for each actor, a stacked bar per source of its stakes by kind.

    38 North's bars grow to the left, RSIS's to the right, so a lopsided row is an actor the two
    authors see differently. Kinds differ by colour *and* hatching; each bar ends with its total.
    """
    from matplotlib.patches import Patch

    from summitkit.figures import stacked_axes

    bars = plot_bars(rows)
    order = figure_actors(rows)
    sources = source_ids()[:2]
    tally = totals(rows, grouped=True)
    most = max([tally.get((a, s), 0) for a in order for s in sources] + [1])
    fig, (frame,) = stacked_axes([0.42 * len(order)], width=10.0, left=1.9, top=1.0, gap=0, bottom=1.25)
    box = frame.get_position()
    frame.remove()
    half = (box.width - 0.02) / 2
    axes = [fig.add_axes((box.x0, box.y0, half, box.height)), fig.add_axes((box.x0 + half + 0.02, box.y0, half, box.height))]
    for side, (ax, source) in enumerate(zip(axes, sources)):
        mine = [b for b in bars if b.source == source]
        for bar in mine:
            colour, hatch = KIND_STYLE[bar.kind]
            ax.barh(order.index(bar.actor), bar.width, left=bar.left, height=0.62, color=colour, hatch=hatch,
                    edgecolor="white", lw=0.8)
        for i, actor in enumerate(order):
            n = tally.get((actor, source), 0)
            ax.text(n + most * 0.015, i, str(n) if n else "0 (none)", va="center", ha="right" if side == 0 else "left", fontsize=8.5,
                    color="#222222" if n else "#777777")
        ax.set_xlim(0, most * 1.15)
        ax.set_title(f"{short_name(source)} ({len(by_source(source, rows))} stakes)", fontsize=10)
        ax.set_xlabel(("← " if side == 0 else "") + f"number of stakes {short_name(source)} sets out" + (" →" if side else ""))
        ax.grid(axis="x", color="#dddddd", lw=0.6)
        ax.set_axisbelow(True)
    axes[0].invert_xaxis()
    axes[0].set_yticks(range(len(order)), order, fontsize=9)
    axes[1].set_yticks(range(len(order)), [])
    axes[1].tick_params(axis="y", left=False)
    for ax in axes:
        ax.set_ylim(len(order) - 0.5, -0.5)
    handles = [Patch(facecolor=KIND_STYLE[k][0], hatch=KIND_STYLE[k][1], edgecolor="white", label=KIND_WORDS[k]) for k in STAKE_KINDS]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=4, fontsize=9, frameon=False,
               title="kind of stake (colour and hatching)")
    fig.suptitle(finding(rows), fontsize=11, ha="left", va="top", x=0.01, y=1 - 0.12 / fig.get_figheight())
    fig.text(0.01, 1 - 0.42 / fig.get_figheight(), CAPTION, fontsize=8.5, color="#444444", ha="left", va="top")
    fig.summitkit_alt = alt_text(rows)
    return fig


def alt_text(rows: tuple[Stake, ...] | None = None) -> str:
    """The actor × source figure in words."""
    first, second = source_ids()[:2]
    order = figure_actors(rows)
    tally = counts(rows, grouped=True)
    total = totals(rows, grouped=True)
    parts = [f"A two-sided bar chart with one row per actor ({len(order)} rows); {short_name(first)}'s stakes grow to the left, "
             f"{short_name(second)}'s to the right, each bar split by kind (wants, fears, risks, gains) with a different colour and hatching."]
    for actor in order:
        sides = []
        for source in (first, second):
            n = total.get((actor, source), 0)
            kinds = ", ".join(f"{tally[(actor, source, k)]} {k}" for k in STAKE_KINDS if tally.get((actor, source, k)))
            sides.append(f"{short_name(source)} {n}" + (f" ({kinds})" if kinds else ""))
        parts.append(f"{actor}: " + "; ".join(sides) + ".")
    return " ".join(parts)


def count_table_html(rows: tuple[Stake, ...] | None = None) -> str:
    """Stakes per actor and source, split by kind, as a table (the figure's numbers)."""
    sources = source_ids()[:2]
    tally = counts(rows, grouped=True)
    head = "".join(f"<th colspan='{len(STAKE_KINDS)}'>{html.escape(short_name(s))}</th>" for s in sources)
    sub = "".join(f"<th>{k}</th>" for _ in sources for k in STAKE_KINDS)
    body = ""
    for actor in figure_actors(rows):
        cells = "".join(f"<td style='text-align:center'>{tally.get((actor, s, k), 0) or '·'}</td>" for s in sources for k in STAKE_KINDS)
        body += f"<tr><th style='text-align:left'>{html.escape(actor)}</th>{cells}</tr>"
    return f"<table><tr><th></th>{head}</tr><tr><th></th>{sub}</tr>{body}</table>"


def _stake_html(row: Stake) -> str:
    from summitkit.citations import Citation

    cite = Citation(row.source, row.paragraph)
    note = f"<br><span style='color:#555'>Note: {html.escape(row.note)}</span>" if row.note else ""
    return (
        f"<li style='margin-bottom:0.4em'><b>{html.escape(row.kind.upper())}</b> · {html.escape(row.stake)} "
        f"<i>(our paraphrase)</i><br>Its words: “{html.escape(row.quote)}” ({html.escape(str(cite))}){note}"
        f"<details><summary>Read the passage ({html.escape(str(cite))})</summary>{cite.html()}</details></li>"
    )


def card_html(actor: str, rows: tuple[Stake, ...] | None = None) -> str:
    """One actor's card: per source, the stakes with their kind, the quotation and the passage to read."""
    columns = []
    for source in source_ids():
        mine = by_actor(actor, source, rows)
        items = "".join(_stake_html(r) for r in mine) or "<li><i>This text gives this actor no stake.</i></li>"
        kinds = ", ".join(f"{n} {k}" for k in STAKE_KINDS if (n := sum(1 for r in mine if r.kind == k)))
        columns.append(
            f"<td style='vertical-align:top;text-align:left;width:50%'><h4 style='margin:0.2em 0'>{html.escape(short_name(source))}: "
            f"{len(mine)} stake{'s' if len(mine) != 1 else ''}{f' ({kinds})' if kinds else ''}</h4>"
            f"<ul style='padding-left:1.2em'>{items}</ul></td>")
    return f"<h3 style='margin:0.3em 0'>{html.escape(actor)}</h3><table style='width:100%'><tr>{''.join(columns)}</tr></table>"


def actor_cards(start: str | None = None):  # -> ipywidgets.VBox
    """Flip through the actors: per source, what each says the actor wants, fears, risks or gains."""
    import ipywidgets as w

    from summitkit.controls import row

    names = actors()
    pick = w.Dropdown(options=names, value=start or names[0], description="Actor:")
    prev_button = w.Button(description="◀ Previous", tooltip="Previous actor")
    next_button = w.Button(description="Next ▶", tooltip="Next actor")
    where = w.Label()
    card = w.HTML()

    def show(*_):
        i = names.index(pick.value)
        card.value = card_html(pick.value)
        where.value = f"actor {i + 1} of {len(names)}"
        prev_button.disabled, next_button.disabled = i == 0, i == len(names) - 1

    def step(delta: int) -> None:
        pick.value = names[min(max(0, names.index(pick.value) + delta), len(names) - 1)]

    pick.observe(show, names="value")
    prev_button.on_click(lambda _: step(-1))
    next_button.on_click(lambda _: step(1))
    show()
    return w.VBox([row(prev_button, pick, next_button, where), card])


def reasons(source: str = "rsis") -> list[tuple[int, str]]:
    """The numbered reasons of a text: (paragraph, its first sentence) for each paragraph opening
    with First, Second, Third, Fourth, Fifth or Finally, in reading order.

    >>> [n for n, _ in reasons("rsis")]
    [5, 8, 9, 10, 12]
    """
    from summitkit.sources import collapse, load_text

    found = []
    for number, para in enumerate(load_text(source).paragraphs, start=1):
        text = collapse(para)
        if text.split(",", 1)[0] in _ORDINALS:
            found.append((number, _first_sentence(text)))
    return found


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def motives(actor: str, source: str, kind: str = "wants", rows: tuple[Stake, ...] | None = None) -> list[Stake]:
    """What a source says an actor wants (or fears, risks, gains)."""
    return [r for r in by_actor(actor, source, rows) if r.kind == kind]


def build_up(source: str) -> range:
    """The paragraphs where a text explains why the summit happened: its opening paragraph and its first section.

    >>> list(build_up("38north"))
    [1, 2, 3, 4]
    """
    from summitkit.sourcing import structure

    sections = structure(source)
    headed = [s for s in sections if s[0] != "(before the first heading)"]
    last = headed[0][2] if headed else sections[-1][2]
    return range(1, last + 1)


def motive_rows(actor: str, source: str, rows: tuple[Stake, ...] | None = None) -> list[Stake]:
    """The stakes that make up a text's account of an actor's motives for the summit.

    For a text that numbers its reasons (RSIS for Putin), the reasons themselves are shown instead
    (see :func:`reasons`) and this gives nothing; otherwise, the actor's stakes in the text's
    build-up (:func:`build_up`), or all of the actor's stakes if the build-up names none.
    """
    if actor == "Russia" and reasons(source):
        return []
    mine = by_actor(actor, source, rows)
    early = [r for r in mine if r.paragraph in build_up(source)]
    return early or mine


def motives_html() -> str:
    """RSIS's numbered reasons and 38 North's account of Putin's and Kim's motives, side by side.

    Built from the texts and from ``data/stakes.csv``: the reasons are the first sentences of the
    paragraphs that open with an ordinal word; the rest are the stakes of :func:`motive_rows`.
    """
    from summitkit.citations import Citation

    def passage(cite: Citation) -> str:
        return f"<details><summary>Read the passage</summary>{cite.html()}</details>"

    def stake_item(row: Stake) -> str:
        cite = Citation(row.source, row.paragraph)
        return (f"<li><b>{html.escape(row.kind)}</b>: “{html.escape(row.quote)}” ({html.escape(str(cite))}){passage(cite)}</li>")

    def reason_item(source: str, number: int, sentence: str) -> str:
        cite = Citation(source, number)
        return f"<li>“{html.escape(sentence)}” ({html.escape(str(cite))}){passage(cite)}</li>"

    sources = source_ids()[:2]
    rows_html = ""
    for actor, person in (("Russia", "Putin"), ("North Korea", "Kim")):
        cells = ""
        for source in sources:
            numbered = reasons(source) if actor == "Russia" else []
            items = ""
            if numbered:
                items += (f"<p style='margin:0.2em 0'><b>{len(numbered)} numbered reasons</b> (the opening sentence of each):</p><ol>"
                          + "".join(reason_item(source, n, s) for n, s in numbered) + "</ol>")
            chosen = motive_rows(actor, source)
            if chosen:
                where = ", ".join(dict.fromkeys(f"¶{r.paragraph}" for r in chosen))
                items += (f"<p style='margin:0.2em 0'><b>What it says {person} wants, fears, risks or gains</b> ({html.escape(where)}):</p><ul>"
                          + "".join(stake_item(r) for r in chosen) + "</ul>")
            cells += f"<td style='vertical-align:top;text-align:left;width:45%'>{items or '<i>Nothing recorded.</i>'}</td>"
        rows_html += f"<tr><th style='vertical-align:top;text-align:left'>{person}'s motives<br>({html.escape(actor)})</th>{cells}</tr>"
    head = "".join(f"<th style='text-align:left'>{html.escape(short_name(s))}</th>" for s in sources)
    return f"<table><tr><th></th>{head}</tr>{rows_html}</table>"
