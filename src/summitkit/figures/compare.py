"""Lesson 04's agreement figure: a stacked bar per topic, split by how the sources relate on each claim.

Each relation has its own colour *and* hatching (from :mod:`summitkit.relations`), each bar segment is
labelled with its count, topics are sorted by number of claims and the title states the finding.
Built on a bare :class:`matplotlib.figure.Figure` (no pyplot state); matplotlib loads only when drawn.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from summitkit.analysis.compare import by_topic, finding, shown_relations, sources, topic_label, totals
from summitkit.figures import lesson_figure, literal_text
from summitkit.relations import Relation, relation
from summitkit.tables import Claim, claims


def _relation(relation_id: str, rows: list[Claim]) -> Relation:
    return relation(relation_id, sources(rows))


def alt_text(rows: Iterable[Claim] | None = None, relations: Sequence[str] | None = None) -> str:
    """What the agreement figure shows, in words, for a reader who cannot see it."""
    found = list(claims() if rows is None else rows)
    rels = shown_relations(found) if relations is None else tuple(relations)
    table = by_topic(found, rels)
    total = totals(found, rels)
    overall = "; ".join(f"{_relation(r, found).label}: {n}" for r, n in total.items())
    topics = sorted(table, key=lambda t: -sum(table[t].values()))
    per_topic = "; ".join(
        f"{topic_label(t)}: " + ", ".join(f"{n} {_relation(r, found).label}" for r, n in table[t].items() if n) for t in topics
    )
    return (
        f"Horizontal stacked bar chart of {len(found)} claims in {len(table)} topics, one bar per topic, "
        f"each bar split by how the sources relate on that claim. {finding(found, rels)}. "
        f"Totals: {overall}. By topic, largest first: {per_topic}."
    )


@literal_text
def plot(rows: Iterable[Claim] | None = None, relations: Sequence[str] | None = None):  # -> matplotlib.figure.Figure
    """The agreement figure for ``rows`` (default: the course's claims)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    found = list(claims() if rows is None else rows)
    rels = shown_relations(found) if relations is None else tuple(relations)
    table = by_topic(found, rels)
    topics = sorted(table, key=lambda t: (sum(table[t].values()), [-table[t][r] for r in rels]))  # largest at the top
    fig = Figure(figsize=(9.5, 0.42 * len(topics) + 2.2), layout="constrained")
    ax = fig.add_subplot()
    left = [0] * len(topics)
    for rel in rels:
        look = _relation(rel, found)
        values = [table[t][rel] for t in topics]
        bars = ax.barh(
            [topic_label(t) for t in topics],
            values,
            left=left,
            color=look.colour,
            hatch=look.hatch,
            edgecolor="black",
            linewidth=0.6,
            label=look.label,
        )
        for bar, value in zip(bars, values):
            if value:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=9,
                    fontweight="bold",
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.9),
                )
        left = [a + b for a, b in zip(left, values)]
    widest = max(left, default=1)
    ax.set_xlim(0, widest + 0.5)
    ax.set_xticks(range(0, widest + 1))
    ax.set_xlabel("Number of claims in the comparison table (data/claims.csv)")
    ax.set_ylabel("Topic")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [
        Patch(
            facecolor=_relation(r, found).colour,
            hatch=_relation(r, found).hatch,
            edgecolor="black",
            label=_relation(r, found).label,
        )
        for r in rels
    ]
    ax.legend(handles=handles, title="How the texts relate", loc="lower right", frameon=True, fontsize=9)
    ax.set_title("\n".join(textwrap.wrap(finding(found, rels), 62)), loc="left", fontsize=11.5, fontweight="bold")
    fig.summitkit_alt = alt_text(found, rels)
    return fig


@lesson_figure("agreement", reads=("claims.csv",), alt_text=alt_text)
def draw():  # -> matplotlib.figure.Figure
    """The lesson's agreement figure."""
    return plot()
