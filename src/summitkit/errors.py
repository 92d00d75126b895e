"""The one error the course raises about its own data, with file, row and problem."""

from __future__ import annotations

from pathlib import Path


class CourseDataError(ValueError):
    """A data file is missing, unreadable or holds a row that breaks a rule.

    >>> str(CourseDataError("data/stakes.csv", "unknown source 'bbc'", row=4))
    "data/stakes.csv, row 4: unknown source 'bbc'"
    """

    def __init__(self, file: str | Path, problem: str, row: int | None = None) -> None:
        self.file = str(file)
        self.row = row
        self.problem = problem
        where = self.file if row is None else f"{self.file}, row {row}"
        super().__init__(f"{where}: {problem}")
