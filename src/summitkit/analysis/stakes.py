"""Lesson 03's stakes: what each actor wants, fears, risks or gains, according to each source.

>>> from summitkit.tables import Stake
>>> toy = (Stake("Russia", "wants", "a seat", "a", 1, "q", ""), Stake("Russia", "fears", "war", "b", 2, "q", ""),
...        Stake("Kenya", "wants", "trade", "a", 3, "q", ""), Stake("Russia", "gains", "prestige", "a", 4, "q", ""))
>>> actors(toy)
['Russia', 'Kenya']
>>> counts(toy)[("Russia", "a", "wants")], totals(toy)[("Russia", "a")], totals(toy, grouped=True)[(OTHERS, "a")]
(1, 2, 1)
>>> seen_differently(1, toy)
[('Russia', {'a': 2, 'b': 1}), ('Kenya', {'a': 1, 'b': 0})]
>>> finding(toy)
'Both texts give Russia the most stakes; they differ most on Russia (a 2, b 1)'
"""

from __future__ import annotations

import re
from collections import Counter

from summitkit.analysis.sourcing import structure
from summitkit.sources import collapse, load_text, ordered_sources, short_name
from summitkit.tables import STAKE_KINDS, Stake, stakes
from summitkit.wording import all_of

#: The actors the course follows one by one; any other actor in the data is grouped under OTHERS.
MAIN_ACTORS = ("Russia", "North Korea", "United States", "China", "South Korea", "Japan", "ASEAN", "UN Security Council")
OTHERS = "Others named in one text"
_ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Finally")


def _rows(rows: tuple[Stake, ...] | None) -> tuple[Stake, ...]:
    return stakes() if rows is None else tuple(rows)


def sources(rows: tuple[Stake, ...] | None = None) -> list[str]:
    """Every source, in the order of sources.csv (a source with no stake is listed too)."""
    return ordered_sources((r.source for r in _rows(rows)), every=rows is None)


def group(actor: str) -> str:
    """The actor's row in the figure: itself if it is one of :data:`MAIN_ACTORS`, else :data:`OTHERS`."""
    return actor if actor in MAIN_ACTORS else OTHERS


def actors(rows: tuple[Stake, ...] | None = None) -> list[str]:
    """Every actor in the data, the one with most stakes first."""
    tally = Counter(r.actor for r in _rows(rows))
    return sorted(tally, key=lambda a: (-tally[a], a))


def by_actor(actor: str, source: str | None = None, rows: tuple[Stake, ...] | None = None) -> list[Stake]:
    """One actor's stakes (from one source, if given), in the order of the data file."""
    return [r for r in _rows(rows) if r.actor == actor and (source is None or r.source == source)]


def by_source(source: str, rows: tuple[Stake, ...] | None = None) -> list[Stake]:
    """Every stake one source sets out."""
    return [r for r in _rows(rows) if r.source == source]


def counts(rows: tuple[Stake, ...] | None = None, grouped: bool = False) -> Counter[tuple[str, str, str]]:
    """Stakes per ``(actor, source, kind)``; actors outside MAIN_ACTORS pooled as OTHERS if ``grouped``."""
    return Counter((group(r.actor) if grouped else r.actor, r.source, r.kind) for r in _rows(rows))


def totals(rows: tuple[Stake, ...] | None = None, grouped: bool = False) -> Counter[tuple[str, str]]:
    """Stakes per ``(actor, source)``, all kinds together."""
    out: Counter[tuple[str, str]] = Counter()
    for (actor, source, _kind), n in counts(rows, grouped).items():
        out[(actor, source)] += n
    return out


def ranked_actors(rows: tuple[Stake, ...] | None = None) -> list[str]:
    """The figure's rows, top to bottom: main actors by total stakes, then the pooled others."""
    tally = totals(rows, grouped=True)
    present = {a for a, _ in tally}
    main = sorted((a for a in present if a != OTHERS), key=lambda a: (-sum(n for (b, _), n in tally.items() if b == a), a))
    return main + ([OTHERS] if OTHERS in present else [])


def seen_differently(min_gap: int = 3, rows: tuple[Stake, ...] | None = None) -> list[tuple[str, dict[str, int]]]:
    """Actors whose stake counts differ by at least ``min_gap`` between two sources, biggest gap first.

    Returns ``(actor, {source: count, ...})`` with every source, in the order of sources.csv.
    """
    tally = totals(rows)
    ids = sources(rows)
    found = []
    for actor in actors(rows):
        per = {s: tally.get((actor, s), 0) for s in ids}
        if max(per.values()) - min(per.values()) >= min_gap:
            found.append((actor, per))
    return sorted(found, key=lambda t: -(max(t[1].values()) - min(t[1].values())))


def only_in(source: str, rows: tuple[Stake, ...] | None = None) -> list[str]:
    """Actors only this source gives any stake to."""
    tally = totals(rows)
    others = [s for s in sources(rows) if s != source]
    return [a for a in actors(rows) if tally.get((a, source)) and not any(tally.get((a, o)) for o in others)]


def finding(rows: tuple[Stake, ...] | None = None) -> str:
    """The sentence the figure's title states, computed from the data (see the module's examples)."""
    ids = sources(rows)
    tally = totals(rows, grouped=True)
    order = ranked_actors(rows)
    if not order:
        return "No stakes recorded yet"
    tops = {s: max(order, key=lambda a, s=s: tally.get((a, s), 0)) for s in ids}
    if len(set(tops.values())) == 1:
        text = f"{all_of(len(ids)).capitalize()} give {tops[ids[0]]} the most stakes"
    else:
        text = f"{short_name(ids[0])} gives {tops[ids[0]]} the most stakes, " + ", ".join(
            f"{short_name(s)} {tops[s]}" for s in ids[1:]
        )
    gaps = seen_differently(1, rows)
    if gaps:
        actor, per = gaps[0]
        text += f"; they differ most on {actor} (" + ", ".join(f"{short_name(s)} {n}" for s, n in per.items()) + ")"
    return text


def reasons(source: str) -> list[tuple[int, str]]:
    """The numbered reasons of a text: (paragraph, its first sentence) for each paragraph opening
    with First, Second, Third, Fourth, Fifth or Finally, in reading order.

    >>> [n for n, _ in reasons("rsis")]
    [5, 8, 9, 10, 12]
    """
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


__all__ = [
    "MAIN_ACTORS",
    "OTHERS",
    "STAKE_KINDS",
    "actors",
    "build_up",
    "by_actor",
    "by_source",
    "counts",
    "finding",
    "group",
    "motive_rows",
    "motives",
    "only_in",
    "ranked_actors",
    "reasons",
    "seen_differently",
    "sources",
    "totals",
]
