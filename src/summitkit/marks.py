"""The teacher's marks for written work: ``marks.csv`` beside the exports, one row per learner and question.

A teacher fills in ``score`` (``1``, ``0.5``, ``3/4`` or ``75%`` of the question's point) and ``comment``,
by hand in a spreadsheet or with the dashboard's marking panel; ``python3 run.py grade`` reads them into
``grades.csv``. The grader adds a row for every written answer not yet in the file (with the text to
read, the learner's checklist and the citation check) and never changes a score or a comment.

>>> parse_score("3/4"), parse_score("75%"), parse_score("0,5"), parse_score("")
(0.75, 0.75, 0.5, None)
>>> sheet_cell("=HYPERLINK(1)"), sheet_value("'=HYPERLINK(1)")
("'=HYPERLINK(1)", '=HYPERLINK(1)')
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from summitkit import safefiles
from summitkit.essay import check_citations
from summitkit.exports import Export, clean_text
from summitkit.grading import answer_id, name_key

MARKS_FILE = "marks.csv"
COLUMNS = ["learner", "email_or_id", "file", "question", "score", "comment", "answer_id", "checklist", "citations", "answer"]
MAX_BYTES = 20 * 2**20
MAX_TEXT = 30_000  # a spreadsheet cell holds 32,767 characters
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _formula_lead(text: str) -> int:
    """Where a formula would start in ``text`` (the index of its = + - @, after invisible format characters such as
    a zero-width space), or -1. A fullwidth ＝ ＋ － ＠ counts: a spreadsheet may read it as its plain twin."""
    start = 0
    while start < len(text) and unicodedata.category(text[start]) == "Cf":
        start += 1
    return start if text[start : start + 1] and unicodedata.normalize("NFKC", text[start]).startswith(_FORMULA) else -1


def sheet_cell(text: object) -> str:
    """Text a spreadsheet shows as text: a leading = + - @ would start a formula, so it gets a quote mark.

    Invisible characters before it (zero-width space, word joiner, byte-order mark) are dropped, and a fullwidth
    ＝ ＋ － ＠ is guarded as its plain twin: ``sheet_cell("\u200b=1+1") == "'=1+1"``.
    """
    text = "" if text is None else str(text)
    lead = _formula_lead(text)
    return text if lead < 0 else "'" + text[lead:]


def sheet_value(text: str) -> str:
    """A cell read back: the quote mark :func:`sheet_cell` added is dropped."""
    return text[1:] if text.startswith("'") and _formula_lead(text[1:]) == 0 else text


def parse_score(text: str) -> float | None:
    """A teacher's score as a share of the question's point; None if blank; ValueError saying how to write it."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if "/" in text:
            got, of = (float(part.strip().replace(",", ".")) for part in text.split("/", 1))
            value = got / of
        elif text.endswith("%"):
            value = float(text[:-1].strip().replace(",", ".")) / 100
        else:
            value = float(text.replace(",", "."))
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"score {clean_text(text, 20)!r} is not a number: write 1, 0.5, 3/4 or 75%") from None
    if not 0 <= value <= 1:
        raise ValueError(
            f"score {clean_text(text, 20)!r} is not between 0 and 1 of the question's point: write 1, 0.5, 3/4 or 75%"
        )
    return round(value, 4)


@dataclass(frozen=True)
class Mark:
    """A teacher's mark for one learner's answer to one written question."""

    index: int  # the row's place in MarkBook.rows
    learner: str
    email_or_id: str
    file: str
    question: str
    score: float
    comment: str
    answer_id: str


def _key(text: str) -> str:

    return name_key(text)


class MarkBook:
    """``marks.csv`` as read: every row (kept whole for rewriting), the valid marks, and the problems found."""

    def __init__(self, path: Path, header: list[str], rows: list[dict[str, str]], problems: list[str]) -> None:
        self.path = path
        self.header = header
        self.rows = rows
        self.problems = problems
        self.class_files: set[str] = set()  # files of the class being graded: a row naming one is that learner's
        self.marks: list[Mark] = []
        self._index: dict[str, list[int]] = {}
        self._by_file: dict[tuple[str, str], list[int]] = {}
        self._indexed = 0
        for index, row in enumerate(rows):
            try:
                score = parse_score(row.get("score", ""))
            except ValueError as exc:
                problems.append(f"{MARKS_FILE}, row {row.get('_line', index + 2)}: {exc}; this row is not counted")
                continue
            if score is not None and row.get("question"):
                self.marks.append(
                    Mark(
                        index,
                        row.get("learner", ""),
                        row.get("email_or_id", ""),
                        row.get("file", ""),
                        row["question"],
                        score,
                        row.get("comment", ""),
                        row.get("answer_id", ""),
                    )
                )
        self._marks_by_row = {m.index: m for m in self.marks}

    def _level(self, row: dict, export: Export) -> int:
        """How surely a row belongs to an export: 3 same file, 2 same e-mail/ID, 1 same name, 0 not at all."""
        if row.get("file") and row["file"] == export.file:
            return 3
        if row.get("file") in self.class_files:
            return 0  # the row names another learner's file
        mine, theirs = _key(export.email_or_id), _key(row.get("email_or_id", ""))
        if mine and theirs:
            return 2 if mine == theirs else 0
        return 1 if row.get("learner") and _key(row["learner"]) == _key(export.learner) else 0

    def _by_question(self, question: str) -> list[int]:
        if self._indexed != len(self.rows):  # rows were added: index them again
            self._index, self._by_file = {}, {}
            for i, row in enumerate(self.rows):
                self._index.setdefault(row.get("question", ""), []).append(i)
                self._by_file.setdefault((row.get("question", ""), row.get("file", "")), []).append(i)
            self._indexed = len(self.rows)
        return self._index.get(question, [])

    def _candidates(self, export: Export, question: str) -> list[int]:
        rows = self._by_question(question)
        return self._by_file.get((question, export.file)) or rows  # rows naming this very file match best

    def row_index(self, export: Export, question: str) -> int | None:
        """The index in :attr:`rows` of this learner's row for ``question`` (marked or not; the last that matches best)."""
        best, level = None, 0
        for i in self._candidates(export, question):
            found = self._level(self.rows[i], export)
            if found and found >= level:
                best, level = i, found
        return best

    def find(self, export: Export, question: str) -> Mark | None:
        """The mark for this learner's answer to ``question`` (the last marked row that matches best), or None."""
        self._by_question(question)
        same_file = [self._marks_by_row[i] for i in self._by_file.get((question, export.file), []) if i in self._marks_by_row]
        if same_file:
            return same_file[-1]
        best, level = None, 0
        for i in self._by_question(question):  # all rows: the marked one may name an older export of this learner
            mark = self._marks_by_row.get(i)
            found = self._level(self.rows[i], export) if mark else 0
            if found and found >= level:
                best, level = mark, found
        return best


def read_marks(folder: Path | str) -> MarkBook:
    """``FOLDER/marks.csv`` (an empty book if there is none); a damaged file is reported, never raised."""
    path = Path(folder) / MARKS_FILE
    if not os.path.lexists(path):
        return MarkBook(path, list(COLUMNS), [], [])
    problems: list[str] = []
    try:
        try:
            raw = safefiles.read_regular(path, MAX_BYTES)
        except safefiles.FileTooLarge:
            return MarkBook(path, list(COLUMNS), [], [f"{MARKS_FILE} is larger than 20 MB: not read; no marks counted"])
        except safefiles.NotARegularFile as exc:
            reason = str(exc).removeprefix(f"{path} ").rstrip(".")
            return MarkBook(path, list(COLUMNS), [], [f"{MARKS_FILE} {reason}: not read or written; no marks counted"])
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            problems.append(
                f"{MARKS_FILE} is not UTF-8: read as Windows-1252 (a spreadsheet's plain 'CSV' format); "
                "save it as 'CSV UTF-8' so that names in every script survive"
            )
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        table = list(reader)
    except (OSError, csv.Error) as exc:
        return MarkBook(path, list(COLUMNS), [], [f"{MARKS_FILE} cannot be read ({exc}); no marks counted"])
    if not table:
        return MarkBook(path, list(COLUMNS), [], problems)
    header = [clean_text(h, 60).lower() for h in table[0]]
    missing = [c for c in ("question", "score") if c not in header]
    if missing or not {"learner", "email_or_id", "file"} & set(header):
        return MarkBook(
            path,
            list(COLUMNS),
            [],
            problems
            + [
                f"{MARKS_FILE}, row 1: the header must name question, score and learner (or email_or_id, or file); "
                f"it has {', '.join(header) or 'nothing'}: no marks counted"
            ],
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name}
        row["_line"] = str(number)
        for name in ("learner", "email_or_id", "file", "question", "answer_id"):
            if name in row:
                row[name] = sheet_value(row[name].strip())
        rows.append(row)
    for name in COLUMNS:
        if name not in header:
            header.append(name)
    return MarkBook(path, [h for h in header if h], rows, problems)


def write_marks(book: MarkBook) -> None:
    """Write the book back (UTF-8 with a byte-order mark so spreadsheets read every script), atomically."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(book.header)
    for row in book.rows:
        writer.writerow([sheet_cell(row.get(name, "")) if name not in ("score",) else row.get(name, "") for name in book.header])
    data = buffer.getvalue().encode("utf-8-sig")
    refused = safefiles.refusal(book.path)
    if refused:
        raise OSError(f"{refused} {MARKS_FILE} was not written: replace it with a file")
    try:
        if safefiles.read_regular(book.path, MAX_BYTES) == data:
            return  # nothing changed: leave the teacher's file alone
    except OSError:
        pass
    tmp = book.path.with_name(f".{book.path.name}.{os.getpid()}.tmp")
    try:
        tmp.unlink(missing_ok=True)
        with open(tmp, "xb") as handle:  # a new file, never through a link planted under this name
            handle.write(data)
        os.replace(tmp, book.path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(
            f"{MARKS_FILE} could not be saved ({exc.strerror or exc}); if it is open in a spreadsheet "
            "program, close it there and save again"
        ) from None


def describe_answer(question, answer: object) -> dict[str, str]:  # a grading.Question
    """The columns a teacher reads beside a written answer: the text, the checklist ticked, the citation check."""

    record = answer if isinstance(answer, dict) else {"text": answer}
    text = clean_text(record.get("text") or "", MAX_TEXT, keep_newlines=True)
    ticks = record.get("rubric") if isinstance(record.get("rubric"), list) else []
    rubric = question.spec.get("rubric") or []
    ticked = [str(i + 1) for i, tick in enumerate(ticks[: len(rubric)]) if tick is True]
    checks = check_citations(text[:MAX_TEXT])
    cites = ", ".join(f"{c.citation} {'✓' if c.ok else '✗ does not exist'}" for c in checks[:40]) or "no citations"
    return {
        "checklist": f"{len(ticked)} of {len(rubric)} ticked" + (f" ({', '.join(ticked)})" if ticked else ""),
        "citations": cites,
        "answer": text,
    }


def set_mark(folder: Path | str, export: Export, question, answer: object, score: str, comment: str) -> Mark:
    """Save a teacher's score and comment for one written answer in ``marks.csv`` (re-read first, so hand edits stay)."""

    value = parse_score(score)
    if value is None:
        raise ValueError("type a score first: 1, 0.5, 3/4 or 75%")
    book = read_marks(folder)
    book.class_files.add(export.file)
    index = book.row_index(export, question.id)
    row = book.rows[index] if index is not None else {}
    row.update(
        {
            "learner": export.learner,
            "email_or_id": export.email_or_id,
            "file": export.file,
            "question": question.id,
            "score": score.strip(),
            "comment": clean_text(comment, 2000, keep_newlines=True),
            "answer_id": answer_id(answer),
            **describe_answer(question, answer),
        }
    )
    if index is None:
        book.rows.append(row)
    write_marks(book)
    return Mark(
        len(book.rows) - 1 if index is None else index,
        export.learner,
        export.email_or_id,
        export.file,
        question.id,
        value,
        row["comment"],
        row["answer_id"],
    )


def add_unmarked(book: MarkBook, grades) -> int:  # a grading.ClassGrades
    """Add a row for each written answer the book has no row for, refresh the reading columns; return rows added."""

    added = 0
    for learner in grades.learners:
        for qid, item in learner.answers.items():
            if item.question.kind != "written" or item.verdict in ("empty", "unreadable"):
                continue
            index = book.row_index(learner.export, qid)
            current = answer_id(item.answer)
            if index is None:
                book.rows.append(
                    {
                        "learner": learner.name,
                        "email_or_id": learner.export.email_or_id,
                        "file": learner.file,
                        "question": qid,
                        "score": "",
                        "comment": "",
                        "answer_id": current,
                        **describe_answer(item.question, item.answer),
                    }
                )
                added += 1
                continue
            row = book.rows[index]
            if row.get("answer_id") != current or not row.get("answer"):
                row.update(describe_answer(item.question, item.answer))  # the text to read is always today's
                if not (row.get("score") or "").strip():  # the score, comment and answer_id of a mark stay the teacher's
                    row["answer_id"] = current
            if not (row.get("score") or "").strip():
                row["file"] = learner.file
    return added
