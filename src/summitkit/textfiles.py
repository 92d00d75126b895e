"""Reading the course's plain-text files with errors that name the file, the row (or line) and the problem.

The errors are meant for a teacher who edited a file in a text editor or a spreadsheet: a byte that is
not UTF-8 is named with its line and the words before it; a quotation mark that opens a cell and is
never closed is reported on the row where it opens; a row with cells missing names the columns it
lacks; a file with a header and no rows says so.

Only regular files are read, without blocking (:mod:`summitkit.safefiles`): a named pipe, a device or a folder where
a data file should be is named, never waited on. A file over :data:`MAX_BYTES` bytes, or a CSV file over
:data:`MAX_ROWS` rows, is refused at once with a sentence naming it (the course's largest file is about 35 kB and
its longest table about 200 rows).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from summitkit.dates import iso_bounds
from summitkit.errors import CourseDataError
from summitkit.paths import display_path
from summitkit.safefiles import FileTooLarge, NotARegularFile, read_regular

#: The largest data file read, in bytes, and the most rows a CSV file may have: far above any real table of the course.
MAX_BYTES = 4 * 2**20
MAX_ROWS = 20_000

#: How to save a file as UTF-8, for the message about a file that is not.
SAVE_AS_UTF8 = (
    "Save it as UTF-8: in Excel choose “CSV UTF-8 (Comma delimited)”, in LibreOffice the character set "
    "“Unicode (UTF-8)”, in a text editor the encoding “UTF-8”."
)


def mtime(path: Path) -> float:
    """When a file last changed (-1 if it cannot be read): part of the cache keys of the loaders."""
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def require(where: str, row: int, record: dict[str, str], *names: str) -> None:
    """A CourseDataError naming the row if one of the columns ``names`` is empty."""
    for name in names:
        if not record.get(name):
            raise CourseDataError(where, f"column '{name}' is empty", row=row)


def check_date(where: str, row: int, column: str, value: str) -> None:
    """A CourseDataError naming the row and column if ``value`` is not an ISO date of year, month or day precision."""
    try:
        iso_bounds(value)
    except ValueError as exc:
        raise CourseDataError(where, f"column '{column}': {exc}", row=row) from None


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, where: str, unit: str) -> CourseDataError:
    """The error for a byte that is not UTF-8: its line (or row), the byte, the words before it, and how to fix it."""
    line = raw.count(b"\n", 0, exc.start) + 1
    start = raw.rfind(b"\n", 0, exc.start) + 1
    before = raw[max(start, exc.start - 30) : exc.start].decode("utf-8", "replace").strip()
    byte = raw[exc.start]
    try:
        seen = bytes([byte]).decode("cp1252")
        likely = (
            f" (in Windows-1252 or Latin-1, the encoding Excel's plain “CSV” uses, it would be “{seen}”)"
            if seen.isprintable()
            else ""
        )
    except UnicodeDecodeError:
        likely = ""
    after = f" after “{before}”" if before else " at the start of the line"
    problem = f"is not UTF-8 text: byte 0x{byte:02X}{after} cannot be read{likely}. {SAVE_AS_UTF8}"
    return CourseDataError(where, problem, **{unit: line})


def read_text(path: Path, unit: str = "line") -> str:
    """The file's text (UTF-8, a byte-order mark allowed), or a CourseDataError saying why it cannot be read.

    ``unit`` is how the error names a place in the file: ``"line"``, or ``"row"`` for a CSV file. A file over
    :data:`MAX_BYTES`, or one that is not a regular file (a pipe, a device, a folder), is a CourseDataError too.
    """
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        raise CourseDataError(display_path(path), "file not found; restore it from the course repository") from None
    except FileTooLarge:
        size = _size(path)
        raise CourseDataError(
            display_path(path),
            f"is {size / 2**20:.1f} MB, more than the {MAX_BYTES // 2**20} MB a course "
            "data file may be (the course's own are under 0.1 MB): was something "
            "pasted into it by mistake? Restore it from the course repository",
        ) from None
    except NotARegularFile as exc:
        said = str(exc).removeprefix(f"{path} is ").rstrip(".")
        raise CourseDataError(
            display_path(path), f"is {said}; put the file itself there (restore it from the course repository)"
        ) from None
    except OSError as exc:
        raise CourseDataError(display_path(path), f"cannot be read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(raw, exc, display_path(path), unit) from None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return MAX_BYTES + 1


def read_csv(path: Path, required: tuple[str, ...], allow_empty: bool = False) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file as (row number, {column: stripped value}); row 1 is the header.

    Raises CourseDataError naming the file (and the row) for: a missing column, a row with too many
    cells, a row without a cell for a required column, a quotation mark that opens a cell and is not
    closed on its row (the error names the row where it opens, not where the file ends), and, unless
    ``allow_empty``, a file with no rows under its header.
    """
    text = read_text(path, unit="row")
    where = display_path(path)
    if not text.strip():
        raise CourseDataError(where, f"is empty: it needs a header row ({', '.join(required)}) and at least one row of data")
    if text.count("\n") > MAX_ROWS:
        rows = sum(1 for line in text.splitlines() if line.strip()) - 1
        if rows > MAX_ROWS:
            raise CourseDataError(
                where,
                f"has {rows:,} rows, more than the {MAX_ROWS:,} a course table may have (the "
                "course's longest has a few hundred): was a file pasted into it by mistake? "
                "Restore it from the course repository, or split the table",
            )
    lines = text.splitlines(keepends=True)
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="__extra__")
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise CourseDataError(where, f"is not valid CSV ({exc})", row=1) from None
    header = [h.strip() for h in header]
    reader.fieldnames = header
    missing = [c for c in required if c not in header]
    if missing:
        raise CourseDataError(where, f"missing column(s) {', '.join(missing)}; the header must name {', '.join(required)}", row=1)
    rows = []
    ended = reader.line_num  # the line the previous record ended on
    try:
        for record in reader:
            start = ended + 1
            while start <= len(lines) and not lines[start - 1].strip():
                start += 1  # blank lines between rows are skipped
            ended = reader.line_num
            _check_cells(where, start, ended, record, header, required, lines)
            if not any((v or "").strip() for k, v in record.items() if k != "__extra__"):
                continue
            rows.append((start, {k: (v or "").strip() for k, v in record.items() if k != "__extra__"}))
    except csv.Error as exc:
        start = ended + 1
        raise CourseDataError(where, f"is not valid CSV ({exc})", row=start) from None
    if not rows and not allow_empty:
        raise CourseDataError(
            where, f"has a header but no rows: it needs at least one row of data under the header ({', '.join(header)})"
        )
    return rows


_QUOTE_ADVICE = 'To put a quotation mark inside a cell, write it twice (""); a cell cannot hold a line break.'


def _check_cells(
    where: str, start: int, end: int, record: dict, header: list[str], required: tuple[str, ...], lines: list[str]
) -> None:
    """The checks of one record's cells: no line break inside a cell, no cell too many, none of the required ones missing."""
    extra = record.get("__extra__") or []
    cells = [(name, record.get(name)) for name in header] + [("(extra)", v) for v in extra]
    broken = next((name for name, value in cells if isinstance(value, str) and ("\n" in value or "\r" in value)), None)
    unclosed = lines[start - 1].count('"') % 2 == 1 if start <= len(lines) else False
    if broken is not None:
        runs = f"on to row {end}" if end < len(lines) else "to the end of the file"
        raise CourseDataError(
            where,
            f"a quotation mark (\") opens the cell in column '{broken}' and is not closed on this row, so "
            f"the cell runs {runs}. Close it on row {start}. {_QUOTE_ADVICE}",
            row=start,
        )
    if unclosed and end == start:
        raise CourseDataError(
            where,
            'a quotation mark (") on this row is not closed: the row holds an odd number of them, so '
            f"its cells run together. {_QUOTE_ADVICE}",
            row=start,
        )
    if extra:
        raise CourseDataError(
            where,
            f"has {len(header) + len(extra)} cells but the header has {len(header)} (a stray comma? "
            'A cell that holds a comma must be in quotation marks, "like, this")',
            row=start,
        )
    absent = [name for name in header if record.get(name) is None]
    if any(name in required for name in absent):
        raise CourseDataError(
            where,
            f"has {len(header) - len(absent)} cells but the header has {len(header)}: there is no cell for "
            f"column(s) {', '.join(absent)}. Every row needs a cell for each required column, "
            "even an empty one (two commas in a row).",
            row=start,
        )
