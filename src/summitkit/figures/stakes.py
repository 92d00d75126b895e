"""Lesson 03's actor × source figure: per actor, a stacked bar of its stakes by kind, one panel per source.

The first source's bars grow to the left and every other source's to the right, so with two sources a
lopsided row is an actor the two authors see differently. Kinds differ by colour *and* hatching; each
bar ends with its total. matplotlib loads only when the figure is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from summitkit.analysis.stakes import by_source, counts, finding, ranked_actors, sources, totals
from summitkit.figures import lesson_figure, literal_text
from summitkit.figures.style import stacked_axes
from summitkit.sources import possessive, short_name
from summitkit.tables import STAKE_KINDS, Stake
from summitkit.wording import counted, join_words, number_word

#: Colour, hatching and legend word per kind (Paul Tol's 'vibrant' colours; the hatching means colour is never needed alone).
KIND_STYLE = {
    "wants": ("#0077BB", "", "wants"),
    "fears": ("#EE7733", "//", "fears"),
    "risks": ("#CC3311", "..", "risks"),
    "gains": ("#009988", "xx", "gains"),
}
CAPTION = "A count is how many stakes we recorded from each text (data/stakes.csv): it measures the text's attention, not the size of the stake."


@dataclass(frozen=True)
class Bar:
    """One segment of the figure: an actor's stakes of one kind in one source."""

    actor: str
    source: str
    kind: str
    left: int  # where the segment starts (stakes of earlier kinds)
    width: int  # number of stakes


def plot_bars(rows: tuple[Stake, ...] | None = None) -> list[Bar]:
    """What the figure draws: one stacked segment per actor, source and kind (zero-width left out)."""
    tally = counts(rows, grouped=True)
    bars = []
    for actor in ranked_actors(rows):
        for source in sources(rows):
            left = 0
            for kind in STAKE_KINDS:
                n = tally.get((actor, source, kind), 0)
                if n:
                    bars.append(Bar(actor, source, kind, left, n))
                left += n
    return bars


def alt_text(rows: tuple[Stake, ...] | None = None) -> str:
    """The actor × source figure in words."""
    ids = sources(rows)
    order = ranked_actors(rows)
    tally = counts(rows, grouped=True)
    total = totals(rows, grouped=True)
    if len(ids) == 2:
        layout = (
            f"A two-sided bar chart with one row per actor ({len(order)} rows); {possessive(short_name(ids[0]))} stakes grow "
            f"to the left, {possessive(short_name(ids[1]))} to the right"
        )
    else:
        layout = (
            f"A bar chart with one panel per text ({number_word(len(ids))} panels) and one row per actor ({len(order)} rows); "
            f"{possessive(short_name(ids[0]))} stakes grow to the left, "
            f"{join_words([possessive(short_name(s)) for s in ids[1:]])} to the right"
        )
    parts = [f"{layout}, each bar split by kind (wants, fears, risks, gains) with a different colour and hatching."]
    for actor in order:
        sides = []
        for source in ids:
            n = total.get((actor, source), 0)
            kinds = ", ".join(f"{tally[(actor, source, k)]} {k}" for k in STAKE_KINDS if tally.get((actor, source, k)))
            sides.append(f"{short_name(source)} {n}" + (f" ({kinds})" if kinds else ""))
        parts.append(f"{actor}: " + "; ".join(sides) + ".")
    return " ".join(parts)


@literal_text
def plot(rows: tuple[Stake, ...] | None = None):  # -> matplotlib.figure.Figure
    """The actor × source figure for ``rows`` (default: the course's stakes)."""
    from matplotlib.patches import Patch

    bars = plot_bars(rows)
    order = ranked_actors(rows)
    ids = sources(rows)
    tally = totals(rows, grouped=True)
    most = max([tally.get((a, s), 0) for a in order for s in ids] + [1])
    fig, (frame,) = stacked_axes([0.42 * max(len(order), 1)], width=10.0, left=1.9, top=1.0, gap=0, bottom=1.25)
    box = frame.get_position()
    frame.remove()
    gap = 0.02
    width = (box.width - gap * (len(ids) - 1)) / len(ids)
    axes = [fig.add_axes((box.x0 + i * (width + gap), box.y0, width, box.height)) for i in range(len(ids))]
    for side, (ax, source) in enumerate(zip(axes, ids)):
        for bar in (b for b in bars if b.source == source):
            colour, hatch, _ = KIND_STYLE[bar.kind]
            ax.barh(
                order.index(bar.actor),
                bar.width,
                left=bar.left,
                height=0.62,
                color=colour,
                hatch=hatch,
                edgecolor="white",
                lw=0.8,
            )
        for i, actor in enumerate(order):
            n = tally.get((actor, source), 0)
            ax.text(
                n + most * 0.015,
                i,
                str(n) if n else "0 (none)",
                va="center",
                ha="right" if side == 0 else "left",
                fontsize=8.5,
                color="#222222" if n else "#777777",
            )
        ax.set_xlim(0, most * 1.15)
        ax.set_title(f"{short_name(source)} ({counted(len(by_source(source, rows)), 'stake')})", fontsize=10)
        ax.set_xlabel(("← " if side == 0 else "") + f"number of stakes {short_name(source)} sets out" + (" →" if side else ""))
        ax.grid(axis="x", color="#dddddd", lw=0.6)
        ax.set_axisbelow(True)
        ax.set_ylim(len(order) - 0.5, -0.5)
        if side:
            ax.set_yticks(range(len(order)), [])
            ax.tick_params(axis="y", left=False)
    axes[0].invert_xaxis()
    axes[0].set_yticks(range(len(order)), order, fontsize=9)
    handles = [
        Patch(facecolor=KIND_STYLE[k][0], hatch=KIND_STYLE[k][1], edgecolor="white", label=KIND_STYLE[k][2]) for k in STAKE_KINDS
    ]
    fig.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=4,
        fontsize=9,
        frameon=False,
        title="kind of stake (colour and hatching)",
    )
    fig.suptitle(finding(rows), fontsize=11, ha="left", va="top", x=0.01, y=1 - 0.12 / fig.get_figheight())
    fig.text(0.01, 1 - 0.42 / fig.get_figheight(), CAPTION, fontsize=8.5, color="#444444", ha="left", va="top")
    fig.summitkit_alt = alt_text(rows)
    return fig


@lesson_figure("stakes", reads=("stakes.csv",), alt_text=alt_text)
def draw():  # -> matplotlib.figure.Figure
    """The lesson's actor × source figure."""
    return plot()
