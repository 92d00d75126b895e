"""The two texts (and any added later), paragraph by paragraph, and finding quotations.

A source lives in ``data/sources/<id>.md``: ``# Title``, ``## Heading`` lines and
paragraphs separated by blank lines. Paragraphs are numbered from 1, headings not counted.

>>> paragraph("38north", 1)[:30]
'From April 24-26, Kim Jong Un '
>>> [str(c) for c in find_quote("a drive-by summit")]
['38north ¶1']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from summitkit.errors import CourseDataError
from summitkit.paths import data_dir, display_path
from summitkit.textfiles import read_text

if TYPE_CHECKING:
    from summitkit.citations import Citation

_SPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Runs of white space (any kind, including non-breaking) as one plain space.

    >>> collapse("to\\u00a0 defend\\n his")
    'to defend his'
    """
    return _SPACE.sub(" ", text).strip()


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


def source_ids() -> list[str]:
    """Ids of the sources, in the order of ``data/sources.csv``."""
    from summitkit.tables import sources_table

    return [s.id for s in sources_table()]


def parse_markdown(text: str, source_id: str, where: str) -> Text:
    """Parse a cleaned source file; errors name the file and the line."""
    lines = text.replace("\r\n", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].startswith("# "):
        raise CourseDataError(where, "must start with a '# Title' line", row=(first or 0) + 1)
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
            raise CourseDataError(where, "only one '# Title' and '## Heading' lines are allowed", row=number)
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
    if not isinstance(source_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", source_id):
        raise CourseDataError("data/sources.csv", f"{source_id!r} is not a source id (known: {', '.join(source_ids())})")
    path = text_path(source_id)
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        known = ", ".join(source_ids())
        raise CourseDataError(display_path(path), f"no text for source {source_id!r} (known sources: {known})") from None
    return _load(path, mtime, source_id)


def paragraph(source_id: str, number: int) -> str:
    """Paragraph ``number`` of a source."""
    return load_text(source_id).paragraph(number)


def find_quote(quote: str, sources: list[str] | None = None) -> list[Citation]:
    """Every paragraph where ``quote`` appears verbatim (white space collapsed)."""
    from summitkit.citations import Citation

    needle = collapse(quote)
    if not needle:
        return []
    found = []
    for sid in sources or source_ids():
        for n, para in enumerate(load_text(sid).paragraphs, start=1):
            if needle in collapse(para):
                found.append(Citation(sid, n))
    return found


def quote_in_paragraph(quote: str, source_id: str, number: int) -> bool:
    """Whether ``quote`` is verbatim in that paragraph, white space collapsed."""
    return bool(collapse(quote)) and collapse(quote) in collapse(paragraph(source_id, number))
