"""Learners for tests: answer through the question widgets (the checking code), then export with the package.

Each learner has a progress folder of their own (``SUMMITKIT_HOME``), as on their own machine.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from summitkit import grading, quiz, scorecard
from summitkit.quiz import kinds


def right_answer(spec: dict) -> object:
    """The answer that earns full marks, read from a question's full spec."""
    kind = spec["kind"]
    if kind in ("single", "multiple", "number", "code"):
        return spec["answer"]
    if kind == "order":
        return list(spec["items"])
    if kind == "match":
        return dict(spec["pairs"])
    if kind == "categorize":
        return dict(spec["items"])
    if kind == "date":
        return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(spec["answer"]) if p is not None)
    if kind == "evidence":
        return spec["answer"][0]
    if kind == "justify":  # the course's answer, with a quotation from its first paragraph
        return kinds.get(kind).right_answer(spec)
    return {
        "text": "A drive-by in what it achieved (38north ¶1), but Russia's entrance in intent (rsis ¶3).",
        "rubric": [True] * len(spec["rubric"]),
    }


def all_right() -> dict[str, object]:
    """Every question of the course with its right answer."""
    questions, _, _ = grading.course_questions()
    return {qid: right_answer(q.spec) for qid, q in questions.items()}


class Learner:
    """One learner on their own machine: answers through the widgets, then exports."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.home.mkdir(parents=True, exist_ok=True)

    def _enter(self) -> str | None:
        old = os.environ.get("SUMMITKIT_HOME")
        os.environ["SUMMITKIT_HOME"] = str(self.home)
        return old

    @staticmethod
    def _leave(old: str | None) -> None:
        if old is None:
            os.environ.pop("SUMMITKIT_HOME", None)
        else:
            os.environ["SUMMITKIT_HOME"] = old

    def answer(self, qid: str, value: object, hints: int = 0, reveal_first: bool = False) -> str:
        """Answer one question as a learner would (hints, 'Show answer' pressed twice first if asked); return the verdict."""
        old = self._enter()
        try:
            if quiz.show(qid).kind == "code":
                return quiz.show(qid, value=value).last_result.verdict
            widget = quiz.show(qid)
            if reveal_first:
                widget.reveal()
                widget.reveal()
            for _ in range(hints):
                widget.hint()
            widget.set_answer(value)
            return widget.check().verdict
        finally:
            self._leave(old)

    def reveal(self, qid: str) -> None:
        """Press Show answer (after an attempt it shows at once)."""
        old = self._enter()
        try:
            widget = quiz.show(qid)
            widget.reveal()
            widget.reveal()
        finally:
            self._leave(old)

    def answers(self, values: dict[str, object]) -> None:
        for qid, value in values.items():
            self.answer(qid, value)

    def export(self, folder: Path, name: str, email_or_id: str = "") -> Path:
        old = self._enter()
        try:
            return scorecard.export(name, folder, email_or_id=email_or_id)
        finally:
            self._leave(old)


def edit(path: Path, change) -> Path:  # change(data) edits the export's JSON in place
    """Edit an export file as a learner with a text editor would."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def answer_as_learner(home: Path, monkeypatch: pytest.MonkeyPatch, right: bool) -> None:
    """Lesson 01's outlet and date questions answered through their widgets, both right or both wrong, saved in ``home``."""
    monkeypatch.setenv("SUMMITKIT_HOME", str(home))
    q = quiz.show("01-outlet")
    q.input.value = "RSIS Commentaries" if right else "38 North"
    q.check_button.click()
    d = quiz.show("01-published")
    d.input.value = "2019-05-02" if right else "2019-05-20"
    d.check_button.click()
