"""The essay's analytic rubric (``data/rubric.csv``) and its annotated exemplars (``data/exemplars/*.md``).

The rubric has criteria (Claim, Evidence, Reasoning, Counter-argument and sourcing), each described at
levels 4 (strongest) to 1, with a long descriptor for the essay and a short one for other written answers.
An exemplar is an essay written for the course with a note on each criterion saying which level it
reaches and why. Both are plain text a teacher can edit; errors name the file, the row or line, and
the problem.

An exemplar file is a few ``key: value`` lines (``position``, ``strength``), a blank line, the essay, and
then one section per criterion, headed ``## <criterion>: <level>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from summitkit.errors import CourseDataError
from summitkit.paths import data_dir, display_path
from summitkit.textfiles import mtime, read_csv, read_text, require

RUBRIC_FILE = "rubric.csv"
EXEMPLARS_FOLDER = "exemplars"
LEVELS = (4, 3, 2, 1)  # strongest first, as a rubric is read
EXEMPLAR_KEYS = ("position", "strength")


@dataclass(frozen=True)
class Level:
    """One cell of the rubric: a criterion at one level."""

    criterion: str
    level: int
    descriptor: str
    short: str


@dataclass(frozen=True)
class Exemplar:
    """An annotated essay: its position, how strong it is, the text, and a (level, note) per criterion."""

    id: str
    position: str
    strength: str
    text: str
    notes: dict[str, tuple[int, str]]


@lru_cache(maxsize=4)
def _rubric(path: Path, stamp: float) -> tuple[Level, ...]:
    where = display_path(path)
    cells: list[Level] = []
    seen: dict[str, set[int]] = {}
    for row, rec in read_csv(path, ("criterion", "level", "descriptor", "short")):
        require(where, row, rec, "criterion", "level", "descriptor", "short")
        try:
            level = int(rec["level"])
        except ValueError:
            level = 0
        if level not in LEVELS:
            raise CourseDataError(where, f"level {rec['level']!r} is not one of 4, 3, 2, 1", row=row)
        levels = seen.setdefault(rec["criterion"], set())
        if level in levels:
            raise CourseDataError(where, f"criterion {rec['criterion']!r} has level {level} twice", row=row)
        levels.add(level)
        cells.append(Level(rec["criterion"], level, rec["descriptor"], rec["short"]))
    for criterion, levels in seen.items():
        if levels != set(LEVELS):
            missing = ", ".join(str(n) for n in LEVELS if n not in levels)
            raise CourseDataError(
                where, f"criterion {criterion!r} lacks level(s) {missing}: each criterion needs levels 4, 3, 2 and 1"
            )
    return tuple(cells)


def rubric() -> tuple[Level, ...]:
    """Every cell of the rubric, in the file's order."""
    path = data_dir() / RUBRIC_FILE
    return _rubric(path, mtime(path))


def criteria() -> tuple[str, ...]:
    """The rubric's criteria, in the file's order.

    >>> criteria()
    ('Claim', 'Evidence', 'Reasoning', 'Counter-argument and sourcing')
    """
    return tuple(dict.fromkeys(cell.criterion for cell in rubric()))


def descriptor(criterion: str, level: int, short: bool = False) -> str:
    """What ``criterion`` looks like at ``level`` (the short form for written answers other than the essay)."""
    for cell in rubric():
        if cell.criterion == criterion and cell.level == level:
            return cell.short if short else cell.descriptor
    raise KeyError(f"{criterion!r} at level {level}")


def parse_exemplar(text: str, exemplar_id: str, where: str, known: tuple[str, ...]) -> Exemplar:
    """One exemplar file's text as an :class:`Exemplar`, or a CourseDataError naming the line and the problem."""
    lines = text.splitlines()
    header: dict[str, str] = {}
    at = 0
    while at < len(lines) and lines[at].strip():
        key, sep, value = lines[at].partition(":")
        if not sep or key.strip() not in EXEMPLAR_KEYS:
            raise CourseDataError(
                where,
                f"the file must open with the lines {', '.join(k + ': ...' for k in EXEMPLAR_KEYS)} "
                f"and a blank line; found {lines[at].strip()!r}",
                line=at + 1,
            )
        header[key.strip()] = value.strip()
        at += 1
    for key in EXEMPLAR_KEYS:
        if not header.get(key):
            raise CourseDataError(where, f"'{key}:' is missing or empty at the top of the file", line=1)
    body: list[str] = []
    notes: dict[str, tuple[int, str]] = {}
    current: tuple[str, int, int] | None = None  # criterion, level, line
    section: list[str] = []

    def close() -> None:
        if current is not None:
            note = " ".join(" ".join(section).split())
            if not note:
                raise CourseDataError(where, f"the note on {current[0]!r} is empty", line=current[2])
            notes[current[0]] = (current[1], note)

    for number, line in enumerate(lines[at:], start=at + 1):
        if line.startswith("## "):
            close()
            name, sep, level = line[3:].rpartition(":")
            name = name.strip()
            if not sep or name not in known:
                raise CourseDataError(
                    where,
                    f"a note's heading must read '## <criterion>: <level>' with a criterion of "
                    f"data/{RUBRIC_FILE} ({', '.join(known)}); found {line!r}",
                    line=number,
                )
            if name in notes:
                raise CourseDataError(where, f"criterion {name!r} has two notes", line=number)
            if level.strip() not in {str(n) for n in LEVELS}:
                raise CourseDataError(where, f"level {level.strip()!r} is not one of 4, 3, 2, 1", line=number)
            current, section = (name, int(level), number), []
        elif current is None:
            body.append(line)
        else:
            section.append(line)
    close()
    missing = [c for c in known if c not in notes]
    if missing:
        raise CourseDataError(
            where, f"no note on {', '.join(missing)}: each exemplar has one '## <criterion>: <level>' section per criterion"
        )
    essay = "\n".join(body).strip()
    if not essay:
        raise CourseDataError(where, "the essay is empty: write it between the top lines and the first '## ' note")
    return Exemplar(exemplar_id, header["position"], header["strength"], essay, notes)


@lru_cache(maxsize=4)
def _exemplars(folder: Path, stamps: tuple, known: tuple[str, ...]) -> tuple[Exemplar, ...]:
    out = []
    for path in sorted(folder.glob("*.md")):
        out.append(parse_exemplar(read_text(path), path.stem, display_path(path), known))
    return tuple(out)


def exemplars() -> tuple[Exemplar, ...]:
    """The annotated exemplars, in file-name order (``1-strong.md`` before ``2-middling.md``)."""
    folder = data_dir() / EXEMPLARS_FOLDER
    stamps = tuple((p.name, mtime(p)) for p in sorted(folder.glob("*.md")))
    return _exemplars(folder, stamps, criteria())
