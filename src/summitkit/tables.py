"""The course's CSV data, loaded and checked row by row.

Every loader raises :class:`CourseDataError` naming the file, the row and the problem:
a missing column, an unknown source id, a paragraph out of range, a quotation that is
not verbatim in its paragraph, a bad date, an unreadable file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from summitkit.errors import CourseDataError
from summitkit.paths import data_dir, display_path
from summitkit.sources import collapse, load_text
from summitkit.textfiles import read_csv

PRECISIONS = ("year", "month", "day", "relative")
STAKE_KINDS = ("wants", "fears", "risks", "gains")
BASE_RELATIONS = ("agree", "emphasis", "contradict", "apparent-contradiction")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class SourceInfo:
    """One row of ``data/sources.csv``."""

    id: str
    title: str
    author: str
    author_note: str
    outlet: str
    date: str
    date_note: str
    url: str
    genre: str
    extra: dict[str, str] = field(default_factory=dict, compare=False)


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


def iso_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO date of year, month or day precision.

    >>> iso_bounds("2018-06")
    (datetime.date(2018, 6, 1), datetime.date(2018, 6, 30))
    """
    match = _ISO.fullmatch(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date like 2019, 2019-04 or 2019-04-25")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    day_date = dt.date(year, month, day)
    return day_date, day_date


def precision_of(value: str) -> str:
    """``year``, ``month`` or ``day``, from the form of an ISO date."""
    return ("year", "month", "day")[value.count("-")]


def _file(name: str) -> Path:
    return data_dir() / name


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def _check_quote(where: str, row: int, source: str, paragraph: str, quote: str, known: list[str], label: str = "") -> int:
    """Validate one citation and its quote; return the paragraph number."""
    if source not in known:
        raise CourseDataError(where, f"unknown source {source!r}{label} (known: {', '.join(known)})", row=row)
    try:
        number = int(paragraph)
    except ValueError:
        raise CourseDataError(where, f"paragraph{label} {paragraph!r} is not a whole number", row=row) from None
    count = len(load_text(source).paragraphs)
    if not 1 <= number <= count:
        raise CourseDataError(where, f"paragraph {number}{label} is out of range: {source} has paragraphs 1 to {count}", row=row)
    if not collapse(quote):
        raise CourseDataError(where, f"empty quote{label}: every row needs the source's own words", row=row)
    if collapse(quote) not in collapse(load_text(source).paragraph(number)):
        short = quote if len(quote) <= 80 else quote[:77] + "..."
        raise CourseDataError(where, f"quote{label} not found verbatim in {source} ¶{number}: “{short}”", row=row)
    return number


def _need(where: str, row: int, record: dict[str, str], *names: str) -> None:
    for name in names:
        if not record.get(name):
            raise CourseDataError(where, f"column '{name}' is empty", row=row)


def _check_date(where: str, row: int, column: str, value: str) -> None:
    try:
        iso_bounds(value)
    except ValueError as exc:
        raise CourseDataError(where, f"column '{column}': {exc}", row=row) from None


@lru_cache(maxsize=8)
def _sources(path: Path, mtime: float) -> tuple[SourceInfo, ...]:
    where = display_path(path)
    required = ("id", "title", "author", "author_note", "outlet", "date", "date_note", "url", "genre")
    found: list[SourceInfo] = []
    for row, rec in read_csv(path, required):
        _need(where, row, rec, "id", "title", "outlet", "date")
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", rec["id"]):
            raise CourseDataError(where, f"id {rec['id']!r} must be lower-case letters, digits, '-' or '_'", row=row)
        if any(s.id == rec["id"] for s in found):
            raise CourseDataError(where, f"id {rec['id']!r} appears twice", row=row)
        _check_date(where, row, "date", rec["date"])
        extra = {k: v for k, v in rec.items() if k not in required}
        found.append(SourceInfo(**{k: rec[k] for k in required}, extra=extra))
    if not found:
        raise CourseDataError(where, "lists no sources")
    return tuple(found)


def sources_table() -> tuple[SourceInfo, ...]:
    """The rows of ``data/sources.csv``."""
    path = _file("sources.csv")
    return _sources(path, _mtime(path))


def source_info(source_id: str) -> SourceInfo:
    """Metadata of one source."""
    for info in sources_table():
        if info.id == source_id:
            return info
    raise KeyError(f"no source {source_id!r} in data/sources.csv")


def short_name(source_id: str) -> str:
    """How a reader names a source in a sentence: the ``short`` column of sources.csv, else its outlet.

    >>> short_name("rsis"), short_name("38north"), short_name("no-such-source")
    ('RSIS', '38 North', 'no-such-source')
    """
    try:
        info = source_info(source_id)
    except KeyError:
        return source_id
    return info.extra.get("short") or info.outlet


def _known() -> list[str]:
    return [s.id for s in sources_table()]


@lru_cache(maxsize=8)
def _timeline(path: Path, mtime: float, key: tuple) -> tuple[TimelineEvent, ...]:
    where = display_path(path)
    required = ("id", "date", "precision", "event", "actors", "source", "paragraph", "quote")
    rows = read_csv(path, required)
    known = _known()
    events: list[TimelineEvent] = []
    for row, rec in rows:
        _need(where, row, rec, "id", "date", "precision", "event", "actors")
        _check_date(where, row, "date", rec["date"])
        if rec.get("end_date"):
            _check_date(where, row, "end_date", rec["end_date"])
            if iso_bounds(rec["end_date"])[1] < iso_bounds(rec["date"])[0]:
                raise CourseDataError(where, "end_date is before date", row=row)
        precision = rec["precision"].lower()
        if precision not in PRECISIONS:
            raise CourseDataError(where, f"precision {rec['precision']!r} must be one of {', '.join(PRECISIONS)}", row=row)
        if precision != "relative" and precision != precision_of(rec["date"]):
            raise CourseDataError(where, f"precision '{precision}' does not match the date {rec['date']!r} ({precision_of(rec['date'])})", row=row)
        if precision == "relative" and not rec.get("relative_to"):
            raise CourseDataError(where, "precision 'relative' needs the id of the anchor event in relative_to", row=row)
        number = _check_quote(where, row, rec["source"], rec["paragraph"], rec["quote"], known)
        actors = tuple(a.strip() for a in rec["actors"].split(";") if a.strip())
        events.append(
            TimelineEvent(rec["id"], rec["date"], rec.get("end_date", ""), precision, rec.get("relative_to", ""),
                          rec["event"], actors, rec["source"], number, rec["quote"], rec.get("note", ""))
        )
    ids = {e.id for e in events}
    for (row, _rec), event in zip(rows, events):
        if event.relative_to and event.relative_to not in ids:
            raise CourseDataError(where, f"relative_to names {event.relative_to!r}, which is not an event id in this file", row=row)
    return tuple(events)


def timeline() -> tuple[TimelineEvent, ...]:
    """Every row of ``data/timeline.csv``, checked."""
    path = _file("timeline.csv")
    return _timeline(path, _mtime(path), _texts_key())


@lru_cache(maxsize=8)
def _stakes(path: Path, mtime: float, key: tuple) -> tuple[Stake, ...]:
    where = display_path(path)
    required = ("actor", "stake", "source", "paragraph", "quote")
    known = _known()
    found = []
    for row, rec in read_csv(path, required):
        _need(where, row, rec, "actor", "stake")
        kind = rec.get("kind", "").lower() or "wants"
        if kind not in STAKE_KINDS:
            raise CourseDataError(where, f"kind {rec['kind']!r} must be one of {', '.join(STAKE_KINDS)}", row=row)
        number = _check_quote(where, row, rec["source"], rec["paragraph"], rec["quote"], known)
        found.append(Stake(rec["actor"], kind, rec["stake"], rec["source"], number, rec["quote"], rec.get("note", "")))
    return tuple(found)


def stakes() -> tuple[Stake, ...]:
    """Every row of ``data/stakes.csv``, checked."""
    path = _file("stakes.csv")
    return _stakes(path, _mtime(path), _texts_key())


def relations(known: list[str] | None = None) -> tuple[str, ...]:
    """The allowed values of ``relation`` in claims.csv for the current sources."""
    return BASE_RELATIONS + tuple(f"only-{sid}" for sid in (known or _known()))


@lru_cache(maxsize=8)
def _claims(path: Path, mtime: float, key: tuple) -> tuple[Claim, ...]:
    where = display_path(path)
    rows = read_csv(path, ("id", "topic", "relation", "explanation"))
    known = _known()
    allowed = relations(known)
    found: list[Claim] = []
    for row, rec in rows:
        _need(where, row, rec, "id", "topic", "relation", "explanation")
        for column in rec:
            if column.endswith("_paragraph") and column[: -len("_paragraph")] not in known:
                raise CourseDataError(where, f"column {column!r} names unknown source {column[:-10]!r} (known: {', '.join(known)})", row=row)
        if rec["relation"] not in allowed:
            raise CourseDataError(where, f"relation {rec['relation']!r} must be one of {', '.join(allowed)}", row=row)
        quotes: dict[str, tuple[int, str]] = {}
        for sid in known:
            par, quote = rec.get(f"{sid}_paragraph", ""), rec.get(f"{sid}_quote", "")
            if par or quote:
                quotes[sid] = (_check_quote(where, row, sid, par, quote, known, label=f" ({sid})"), quote)
        relation = rec["relation"]
        if relation.startswith("only-"):
            only = relation[5:]
            if set(quotes) != {only}:
                raise CourseDataError(where, f"relation {relation!r} needs a quote from {only} and from no other source (found: {', '.join(quotes) or 'none'})", row=row)
        elif len(quotes) < 2:
            raise CourseDataError(where, f"relation {relation!r} needs quotes from at least two sources (found: {', '.join(quotes) or 'none'})", row=row)
        if any(c.id == rec["id"] for c in found):
            raise CourseDataError(where, f"id {rec['id']!r} appears twice", row=row)
        found.append(Claim(rec["id"], rec["topic"], relation, quotes, rec["explanation"]))
    return tuple(found)


def claims() -> tuple[Claim, ...]:
    """Every row of ``data/claims.csv``, checked."""
    path = _file("claims.csv")
    return _claims(path, _mtime(path), _texts_key())


def _texts_key() -> tuple:
    """Changes when sources.csv or any source text changes (so checks are redone)."""
    folder = data_dir()
    texts = tuple(sorted((p.name, _mtime(p)) for p in (folder / "sources").glob("*.md")))
    return (str(folder), _mtime(folder / "sources.csv"), texts)


DATA_FILES = {"timeline.csv": timeline, "stakes.csv": stakes, "claims.csv": claims}


def validate_all() -> dict[str, int]:
    """Load and check every data file that exists; return rows per file.

    Raises the first CourseDataError found.
    """
    counts = {"sources.csv": len(sources_table())}
    for sid in _known():
        counts[f"sources/{sid}.md"] = len(load_text(sid).paragraphs)
    for name, loader in DATA_FILES.items():
        if _file(name).exists():
            counts[name] = len(loader())
    return counts
