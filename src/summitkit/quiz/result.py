"""What checking an answer gives: a verdict, a score, a message that says why, and per-item marks.

>>> r = Result("partial", 0.5, "1 of 2 right.", marks={"Lukin": True, "Cheang": False})
>>> r.headline, r.counted
('◐ Partly right', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The verdicts, each with the words and symbol the learner sees (never colour alone).
SYMBOL = {
    "correct": "✓ Correct",
    "partial": "◐ Partly right",
    "wrong": "✗ Not yet",
    "empty": "… No answer yet",
    "saved": "✎ Saved",
}
VERDICTS = tuple(SYMBOL)


@dataclass
class Result:
    """The outcome of checking one answer.

    ``verdict`` is one of :data:`VERDICTS`: correct, partial, wrong, empty (no answer yet: not counted
    as an attempt) or saved (a written answer, kept but not graded). ``score`` runs from 0 to 1.
    ``message`` says why, in words a learner reads. ``cite`` lists the paragraphs to show with it.
    ``marks`` gives, for kinds with items (order, match, categorize, multiple), each item -> right?
    (an item left blank is not right); it is empty for other kinds and for an empty answer.
    """

    verdict: str
    score: float
    message: str
    cite: list[str] = field(default_factory=list)
    marks: dict[str, bool] = field(default_factory=dict)

    @property
    def headline(self) -> str:
        """The verdict as the learner reads it, e.g. '✓ Correct'."""
        return SYMBOL[self.verdict]

    @property
    def counted(self) -> bool:
        """Whether this answer counts as an attempt (and is saved): every verdict but 'empty'."""
        return self.verdict != "empty"
