"""The question banks in ``data/questions/``: generated from solutions, answers sealed."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from summitkit.errors import CourseDataError
from summitkit.paths import data_dir, display_path
from summitkit.quiz.spec import SpecError, join
from summitkit.textfiles import read_text


def bank_dir() -> Path:
    return data_dir() / "questions"


@lru_cache(maxsize=32)
def _read_bank(path: Path, mtime: float) -> dict[str, dict]:
    where = display_path(path)
    try:
        data = json.loads(read_text(path))
        entries = data["questions"]
    except (ValueError, KeyError, TypeError) as exc:
        raise CourseDataError(where, f"is not a question bank ({exc}); rebuild it with 'python3 run.py build'") from None
    out = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not {"id", "kind", "prompt", "sealed"} <= set(entry):
            raise CourseDataError(
                where, "entry lacks id, kind, prompt or sealed; rebuild with 'python3 run.py build'", row=number
            )
        if entry["id"] in out:
            raise CourseDataError(
                where,
                f"question id {entry['id']!r} is in this bank twice; rebuild with 'python3 run.py build', "
                "which says where it is declared twice",
                row=number,
            )
        out[entry["id"]] = entry
    return out


def banks() -> dict[str, dict[str, dict]]:
    """Every bank by name (``01_the_sources``, the name of its lesson and solution notebooks), its questions by id."""
    return {path.stem: _read_bank(path, path.stat().st_mtime) for path in sorted(bank_dir().glob("*.json"))}


def entries() -> dict[str, dict]:
    """Every question in every bank, by id (a CourseDataError if two banks hold one id: neither silently wins)."""
    found: dict[str, dict] = {}
    home: dict[str, str] = {}
    for name, questions in banks().items():
        for qid, entry in questions.items():
            if qid in found:
                raise CourseDataError(
                    display_path(bank_dir() / f"{name}.json"),
                    f"question id {qid!r} is also in {home[qid]}.json: one id, one question. "
                    "Rebuild with 'python3 run.py build', which says where it is declared twice",
                )
            found[qid], home[qid] = entry, name
    return found


def lesson_of(question_id: str) -> str:
    """The lesson number a question id starts with ('01-outlet' -> '01')."""
    return question_id.split("-", 1)[0]


def get(question_id: str) -> dict:
    """The full spec of a question from the banks (answer unsealed for checking)."""
    found = entries()
    if question_id not in found:
        raise CourseDataError(
            display_path(bank_dir()),
            f"no question {question_id!r}; if a teacher just added it to a solutions notebook, run 'python3 run.py build'",
        )
    try:
        return join(found[question_id])
    except (ValueError, SpecError) as exc:
        raise CourseDataError(display_path(bank_dir()), str(exc)) from None
