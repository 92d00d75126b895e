"""``python3 run.py grade FOLDER``: grade a class folder and write ``grades.csv`` for a learning platform.

``grades.csv`` has one row per learner. Its first five columns are those of a Canvas gradebook export
(``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``), so Canvas recognises the file; the
learner's e-mail or username, if they typed one in the scorecard, is the ``SIS Login ID``, the column a
teacher maps to a user's e-mail or username in Moodle's "Import grades from CSV". Then one column per lesson,
the total, the flags and the export's file name. ``docs/teacher_guide.md`` says how to import it in each.

The dashboard notebook calls :func:`grade_folder` too, so both show the same grades.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path

from summitkit import exports, grading, marks, safefiles

GRADES_FILE = "grades.csv"
CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
NO_LOGIN = grading.NO_LOGIN  # + a tag: a learner with no e-mail or ID in any file (flagged; Moodle stops on it, see the guide)


def points(value: float) -> str:
    """A score as the platforms read it: a plain decimal with at most two places ('7.5', '8', '0').

    >>> points(7.5), points(8.0), points(2 / 3)
    ('7.5', '8', '0.67')
    """
    return f"{value:.2f}".rstrip("0").rstrip(".")


def lesson_header(lesson: str, title: str, out_of: float) -> str:
    """A lesson column's header, e.g. 'Summit 01 the sources (max 12)' (never 'name (digits)', which Canvas reads as an id).

    ``out_of`` is the lesson's weighted maximum (the policy's weights summed over its questions).
    """
    return f"Summit {lesson} {title} (max {points(out_of)})".replace("  ", " ")


def total_header(out_of: float) -> str:
    """The total column's header, with the weighted maximum."""
    return f"Summit total (max {points(out_of)})"


def header(grades: grading.ClassGrades) -> list[str]:
    """The columns of grades.csv."""
    lessons = [lesson_header(k, grades.titles.get(k, ""), n) for k, n in grades.lessons.items()]
    return [*CANVAS_COLUMNS, *lessons, total_header(grades.total_points), "Flags", "File"]


def _student_cell(name: str) -> str:
    # Canvas takes a row whose first cell contains "Points Possible" for the points row, not a student.
    return marks.sheet_cell(name.replace("Points Possible", "Points possible"))


def rows(grades: grading.ClassGrades) -> list[list[str]]:
    """One row per learner, in the order of :func:`header`: points are earned share x weight; every cell a number.

    A written answer not marked yet adds its policy's share (0 by default) and is named 'to mark' in the Flags.
    """
    out = []
    for learner in grades.learners:
        login = learner.login or learner.export.email_or_id or NO_LOGIN
        flags = " | ".join(learner.flags + learner.notes)
        out.append(
            [
                _student_cell(learner.name),
                "",
                "",
                marks.sheet_cell(login),
                "",
                *(points(learner.lessons.get(k, 0.0)) for k in grades.lessons),
                points(learner.total),
                marks.sheet_cell(flags),
                marks.sheet_cell(learner.file),
            ]
        )
    return out


def write_grades(folder: Path, grades: grading.ClassGrades) -> Path:
    """Write ``FOLDER/grades.csv`` (UTF-8 with a byte-order mark, comma-separated), atomically."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header(grades))
    writer.writerows(rows(grades))
    target = Path(folder) / GRADES_FILE
    tmp = target.with_name(f".{GRADES_FILE}.{os.getpid()}.tmp")
    try:
        tmp.unlink(missing_ok=True)
        with open(tmp, "x", encoding="utf-8-sig", newline="") as handle:  # never through a link planted under this name
            handle.write(buffer.getvalue())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(
            f"{target} could not be written ({exc.strerror or exc}); if it is open in a spreadsheet program, "
            "close it there and grade again"
        ) from None
    return target


def grade_folder(folder: Path | str, root: Path | None = None, write: bool = True) -> grading.ClassGrades:
    """Read every export in ``folder``, re-check every answer, apply the policy and the teacher's marks.

    With ``write`` (the default) also writes ``grades.csv``, adds rows for unmarked written answers to
    ``marks.csv``, and writes ``grading_policy.csv`` with the defaults if the folder has none.
    Raises FileNotFoundError for a missing folder and GradingError when there are no questions to grade against.
    """
    folder = Path(folder)
    questions, titles, source = grading.course_questions(root)
    found, skipped = exports.read_folder(folder)
    policy, problems = grading.read_policy(folder, write_default=write, questions=questions)
    book = marks.read_marks(folder)
    grades = grading.grade_class(found, questions, titles, policy, book, skipped, source)
    grades.problems = problems + book.problems
    written = {q.id for q in questions.values() if q.kind == "written"}
    for mark in book.marks:
        if mark.question not in written:
            line = book.rows[mark.index].get("_line", "?")
            grades.problems.append(
                f"{marks.MARKS_FILE}, row {line}: {exports.clean_text(mark.question, 40)!r} is not a "
                f"written question of this course (they are {', '.join(sorted(written))}); not counted"
            )
    if write:
        write_grades(folder, grades)
        if safefiles.refusal(book.path):
            pass  # not a file (a pipe, a link to someone else's): read_marks said so; never written through
        elif marks.add_unmarked(book, grades) or (book.rows and book.path.exists()):
            try:
                marks.write_marks(book)
            except OSError as exc:
                grades.problems.append(str(exc))
    return grades


def report_lines(grades: grading.ClassGrades) -> list[str]:
    """The lines ``run.py grade`` prints: one per file skipped or flagged, then the teacher's files' problems."""
    lines = [f"skipped  {file}: {reason}" for file, reason in grades.skipped]
    lines += [f"flagged  {g.file}: {g.name}: {'; '.join(g.flags)}" for g in grades.learners if g.flags]
    lines += [f"problem  {p}" for p in grades.problems]
    return lines


def summary(grades: grading.ClassGrades, folder: Path) -> str:
    """One closing line: how many learners, where the file is, what is left to mark, how the total is made."""
    to_mark = sum(len(g.to_mark) for g in grades.learners)
    flagged = sum(1 for g in grades.learners if g.flags)
    return (
        f"graded {len(grades.learners)} learner(s) against {grades.source}; {len(grades.skipped)} file(s) skipped, "
        f"{flagged} learner(s) flagged; wrote {Path(folder) / GRADES_FILE}"
        + (f"; {to_mark} written answer(s) to mark in {Path(folder) / marks.MARKS_FILE}" if to_mark else "")
        + f"; how the total is made ({grading.POLICY_FILE}): {grades.how_made()}"
    )


def main(folder: str) -> int:
    """The command: print the report and write the files; 0 when the folder could be graded."""
    path = Path(folder).expanduser()
    try:
        grades = grade_folder(path)
    except FileNotFoundError as exc:
        print(f"Cannot grade: {exc}", file=sys.stderr)
        return 2
    except (grading.GradingError, OSError) as exc:
        print(f"Cannot grade: {exc}", file=sys.stderr)
        return 1
    for line in report_lines(grades):
        print(line)
    print(summary(grades, path))
    return 0
