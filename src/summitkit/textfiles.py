"""Reading the course's plain-text files with errors that name the file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from summitkit.dates import iso_bounds
from summitkit.errors import CourseDataError
from summitkit.paths import display_path


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


def read_text(path: Path) -> str:
    """The file's text (UTF-8), or a CourseDataError saying why it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CourseDataError(display_path(path), "file not found; restore it from the course repository") from None
    except OSError as exc:
        raise CourseDataError(display_path(path), f"cannot be read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CourseDataError(
            display_path(path), f"is not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8"
        ) from None


def read_csv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file as (row number, {column: stripped value}); row 1 is the header.

    Raises CourseDataError naming the file for a missing column and naming the row for
    a row with too many cells.
    """
    text = read_text(path)
    where = display_path(path)
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="__extra__")
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise CourseDataError(where, f"is not valid CSV ({exc})") from None
    header = [h.strip() for h in header]
    reader.fieldnames = header
    missing = [c for c in required if c not in header]
    if missing:
        raise CourseDataError(where, f"missing column(s) {', '.join(missing)}; the header must name {', '.join(required)}", row=1)
    rows = []
    try:
        for record in reader:
            number = reader.line_num
            if record.get("__extra__"):
                raise CourseDataError(where, f"has {len(header) + len(record['__extra__'])} cells but the header has {len(header)} (a stray comma?)", row=number)
            if not any((v or "").strip() for v in record.values()):
                continue
            rows.append((number, {k: (v or "").strip() for k, v in record.items()}))
    except csv.Error as exc:
        raise CourseDataError(where, f"is not valid CSV ({exc})", row=reader.line_num) from None
    return rows
