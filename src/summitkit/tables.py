"""The course's CSV data — timeline, stakes, claims — loaded and checked row by row.

Every loader raises :class:`CourseDataError` naming the file, the row and the problem:
a missing column, an unknown source id, a paragraph out of range, a quotation that is
not verbatim in its paragraph, a bad date, an unknown relation, an unreadable file.
The metadata of the sources (``sources.csv``) is loaded by :mod:`summitkit.sources`;
its loader (and ``short_name``, ``source_info``) are re-exported here, so that every data
file's loader can be found in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from summitkit.citations import quote_problem
from summitkit.dates import iso_bounds, precision_of
from summitkit.errors import CourseDataError
from summitkit.paths import data_dir, display_path
from summitkit.relations import for_sources
from summitkit.sources import SourceInfo, collapse, load_text, short_name, source_ids, source_info, sources_table, texts_key
from summitkit.textfiles import check_date, mtime, read_csv, require
from summitkit.wording import did_you_mean

__all__ = [
    "APPARENT",
    "DATA_FILES",
    "DISAGREES",
    "NOTE_MARKERS",
    "OUTSIDE",
    "PRECISIONS",
    "STAKE_KINDS",
    "Claim",
    "SourceInfo",
    "Stake",
    "TimelineEvent",
    "actors",
    "claims",
    "dated_apart",
    "note_part",
    "overlaps",
    "short_name",
    "source_info",
    "sources_table",
    "stakes",
    "timeline",
    "validate_all",
]

PRECISIONS = ("year", "month", "day", "relative")
ACTORS_FILE = "actors.csv"
STAKE_KINDS = ("wants", "fears", "risks", "gains")

#: Markers in the ``note`` of a timeline row. The text after a marker, up to the next marker, explains.
OUTSIDE = "OUTSIDE THE TEXTS:"  # what a record outside the two texts says (news reports, with their source)
APPARENT = "APPARENT CONTRADICTION:"  # the sources date the event differently, but both accounts can be true
DISAGREES = "DISAGREES:"  # how the sources' datings differ (the older marker; a contradiction unless APPARENT is there too)
NOTE_MARKERS = (DISAGREES, APPARENT, OUTSIDE)


def note_part(note: str, marker: str) -> str:
    """The part of a note that follows ``marker``, up to the next marker (empty if the marker is absent).

    >>> note_part("Vague. APPARENT CONTRADICTION: both can be true. OUTSIDE THE TEXTS: Lavrov, 31 May.", APPARENT)
    'both can be true.'
    """
    if marker not in note:
        return ""
    text = note.split(marker, 1)[1]
    for other in NOTE_MARKERS:
        if other != marker and other in text:
            text = text.split(other, 1)[0]
    return text.strip()


@dataclass(frozen=True)
class TimelineEvent:
    """One source's mention of one event (rows of one event share ``id``)."""

    id: str
    date: str
    end_date: str
    precision: str
    relative_to: str
    event: str
    actors: tuple[str, ...]
    source: str
    paragraph: int
    quote: str
    note: str
    label: str = ""  # the event's neutral name, for an event whose sources' rows describe it differently

    @property
    def start(self) -> dt.date:
        """First day the date allows."""
        return iso_bounds(self.date)[0]

    @property
    def end(self) -> dt.date:
        """Last day the date (or the end date) allows."""
        return iso_bounds(self.end_date or self.date)[1]


@dataclass(frozen=True)
class Stake:
    """What one source says one actor wants, fears, risks or gains."""

    actor: str
    kind: str
    stake: str
    source: str
    paragraph: int
    quote: str
    note: str


@dataclass(frozen=True)
class Claim:
    """One claim set side by side across the sources."""

    id: str
    topic: str
    relation: str
    quotes: dict[str, tuple[int, str]]  # source id -> (paragraph, quote)
    explanation: str


def _file(name: str) -> Path:
    return data_dir() / name


def _check_quote(where: str, row: int, source: str, paragraph: str, quote: str, known: list[str], label: str = "") -> int:
    """Validate one citation and its quote; return the paragraph number."""
    if not source:
        raise CourseDataError(where, f"column 'source'{label} is empty: name the source (one of {', '.join(known)})", row=row)
    if source not in known:
        raise CourseDataError(
            where,
            f"unknown source {source!r}{label}.{did_you_mean(source, known)} The sources are {', '.join(known)} "
            "(the ids in data/sources.csv)",
            row=row,
        )
    try:
        number = int(paragraph)
    except ValueError:
        said = "is empty" if not paragraph else f"{paragraph!r} is not a whole number"
        raise CourseDataError(where, f"paragraph{label} {said}: write the paragraph's number, like 8", row=row) from None
    text = load_text(source)
    count = len(text.paragraphs)
    if not 1 <= number <= count:
        raise CourseDataError(where, f"paragraph {number}{label} is out of range: {source} has paragraphs 1 to {count}", row=row)
    if not collapse(quote):
        raise CourseDataError(where, f"empty quote{label}: every row needs the source's own words", row=row)
    if collapse(quote) not in collapse(text.paragraph(number)):
        raise CourseDataError(
            where, f"quote{label} not found verbatim in {source} ¶{number}. {quote_problem(quote, source, number)}", row=row
        )
    return number


def _actors_file() -> Path:
    return _file(ACTORS_FILE)


@lru_cache(maxsize=8)
def _actors(path: Path, mtime: float) -> tuple[str, ...]:
    where = display_path(path)
    found: list[str] = []
    for row, rec in read_csv(path, ("actor",)):
        require(where, row, rec, "actor")
        if rec["actor"] in found:
            raise CourseDataError(where, f"actor {rec['actor']!r} appears twice", row=row)
        if ";" in rec["actor"]:
            raise CourseDataError(
                where, f"actor {rec['actor']!r} holds a ';', which separates actors in timeline.csv: one actor per row", row=row
            )
        found.append(rec["actor"])
    return tuple(found)


def actors() -> tuple[str, ...]:
    """Every actor the data may name (``data/actors.csv``, one per row), in the file's order."""
    path = _actors_file()
    return _actors(path, mtime(path))


def _check_actor(where: str, row: int, actor: str, known: tuple[str, ...]) -> None:
    """A CourseDataError for an actor that is not in actors.csv: the closest known name, and how to add a new one."""
    if actor not in known:
        raise CourseDataError(
            where,
            f"unknown actor “{actor}”.{did_you_mean(actor, known)} The actors are listed in "
            f"data/{ACTORS_FILE}; if “{actor}” is a new one, add a row with its name there.",
            row=row,
        )


def overlaps(a: TimelineEvent, b: TimelineEvent) -> bool:
    """Whether two datings of an event allow at least one common day."""
    return a.start <= b.end and b.start <= a.end


def dated_apart(rows: Iterable[TimelineEvent]) -> bool:
    """Whether two sources' datings of one event share no day (a contradiction, or an apparent one)."""
    rows = list(rows)
    return any(a.source != b.source and not overlaps(a, b) for i, a in enumerate(rows) for b in rows[i + 1 :])


@lru_cache(maxsize=8)
def _timeline(path: Path, mtime: float, key: tuple) -> tuple[TimelineEvent, ...]:
    where = display_path(path)
    required = ("id", "date", "precision", "event", "actors", "source", "paragraph", "quote")
    rows = read_csv(path, required)
    known = source_ids()
    people = actors()
    events: list[TimelineEvent] = []
    for row, rec in rows:
        require(where, row, rec, "id", "date", "precision", "event", "actors")
        check_date(where, row, "date", rec["date"])
        if rec.get("end_date"):
            check_date(where, row, "end_date", rec["end_date"])
            if iso_bounds(rec["end_date"])[1] < iso_bounds(rec["date"])[0]:
                raise CourseDataError(where, "end_date is before date", row=row)
        precision = rec["precision"].lower()
        if precision not in PRECISIONS:
            raise CourseDataError(
                where,
                f"precision {rec['precision']!r} must be one of {', '.join(PRECISIONS)}.{did_you_mean(precision, PRECISIONS)}",
                row=row,
            )
        if precision != "relative" and precision != precision_of(rec["date"]):
            raise CourseDataError(
                where, f"precision '{precision}' does not match the date {rec['date']!r} ({precision_of(rec['date'])})", row=row
            )
        if precision == "relative" and not rec.get("relative_to"):
            raise CourseDataError(where, "precision 'relative' needs the id of the anchor event in relative_to", row=row)
        number = _check_quote(where, row, rec["source"], rec["paragraph"], rec["quote"], known)
        named = tuple(a.strip() for a in rec["actors"].split(";") if a.strip())
        for actor in named:
            _check_actor(where, row, actor, people)
        events.append(
            TimelineEvent(
                rec["id"],
                rec["date"],
                rec.get("end_date", ""),
                precision,
                rec.get("relative_to", ""),
                rec["event"],
                named,
                rec["source"],
                number,
                rec["quote"],
                rec.get("note", ""),
                rec.get("label", ""),
            )
        )
    ids = {e.id for e in events}
    for (row, _rec), event in zip(rows, events):
        others = {e.label for e in events if e.id == event.id and e.label}
        if len(others) > 1:
            raise CourseDataError(
                where,
                f"the rows of {event.id!r} give different labels ({', '.join(sorted(others))}): "
                "an event has one neutral label; give it on one row or the same on each",
                row=row,
            )
        if event.relative_to and event.relative_to not in ids:
            raise CourseDataError(
                where,
                f"relative_to names {event.relative_to!r}, which is not an event id in this file."
                f"{did_you_mean(event.relative_to, sorted(ids))}",
                row=row,
            )
        if APPARENT in event.note and not dated_apart([e for e in events if e.id == event.id]):
            raise CourseDataError(
                where,
                f"the note marks {event.id!r} as an {APPARENT[:-1].lower()}, but its sources' datings "
                "share a day (nothing to reconcile): remove the marker or check the dates",
                row=row,
            )
    return tuple(events)


def timeline() -> tuple[TimelineEvent, ...]:
    """Every row of ``data/timeline.csv``, checked."""
    path = _file("timeline.csv")
    return _timeline(path, mtime(path), (texts_key(), mtime(_actors_file())))


@lru_cache(maxsize=8)
def _stakes(path: Path, mtime: float, key: tuple) -> tuple[Stake, ...]:
    where = display_path(path)
    required = ("actor", "stake", "source", "paragraph", "quote")
    known = source_ids()
    people = actors()
    found = []
    for row, rec in read_csv(path, required):
        require(where, row, rec, "actor", "stake")
        _check_actor(where, row, rec["actor"], people)
        kind = rec.get("kind", "").lower() or "wants"
        if kind not in STAKE_KINDS:
            raise CourseDataError(
                where, f"kind {rec['kind']!r} must be one of {', '.join(STAKE_KINDS)}.{did_you_mean(kind, STAKE_KINDS)}", row=row
            )
        number = _check_quote(where, row, rec["source"], rec["paragraph"], rec["quote"], known)
        found.append(Stake(rec["actor"], kind, rec["stake"], rec["source"], number, rec["quote"], rec.get("note", "")))
    return tuple(found)


def stakes() -> tuple[Stake, ...]:
    """Every row of ``data/stakes.csv``, checked."""
    path = _file("stakes.csv")
    return _stakes(path, mtime(path), (texts_key(), mtime(_actors_file())))


@lru_cache(maxsize=8)
def _claims(path: Path, mtime: float, key: tuple) -> tuple[Claim, ...]:
    where = display_path(path)
    rows = read_csv(path, ("id", "topic", "relation", "explanation"))
    known = source_ids()
    allowed = {r.id: r for r in for_sources(known)}
    found: list[Claim] = []
    for row, rec in rows:
        require(where, row, rec, "id", "topic", "relation", "explanation")
        for column in rec:
            if column.endswith(("_paragraph", "_quote")) and column.rsplit("_", 1)[0] not in known:
                unknown = column.rsplit("_", 1)[0]
                raise CourseDataError(
                    where,
                    f"column {column!r} names unknown source {unknown!r}.{did_you_mean(unknown, known)} "
                    f"The sources are {', '.join(known)}",
                    row=1,
                )
        relation = allowed.get(rec["relation"])
        if relation is None:
            raise CourseDataError(
                where,
                f"relation {rec['relation']!r} must be one of {', '.join(allowed)}."
                f"{did_you_mean(rec['relation'], list(allowed))}",
                row=row,
            )
        quotes: dict[str, tuple[int, str]] = {}
        for sid in known:
            par, quote = rec.get(f"{sid}_paragraph", ""), rec.get(f"{sid}_quote", "")
            if par or quote:
                quotes[sid] = (_check_quote(where, row, sid, par, quote, known, label=f" ({sid})"), quote)
        if relation.only:
            if set(quotes) != {relation.only}:
                raise CourseDataError(
                    where,
                    f"relation {relation.id!r} needs a quote from {relation.only} and from no other source "
                    f"(found: {', '.join(quotes) or 'none'})",
                    row=row,
                )
        elif len(quotes) < relation.min_sources:
            raise CourseDataError(
                where,
                f"relation {relation.id!r} needs quotes from at least {relation.min_sources} sources "
                f"(found: {', '.join(quotes) or 'none'})",
                row=row,
            )
        if any(c.id == rec["id"] for c in found):
            raise CourseDataError(where, f"id {rec['id']!r} appears twice", row=row)
        found.append(Claim(rec["id"], rec["topic"], relation.id, quotes, rec["explanation"]))
    return tuple(found)


def claims() -> tuple[Claim, ...]:
    """Every row of ``data/claims.csv``, checked."""
    path = _file("claims.csv")
    return _claims(path, mtime(path), texts_key())


DATA_FILES = {ACTORS_FILE: actors, "timeline.csv": timeline, "stakes.csv": stakes, "claims.csv": claims}


def validate_all() -> dict[str, int]:
    """Load and check every data file that exists; return rows per file.

    Raises the first CourseDataError found.
    """
    counts = {"sources.csv": len(sources_table())}
    for sid in source_ids():
        counts[f"sources/{sid}.md"] = len(load_text(sid).paragraphs)
    for name, loader in DATA_FILES.items():
        if _file(name).exists():
            counts[name] = len(loader())
    return counts
