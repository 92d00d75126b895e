"""Question specs: validating a declaration, splitting it into public and sealed parts, and checking an answer.

Pure Python, no widgets, so every rule is testable headless. Each function hands the work to the
question's kind (``summitkit.quiz.kinds``); this module is the one door to them for code that holds a
spec as a dict. ``check`` here is the same function as ``summitkit.quiz.check``.

>>> spec = validate({"kind": "single", "id": "q", "prompt": "Who published it?", "options": ["38 North", "RSIS"], "answer": "RSIS"})
>>> check(spec, "RSIS").verdict, check(spec, "38 North").verdict, check(spec, None).verdict
('correct', 'wrong', 'empty')
>>> join(split(spec)) == spec
True
"""

from __future__ import annotations

from summitkit.quiz import kinds
from summitkit.quiz.kinds.base import MISSING, SpecError
from summitkit.quiz.result import SYMBOL, VERDICTS, Result

__all__ = ["MISSING", "SYMBOL", "VERDICTS", "Result", "SpecError", "check", "join", "split", "validate"]


def validate(spec: dict) -> dict:
    """A checked, normalised copy of a declaration; SpecError naming question and field otherwise."""
    if not isinstance(spec, dict):
        raise SpecError(f"a question is declared as a table of fields, not {type(spec).__name__}")
    qid = spec.get("id")
    if not isinstance(qid, str) or not qid.strip():
        raise SpecError("every question needs an 'id' (a short text like '01-outlet')", field="id")
    return kinds.get(spec.get("kind"), qid).validate(spec)


def split(spec: dict) -> dict:
    """The bank entry of a validated spec: the fields the learner's control needs in the clear, the rest sealed."""
    return kinds.get(spec["kind"], spec.get("id")).split(spec)


def join(entry: dict) -> dict:
    """A full spec back from a bank entry (ValueError if its seal is damaged)."""
    return kinds.get(entry["kind"], entry.get("id")).join(entry)


def check(spec: dict, answer: object) -> Result:
    """Check one answer against a full spec (from ``validate`` or ``bank.get``). Pure and headless.

    Never raises on an odd answer (another kind's shape, wrong types, huge text): it returns a
    Result that says what is wrong. A spec of an unknown kind raises SpecError.
    """
    return kinds.get(spec.get("kind"), spec.get("id")).check(spec, answer)
