"""Lesson 02's timeline: events grouped by id, how the sources date them, and where they disagree.

An event whose sources' datings share no day is *dated differently*. It is a contradiction, unless
a row's note carries ``APPARENT CONTRADICTION:`` (what follows explains how both accounts can be true).

>>> from summitkit.tables import TimelineEvent
>>> def row(eid, date, source, note=""):
...     return TimelineEvent(eid, date, "", "month", "", eid.title(), ("Russia",), source, 1, "q", note)
>>> toy = (row("invite", "2018-05", "a"), row("invite", "2018-06", "b"),
...        row("visit", "2018-09", "a"), row("visit", "2018-09", "b"), row("talks", "2019-04", "a"))
>>> [e.id for e in events(toy)]
['invite', 'visit', 'talks']
>>> dated_differently(toy), contradictions(toy), sources_of("invite", toy)
(['invite'], ['invite'], ('a', 'b'))
>>> finding(toy)
'1 of 3 events appear in only one of the two texts; the texts share 2 and contradict each other on 1: “Invite”'
>>> toy = toy[:1] + (row("invite", "2018-06", "b", "APPARENT CONTRADICTION: both can be true."),) + toy[2:]
>>> contradictions(toy), apparent_contradictions(toy), explanation(event("invite", toy))
([], ['invite'], 'both can be true.')
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from summitkit.dates import period_words
from summitkit.sources import ordered_sources, short_name
from summitkit.tables import APPARENT, DISAGREES, TimelineEvent, dated_apart, note_part, timeline
from summitkit.wording import the_n

#: The summit week, the lower panel of the figure.
WEEK = (dt.date(2019, 4, 17), dt.date(2019, 4, 28))
#: The long view, the upper panel.
LONG = (2003, 2019)
#: How an event dated differently is flagged, by its verdict: (symbol, words). Never a colour alone.
FLAGS = {
    "contradiction": ("≠", "the sources contradict each other"),
    "apparent": ("≈", "an apparent contradiction: the sources date it differently, but both accounts can be true"),
}


@dataclass(frozen=True)
class Event:
    """One event, with every source's row that mentions it."""

    id: str
    rows: tuple[TimelineEvent, ...]

    @property
    def label(self) -> str:
        """What the event is called: never one source's wording for an event two sources describe differently.

        One description for all its rows (or one row): that description. Rows that describe it differently: the
        event's neutral ``label`` (a column of timeline.csv), else each source's own description, named
        ("38 North: … / RSIS: …"). All are paraphrases by the course, not quotations.
        """
        described = list(dict.fromkeys(r.event for r in self.rows))
        if len(described) == 1:
            return described[0]
        neutral = next((r.label for r in self.rows if r.label), "")
        if neutral:
            return neutral
        return " / ".join(f"{short_name(r.source)}: {r.event}" for r in self.rows)

    @property
    def start(self) -> dt.date:
        return min(r.start for r in self.rows)

    @property
    def end(self) -> dt.date:
        return max(r.end for r in self.rows)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.source for r in self.rows))

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for r in self.rows for a in r.actors))


def _rows(rows: tuple[TimelineEvent, ...] | None) -> tuple[TimelineEvent, ...]:
    return timeline() if rows is None else tuple(rows)


def events(rows: tuple[TimelineEvent, ...] | None = None) -> list[Event]:
    """Rows grouped by event id, earliest first (ties keep the file's order)."""
    return list(_events(_rows(rows)))


@lru_cache(maxsize=64)
def _events(rows: tuple[TimelineEvent, ...]) -> tuple[Event, ...]:
    grouped: dict[str, list[TimelineEvent]] = {}
    for row in rows:
        grouped.setdefault(row.id, []).append(row)
    found = [Event(eid, tuple(group)) for eid, group in grouped.items()]
    order = {e.id: i for i, e in enumerate(found)}
    return tuple(sorted(found, key=lambda e: (e.start, order[e.id])))


def event(event_id: str, rows: tuple[TimelineEvent, ...] | None = None) -> Event:
    """One event by id."""
    for item in events(rows):
        if item.id == event_id:
            return item
    raise KeyError(f"no event {event_id!r} in data/timeline.csv")


def sources_of(event_id: str, rows: tuple[TimelineEvent, ...] | None = None) -> tuple[str, ...]:
    """The source ids that mention an event."""
    return event(event_id, rows).sources


def sources(rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """The sources, in the order of sources.csv (and any other source the rows name)."""
    return ordered_sources((r.source for r in _rows(rows)), every=rows is None)


def differences(rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """Events that two sources date differently in any way (another date, end or precision), earliest first.

    Often one source is only vaguer than the other; see :func:`dated_differently` for datings that share no day.
    """
    return [e.id for e in events(rows) if len(e.sources) > 1 and len({(r.date, r.end_date, r.precision) for r in e.rows}) > 1]


def apart(item: Event) -> bool:
    """Whether two of the event's sources date it to periods that share no day."""
    return dated_apart(item.rows)


def verdict(item: Event) -> str | None:
    """``"contradiction"``, ``"apparent"`` (an apparent contradiction) or None (the datings share a day)."""
    if not apart(item):
        return None
    return "apparent" if any(APPARENT in r.note for r in item.rows) else "contradiction"


def dated_differently(rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """Events whose sources' datings share no day, earliest first (contradictions and apparent ones)."""
    return [e.id for e in events(rows) if verdict(e)]


def contradictions(rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """Events the sources date incompatibly, with no note that reconciles them."""
    return [e.id for e in events(rows) if verdict(e) == "contradiction"]


def apparent_contradictions(rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """Events dated differently whose note (``APPARENT CONTRADICTION:``) says how both accounts can be true."""
    return [e.id for e in events(rows) if verdict(e) == "apparent"]


def explanation(item: Event) -> str:
    """What the data's notes say about an event dated differently: the text after the marker (the longest)."""
    parts = [note_part(r.note, APPARENT) or note_part(r.note, DISAGREES) for r in item.rows]
    return max(parts, key=len, default="")


def marked(mark: str = DISAGREES, rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """Event ids with a row whose note carries ``mark`` (``DISAGREES:``, ``APPARENT CONTRADICTION:``, ``OUTSIDE THE TEXTS:``)."""
    return [e.id for e in events(rows) if any(mark in r.note for r in e.rows)]


def actors(rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """Every actor named in the timeline, most frequent first."""
    tally = Counter(a for row in _rows(rows) for a in row.actors)
    return sorted(tally, key=lambda a: (-tally[a], a))


def select(
    actor: str | None = None,
    source: str | None = None,
    years: tuple[int, int] | None = None,
    rows: tuple[TimelineEvent, ...] | None = None,
) -> tuple[TimelineEvent, ...]:
    """The rows that name ``actor``, come from ``source`` and fall (at least partly) within ``years``."""
    out = []
    for row in _rows(rows):
        if actor and actor not in row.actors:
            continue
        if source and row.source != source:
            continue
        if years and (row.end.year < years[0] or row.start.year > years[1]):
            continue
        out.append(row)
    return tuple(out)


def counts(rows: tuple[TimelineEvent, ...] | None = None) -> Counter[tuple[str, ...]]:
    """Events per group of sources that mention them: ``{("rsis",): 12, ("38north", "rsis"): 5, ...}``.

    Each key lists its sources in the order of sources.csv; a key of one source is an event only it mentions.
    """
    order = {s: i for i, s in enumerate(sources(rows))}
    return Counter(tuple(sorted(e.sources, key=order.__getitem__)) for e in events(rows))


def in_week(item: Event) -> bool:
    """Whether an event belongs to the summit week panel (all of it inside :data:`WEEK`)."""
    return WEEK[0] <= item.start and item.end <= WEEK[1]


def when(row: TimelineEvent) -> str:
    """A row's period in words: ``2018``, ``May 2018``, ``25 April 2019``, ``January 2018 to February 2019``."""
    return period_words(row.start, row.end) + (" (worked out from another event)" if row.precision == "relative" else "")


def when_each(item: Event) -> str:
    """Each source's dating of an event: ``38 North: May 2018, RSIS: June 2018 (worked out from another event)``."""
    return ", ".join(dict.fromkeys(f"{short_name(r.source)}: {when(r)}" for r in item.rows))


def finding(rows: tuple[TimelineEvent, ...] | None = None) -> str:
    """The sentence the figure's title states, computed from the data (see the module's examples)."""
    items = events(rows)
    if not items:
        return "No event matches this filter"
    n_sources = len({s for e in items for s in e.sources})
    if n_sources < 2:
        return f"{len(items)} events, all from one text"
    tally = counts(rows)
    single = sum(n for key, n in tally.items() if len(key) == 1)
    shared = len(items) - single
    if n_sources == 2:
        text = f"{single} of {len(items)} events appear in only one of the two texts; the texts share {shared} and"
    else:
        text = (
            f"{single} of {len(items)} events appear in only one of {the_n(n_sources)}; {shared} appear in more than one, "
            "and the texts"
        )
    clash = [e.label for e in items if verdict(e) == "contradiction"]
    seeming = [e.label for e in items if verdict(e) == "apparent"]
    if clash:
        text += f" contradict each other on {len(clash)}: " + "; ".join(f"“{c}”" for c in clash)
    else:
        text += " contradict each other on none"
    if seeming:
        quoted = "; ".join(f"“{s}”" for s in seeming)
        if clash:
            text += f"; {len(seeming)} more {'is' if len(seeming) == 1 else 'are'} only {'an apparent contradiction' if len(seeming) == 1 else 'apparent contradictions'}: {quoted}"
        else:
            text += f"; {len(seeming)} apparent contradiction{'' if len(seeming) == 1 else 's'} can be reconciled: {quoted}"
    return text
