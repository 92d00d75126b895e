"""The outside records: short, dated, sourced notes on what lies outside the two texts.

Each packet is one CSV file in ``data/outside/`` (``lateral.csv``, ``summit.csv``, ``context.csv``,
``epilogue.csv``), one record a row, written in the course's own words and editable in a spreadsheet.
Every record carries its source: ``publisher``, ``published`` (an ISO date of year, month or day
precision, or the word ``undated`` for a page that bears no date), ``url`` (http or https) and
``checked`` (the ISO day someone last read the page). A brief quotation may go in ``quote``, with
``quote_by`` saying whose words they are; ``note`` says how a date was read or what to keep in mind.

:func:`load` checks every row as it reads it and raises :class:`CourseDataError` naming the file, the
row and the problem. :func:`search` answers a learner's query from the records offline, as a results
page would: title, snippet, publisher, date and address, ranked by the words they share.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from summitkit.dates import iso_bounds, precision_of
from summitkit.errors import CourseDataError
from summitkit.paths import data_dir, display_path
from summitkit.textfiles import check_date, mtime, read_csv, require
from summitkit.wording import did_you_mean

__all__ = ["COLUMNS", "MAX_QUOTE_WORDS", "UNDATED", "OutsideRecord", "SearchResult", "load", "packets", "results_text", "search"]

#: The folder (under the data folder) that holds one CSV file per packet.
FOLDER = "outside"
#: Every packet file's header names these columns (``quote``, ``quote_by`` and ``note`` may be empty).
COLUMNS = ("id", "packet", "title", "publisher", "published", "url", "checked", "summary", "quote", "quote_by", "note")
#: The columns a record cannot leave empty.
REQUIRED = ("id", "packet", "title", "publisher", "published", "url", "checked", "summary")
#: What ``published`` says of a page that bears no date (never a guessed date).
UNDATED = "undated"
#: A quotation from outside the texts stays brief: at most this many words.
MAX_QUOTE_WORDS = 25

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class OutsideRecord:
    """One record of a packet: what a page outside the two texts says, with its source."""

    id: str
    packet: str
    title: str
    publisher: str
    published: str  # ISO date (year, month or day) or UNDATED
    url: str
    checked: str  # ISO day
    summary: str
    quote: str
    quote_by: str
    note: str
    file: str
    row: int


@dataclass(frozen=True)
class SearchResult:
    """One hit of :func:`search`, shaped like a line of a results page."""

    title: str
    snippet: str
    publisher: str
    published: str
    url: str
    id: str
    packet: str
    score: float


def folder() -> Path:
    """The folder of the packet files (``data/outside``)."""
    return data_dir() / FOLDER


def packets(where: Path | None = None) -> list[str]:
    """The packets there are: the names of the CSV files in the folder, without ``.csv``, sorted."""
    base = where if where is not None else folder()
    if not base.is_dir():
        raise CourseDataError(display_path(base), "folder not found; restore data/outside/ from the course repository")
    return sorted(p.stem for p in base.glob("*.csv") if p.is_file())


def load(packet: str | None = None, where: Path | None = None) -> list[OutsideRecord]:
    """The records of one packet, or of every packet (in file order, packets sorted by name).

    Every row is checked on load; the first problem raises :class:`CourseDataError` naming the file,
    the row and the problem. ``where`` is another folder of packet files (a teacher's copy, a test's).
    """
    base = where if where is not None else folder()
    known = packets(base)
    if packet is not None and packet not in known:
        raise CourseDataError(
            display_path(base),
            f"no packet {packet!r}.{did_you_mean(packet, known)} The packets are {', '.join(known) or '(none)'}",
        )
    chosen = [packet] if packet is not None else known
    records: list[OutsideRecord] = []
    seen: dict[str, tuple[str, int]] = {}
    for name in chosen:
        path = base / f"{name}.csv"
        for record in _load_file(str(path), mtime(path)):
            if record.id in seen:
                first_file, first_row = seen[record.id]
                raise CourseDataError(
                    record.file,
                    f"id {record.id!r} is already used ({first_file}, row {first_row}); give each record its own id",
                    row=record.row,
                )
            seen[record.id] = (record.file, record.row)
            records.append(record)
    return records


@lru_cache(maxsize=32)
def _load_file(path_text: str, _mtime: float) -> tuple[OutsideRecord, ...]:
    """The checked records of one packet file (cached until the file changes)."""
    path = Path(path_text)
    where = display_path(path)
    records = []
    ids: dict[str, int] = {}
    for row, cells in read_csv(path, COLUMNS):
        record = _record(where, row, cells, path.stem)
        if record.id in ids:
            raise CourseDataError(
                where, f"id {record.id!r} is already used on row {ids[record.id]}; give each record its own id", row=row
            )
        ids[record.id] = row
        records.append(record)
    return tuple(records)


def _record(where: str, row: int, cells: dict[str, str], stem: str) -> OutsideRecord:
    """One row checked and made a record; a CourseDataError naming the row and column otherwise."""
    require(where, row, cells, *REQUIRED)
    if not _ID.fullmatch(cells["id"]):
        raise CourseDataError(
            where,
            f"column 'id': {cells['id']!r} is not an id; use lower-case letters, digits and "
            "hyphens, like kremlin-news-conference",
            row=row,
        )
    if cells["packet"] != stem:
        raise CourseDataError(
            where,
            f"column 'packet' says {cells['packet']!r} but the record is in {stem}.csv; "
            f"write {stem!r} or move the row to {cells['packet']}.csv",
            row=row,
        )
    published = cells["published"]
    if published.lower() == UNDATED:
        published = UNDATED
    else:
        check_date(where, row, "published", published)
    check_date(where, row, "checked", cells["checked"])
    if precision_of(cells["checked"]) != "day":
        raise CourseDataError(
            where,
            f"column 'checked': {cells['checked']!r} is not a day; write the day the page was read, like 2026-12-07",
            row=row,
        )
    if published != UNDATED and iso_bounds(published)[0] > iso_bounds(cells["checked"])[1]:
        raise CourseDataError(
            where, f"column 'checked': {cells['checked']} is before the page was published ({published})", row=row
        )
    _check_url(where, row, cells["url"])
    quote, quote_by = cells.get("quote", ""), cells.get("quote_by", "")
    if quote and not quote_by:
        raise CourseDataError(where, "column 'quote_by' is empty: say whose words the quotation is", row=row)
    if quote_by and not quote:
        raise CourseDataError(where, "column 'quote_by' names a speaker but column 'quote' is empty", row=row)
    words = len(quote.split())
    if words > MAX_QUOTE_WORDS:
        raise CourseDataError(
            where,
            f"column 'quote' has {words} words; quote at most {MAX_QUOTE_WORDS} words and say "
            "the rest in the summary, in the course's own words",
            row=row,
        )
    return OutsideRecord(
        id=cells["id"],
        packet=stem,
        title=cells["title"],
        publisher=cells["publisher"],
        published=published,
        url=cells["url"],
        checked=cells["checked"],
        summary=cells["summary"],
        quote=quote,
        quote_by=quote_by,
        note=cells.get("note", ""),
        file=where,
        row=row,
    )


def _check_url(where: str, row: int, url: str) -> None:
    """A CourseDataError unless ``url`` is an http or https address with a host and no spaces."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise CourseDataError(
            where,
            f"column 'url': {url!r} is not a web address; it must start with http:// or https:// and hold no spaces",
            row=row,
        )


# --- search -------------------------------------------------------------------------------------------

#: Words too common to rank by.
_STOP = frozenset(
    """a an and are as at be by did do does for from had has have he her his how in is it its of on or
that the their them they this to was were what when where which who whom why will with""".split()
)
#: How much a shared word counts in each field.
_WEIGHTS = (("title", 3.0), ("publisher", 2.0), ("quote_by", 2.0), ("summary", 1.0), ("quote", 1.0), ("note", 0.5))
SNIPPET_CHARS = 220


def _fold(text: str) -> str:
    """Lower case without accents: 'Rajaratnam’s' and 'rajaratnams' compare alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _words(text: str) -> list[str]:
    """The words of a text, folded, apostrophes dropped, hyphenated words split."""
    return re.findall(r"[a-z0-9]+", _fold(text).replace("’", "").replace("'", ""))


def _terms(query: str) -> list[str]:
    """The query's words worth ranking by, in order, each once."""
    terms: list[str] = []
    for word in _words(query):
        if word not in _STOP and word not in terms:
            terms.append(word)
    return terms


def _stem(word: str) -> str:
    """A crude stem: 'funds', 'funded' and 'funding' all give 'fund' (only if four letters remain)."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _matches(term: str, word: str) -> bool:
    """A query word matches a record's word if equal, if their stems are equal, or if one begins the other (4+ letters)."""
    if term == word:
        return True
    a, b = _stem(term), _stem(word)
    return len(a) >= 4 and len(b) >= 4 and (a == b or b.startswith(a) or a.startswith(b))


def _fields_with(record: OutsideRecord, term: str) -> list[float]:
    """The weights of the record's fields in which the query word is found."""
    return [weight for field, weight in _WEIGHTS if any(_matches(term, w) for w in _words(getattr(record, field)))]


def _score(record: OutsideRecord, terms: list[str], rarity: dict[str, float]) -> tuple[float, int]:
    """(weighted overlap, number of query words found) of one record; a rare word weighs more than a common one."""
    total = 0.0
    found = 0
    for term in terms:
        weights = _fields_with(record, term)
        if weights:
            found += 1
            # the best field counts, a word the record keeps coming back to a little more
            total += (max(weights) + 0.25 * (len(weights) - 1)) * rarity[term]
    return total, found


def _snippet(record: OutsideRecord, terms: list[str]) -> str:
    """The summary's sentence that shares most words with the query, cut to about SNIPPET_CHARS characters."""
    sentences = [s.strip() for s in re.split(r"(?<=[.;:!?])\s+", record.summary) if s.strip()] or [record.summary]
    best = max(sentences, key=lambda s: (sum(any(_matches(t, w) for w in _words(s)) for t in terms), -sentences.index(s)))
    if len(best) <= SNIPPET_CHARS:
        return best
    cut = best[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def search(
    query: str, packet: str | None = None, limit: int = 10, records: list[OutsideRecord] | None = None
) -> list[SearchResult]:
    """The records that share words with ``query``, best first, as results: title, snippet, publisher, date, url.

    Offline and without dependencies: a record scores for each query word found in its title (most),
    publisher or speaker, summary or quotation, or note (least), and a word few records hold weighs
    more than one many hold; words of four letters or more also match their other forms ('funds'
    finds 'funding'). Common words are ignored. A record holding more of the query's words comes first;
    among those holding as many, the higher score; then the packets' order. An empty query finds nothing.
    ``records`` searches a given list instead of loading ``packet``.
    """
    terms = _terms(query)
    if not terms:
        return []
    pool = records if records is not None else load(packet)
    rarity = {}
    for term in terms:
        having = sum(1 for record in pool if _fields_with(record, term))
        rarity[term] = 1.0 + math.log((1 + len(pool)) / (1 + having))
    scored = []
    for order, record in enumerate(pool):
        total, found = _score(record, terms, rarity)
        if total > 0:
            scored.append((-found, -total, order, record))
    scored.sort(key=lambda item: item[:3])
    return [
        SearchResult(
            title=r.title,
            snippet=_snippet(r, terms),
            publisher=r.publisher,
            published=r.published,
            url=r.url,
            id=r.id,
            packet=r.packet,
            score=round(-total, 3),
        )
        for _found, total, _order, r in scored[: max(limit, 0)]
    ]


def results_text(results: list[SearchResult]) -> str:
    """The results as plain text, as a results page lays them out: title, then publisher and date, address, snippet."""
    if not results:
        return "No record matches. Try other words: a name, a place, an organisation."
    blocks = []
    for n, r in enumerate(results, start=1):
        date = "no date on the page" if r.published == UNDATED else r.published
        blocks.append(f"{n}. {r.title}\n   {r.publisher}, {date}\n   {r.url}\n   {r.snippet}")
    return "\n\n".join(blocks)
