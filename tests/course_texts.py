"""The texts a learner reads in the course, gathered for the prose tests (``test_quotations.py``, ``test_prose_numbers.py``)."""

from __future__ import annotations

from conftest import ROOT

from summitkit.quiz.build import declared_questions


def _strings(value: object) -> list[str]:
    """Every string in a JSON-like value (keys too)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def question_texts() -> list[tuple[str, str]]:
    """Every text a learner can read in a question: (``question id: field``, text)."""
    out = []
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        for qid, spec in declared_questions(path).items():
            for field, value in spec.items():
                if field in ("kind", "id", "cite", "answer", "precision", "value", "in_lesson"):
                    continue
                for text in _strings(value):
                    out.append((f"{qid}: {field}", text))
    return out
