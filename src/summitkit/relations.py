"""How the sources relate on a claim (the ``relation`` column of ``data/claims.csv``): one line per relation.

To add a relation, add one line to :data:`RELATIONS`: its id (what claims.csv writes), the label a
learner reads, its meaning in one line, a colour and a hatch pattern for the agreement figure (never
colour alone), whether the figure's legend lists it even when no claim has it, and how many sources a
claim of this kind must quote. Validation, counts, the figure, its alt text and the claim reader all
read this table. Besides these, every source ``<id>`` has its own ``only-<id>`` relation.

>>> relation("apparent-contradiction").label
'apparent contradiction'
>>> [r.id for r in for_sources(["38north", "rsis"])][-2:]
['only-38north', 'only-rsis']
>>> relation("only-nobody").meaning
'Only nobody makes the point; the other texts are silent on it.'
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from summitkit.sources import short_name, source_ids

ONLY = "only-"


@dataclass(frozen=True)
class Relation:
    """One relation between the sources on a claim."""

    id: str
    label: str  # what a learner reads
    meaning: str  # when to use it, in one line
    colour: str  # bar colour in the agreement figure (Okabe-Ito, safe for colour-blind readers)
    hatch: str  # matplotlib hatch pattern, so the bars differ without colour
    always: bool = False  # listed in the figure's legend even when no claim has it
    min_sources: int = 2  # how many sources a claim of this kind must quote

    @property
    def only(self) -> str | None:
        """The source id of an ``only-<id>`` relation, else None."""
        return self.id[len(ONLY) :] if self.id.startswith(ONLY) else None


RELATIONS: tuple[Relation, ...] = (
    Relation("agree", "agree", "The texts say the same thing on the point.", "#009E73", "", always=True),
    Relation(
        "emphasis",
        "differ in emphasis",
        "The texts speak to the same point but weigh or frame it differently.",
        "#E69F00",
        "//",
        always=True,
    ),
    Relation(
        "apparent-contradiction",
        "apparent contradiction",
        "The accounts look incompatible but can both be true (for example once a third source is read); the explanation says how.",
        "#CC79A7",
        "oo",
    ),
    Relation("contradict", "contradict", "The accounts cannot both be right.", "#D55E00", "xx", always=True),
)

#: Colour and hatch of the ``only-<id>`` relations, taken in the order of data/sources.csv (then again from the start).
ONLY_STYLES = (("#56B4E9", ".."), ("#0072B2", "\\\\"), ("#F0E442", "++"), ("#999999", "--"), ("#000000", "||"))


def only_relation(source_id: str, position: int = 0) -> Relation:
    """The ``only-<id>`` relation of one source (``position``: its place in sources.csv, for its style)."""
    colour, hatch = ONLY_STYLES[position % len(ONLY_STYLES)]
    name = short_name(source_id)
    return Relation(
        f"{ONLY}{source_id}",
        f"only in {name}",
        f"Only {name} makes the point; the other texts are silent on it.",
        colour,
        hatch,
        always=True,
        min_sources=1,
    )


def for_sources(known: list[str] | None = None) -> tuple[Relation, ...]:
    """Every relation allowed for the sources (default: those of sources.csv), in the legend's order."""
    known = source_ids() if known is None else known
    return RELATIONS + tuple(only_relation(sid, i) for i, sid in enumerate(known))


def relation(relation_id: str, known: list[str] | None = None) -> Relation:
    """One relation by id; an unknown ``only-<id>`` gets a grey style, any other unknown id a KeyError."""
    for item in for_sources(known):
        if item.id == relation_id:
            return item
    if relation_id.startswith(ONLY):  # a source not in sources.csv (say, of made-up claims): grey, no hatch
        return replace(only_relation(relation_id[len(ONLY) :]), colour="#BBBBBB", hatch="")
    raise KeyError(f"no relation {relation_id!r}; the relations are {', '.join(r.id for r in for_sources(known))}")


def label(relation_id: str) -> str:
    """The words a learner reads for a relation (``only-rsis`` -> ``only in RSIS``)."""
    try:
        return relation(relation_id).label
    except KeyError:
        return relation_id
