"""The one error the course raises about its own data, with file, row and problem."""

from __future__ import annotations

from pathlib import Path


class CourseDataError(ValueError):
    """A data file is missing, unreadable or holds a row that breaks a rule.

    A CSV file's errors name the row (the header is row 1, as a spreadsheet counts); other files the line.

    >>> str(CourseDataError("data/stakes.csv", "unknown source 'bbc'", row=4))
    "data/stakes.csv, row 4: unknown source 'bbc'"
    >>> str(CourseDataError("data/sources/rsis.md", "only one '# Title' line", line=3))
    "data/sources/rsis.md, line 3: only one '# Title' line"
    """

    def __init__(self, file: str | Path, problem: str, row: int | None = None, line: int | None = None) -> None:
        self.file = str(file)
        self.row = row
        self.line = line
        self.problem = problem
        where = self.file if row is None else f"{self.file}, row {row}"
        if row is None and line is not None:
            where = f"{self.file}, line {line}"
        super().__init__(f"{where}: {problem}")
