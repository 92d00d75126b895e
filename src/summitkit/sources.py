"""The sources: each text paragraph by paragraph (``data/sources/<id>.md``) and what is known about it (``data/sources.csv``).

A text is ``# Title``, ``## Heading`` lines and paragraphs separated by blank lines. Paragraphs are
numbered from 1, headings not counted. Any number of sources: each row of ``sources.csv`` is one.

>>> text = parse_markdown("# A Title\\n\\n## One\\n\\nFirst  words.\\n\\nSecond\\nline.", "toy", "toy.md")
>>> text.paragraphs, text.headings
(('First  words.', 'Second line.'), ('One', 'One'))
>>> collapse(text.paragraph(1))
'First words.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from summitkit.errors import CourseDataError
from summitkit.paths import data_dir, display_path
from summitkit.textfiles import check_date, mtime, read_csv, read_text, require

_SPACE = re.compile(r"\s+")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")
#: The columns sources.csv must have (more are welcome: ``short``, ``outlet_note``, ``audience``, ``copy_note``...).
SOURCE_COLUMNS = ("id", "title", "author", "author_note", "outlet", "date", "date_note", "url", "genre")


def collapse(text: str) -> str:
    """Runs of white space (any kind, including non-breaking) as one plain space.

    >>> collapse("to\\u00a0 defend\\n his")
    'to defend his'
    """
    return _SPACE.sub(" ", text).strip()


# ----- what is known about each source: data/sources.csv --------------------------------------


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


@lru_cache(maxsize=8)
def _sources(path: Path, mtime: float) -> tuple[SourceInfo, ...]:
    where = display_path(path)
    found: list[SourceInfo] = []
    for row, rec in read_csv(path, SOURCE_COLUMNS):
        require(where, row, rec, "id", "title", "outlet", "date")
        if not ID_PATTERN.fullmatch(rec["id"]):
            raise CourseDataError(where, f"id {rec['id']!r} must be lower-case letters, digits, '-' or '_'", row=row)
        if any(s.id == rec["id"] for s in found):
            raise CourseDataError(where, f"id {rec['id']!r} appears twice", row=row)
        check_date(where, row, "date", rec["date"])
        extra = {k: v for k, v in rec.items() if k not in SOURCE_COLUMNS}
        found.append(SourceInfo(**{k: rec[k] for k in SOURCE_COLUMNS}, extra=extra))
    if not found:
        raise CourseDataError(where, "lists no sources")
    return tuple(found)


def sources_table() -> tuple[SourceInfo, ...]:
    """The rows of ``data/sources.csv``, checked."""
    path = data_dir() / "sources.csv"
    return _sources(path, mtime(path))


def source_ids() -> list[str]:
    """Ids of the sources, in the order of ``data/sources.csv``."""
    return [s.id for s in sources_table()]


def source_info(source_id: str) -> SourceInfo:
    """Metadata of one source."""
    for info in sources_table():
        if info.id == source_id:
            return info
    raise KeyError(f"no source {source_id!r} in data/sources.csv")


def short_name(source_id: str) -> str:
    """How a reader names a source in a sentence: the ``short`` column of sources.csv, else its outlet.

    An id that is not a source (a made-up text's name, say) is returned as it is.
    """
    try:
        info = source_info(source_id)
    except KeyError:
        return source_id
    return info.extra.get("short") or info.outlet


def ordered_sources(present: Iterable[str] = (), every: bool = True) -> list[str]:
    """Source ids in the order of sources.csv, then any other id in ``present`` (e.g. of made-up rows).

    With ``every`` the sources of sources.csv are all listed; without it, only those in ``present``.
    """
    present = list(dict.fromkeys(present))
    known = [s for s in source_ids() if every or s in present]
    return known + [s for s in present if s not in known and s not in source_ids()]


def possessive(name: str) -> str:
    """``RSIS's``, ``38 North's``: the name with 's.

    >>> possessive("RSIS")
    "RSIS's"
    """
    return f"{name}'s"


# ----- the texts: data/sources/<id>.md ----------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One cleaned source text."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    headings: tuple[str | None, ...]  # the section heading each paragraph sits under

    def paragraph(self, number: int) -> str:
        """Paragraph ``number`` (from 1)."""
        if not isinstance(number, int) or not 1 <= number <= len(self.paragraphs):
            raise IndexError(f"{self.id} has paragraphs 1 to {len(self.paragraphs)}, not {number!r}")
        return self.paragraphs[number - 1]

    @property
    def words(self) -> int:
        """Number of words in the paragraphs (headings and title not counted)."""
        return sum(len(p.split()) for p in self.paragraphs)


def parse_markdown(text: str, source_id: str, where: str) -> Text:
    """Parse a cleaned source file; errors name the file and the line."""
    lines = text.replace("\r\n", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].startswith("# "):
        raise CourseDataError(where, "must start with a '# Title' line", line=(first or 0) + 1)
    title = lines[first][2:].strip()
    paragraphs: list[str] = []
    headings: list[str | None] = []
    heading: str | None = None
    block: list[str] = []

    def flush() -> None:
        if block:
            paragraphs.append(" ".join(part.strip(" \t") for part in block))
            headings.append(heading)
            block.clear()

    for number, line in enumerate(lines[first + 1 :], start=first + 2):
        if not line.strip():
            flush()
        elif line.startswith("## "):
            flush()
            heading = line[3:].strip()
        elif line.startswith("#"):
            raise CourseDataError(where, "only one '# Title' and '## Heading' lines are allowed", line=number)
        else:
            block.append(line)
    flush()
    if not paragraphs:
        raise CourseDataError(where, "holds no paragraphs")
    return Text(source_id, title, tuple(paragraphs), tuple(headings))


@lru_cache(maxsize=32)
def _load(path: Path, mtime: float, source_id: str) -> Text:
    return parse_markdown(read_text(path), source_id, display_path(path))


def text_path(source_id: str) -> Path:
    """The file of a source's cleaned text."""
    return data_dir() / "sources" / f"{source_id}.md"


def load_text(source_id: str) -> Text:
    """The cleaned text of a source (re-read when the file changes)."""
    if not isinstance(source_id, str) or not ID_PATTERN.fullmatch(source_id):
        raise CourseDataError("data/sources.csv", f"{source_id!r} is not a source id (known: {', '.join(source_ids())})")
    path = text_path(source_id)
    try:
        changed = path.stat().st_mtime
    except FileNotFoundError:
        known = ", ".join(source_ids())
        raise CourseDataError(display_path(path), f"no text for source {source_id!r} (known sources: {known})") from None
    return _load(path, changed, source_id)


def paragraph(source_id: str, number: int) -> str:
    """Paragraph ``number`` of a source."""
    return load_text(source_id).paragraph(number)


def quote_in_paragraph(quote: str, source_id: str, number: int) -> bool:
    """Whether ``quote`` is verbatim in that paragraph, white space collapsed."""
    return bool(collapse(quote)) and collapse(quote) in collapse(paragraph(source_id, number))


def texts_key() -> tuple:
    """Changes when sources.csv or any source text changes (so the tables' checks are redone)."""
    folder = data_dir()
    texts = tuple(sorted((p.name, mtime(p)) for p in (folder / "sources").glob("*.md")))
    return (str(folder), mtime(folder / "sources.csv"), texts)
