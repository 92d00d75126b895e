"""The calls a notebook makes: declare a question (solutions) or show one by id (lessons, exercises)."""

from __future__ import annotations

from summitkit.quiz.spec import validate

_MISSING = object()


def _declare(kind: str, fields: dict):
    from summitkit.quiz.widgets import QuestionWidget

    value = fields.pop("value", _MISSING)
    spec = validate({"kind": kind, **{k: v for k, v in fields.items() if v is not None}})
    return QuestionWidget(spec, value=value)


def show(question_id: str, value: object = _MISSING):
    """Show a question from the course's question banks (answers stay sealed until checked)."""
    from summitkit.quiz.bank import get
    from summitkit.quiz.widgets import QuestionWidget

    return QuestionWidget(get(question_id), value=value)


def single(id: str, prompt: str, options: list[str], answer: str, feedback: dict | None = None,
           cite: list[str] | None = None, hints: list[str] | None = None, explain: str = "", in_lesson: bool = False):
    """One right option among several, with feedback per option."""
    return _declare("single", dict(locals()))


def multiple(id: str, prompt: str, options: list[str], answer: list[str], feedback: dict | None = None,
             cite: list[str] | None = None, hints: list[str] | None = None, explain: str = "", in_lesson: bool = False):
    """Several right options: each option judged, partial credit."""
    return _declare("multiple", dict(locals()))


def order(id: str, prompt: str, items: list[str], cite: list[str] | None = None, hints: list[str] | None = None,
          explain: str = "", in_lesson: bool = False):
    """Put ``items`` (given here in the right order; shown shuffled) in sequence."""
    return _declare("order", dict(locals()))


def match(id: str, prompt: str, pairs: dict[str, str], choices: list[str] | None = None, cite: list[str] | None = None,
          hints: list[str] | None = None, explain: str = "", in_lesson: bool = False):
    """Match each left-hand item to one choice (``choices`` may add distractors)."""
    return _declare("match", dict(locals()))


def categorize(id: str, prompt: str, items: dict[str, str], categories: list[str], cite: list[str] | None = None,
               hints: list[str] | None = None, explain: str = "", in_lesson: bool = False):
    """Sort each item into one of the categories."""
    return _declare("categorize", dict(locals()))


def date(id: str, prompt: str, answer: str, precision: str = "day", tolerance_days: int = 0, cite: list[str] | None = None,
         hints: list[str] | None = None, explain: str = "", in_lesson: bool = False):
    """A date typed by the learner, checked to the year, month or day."""
    return _declare("date", dict(locals()))


def number(id: str, prompt: str, answer: float, tolerance: float = 0, unit: str = "", cite: list[str] | None = None,
           hints: list[str] | None = None, explain: str = "", in_lesson: bool = False):
    """A number typed by the learner, right within ``tolerance``."""
    return _declare("number", dict(locals()))


def evidence(id: str, prompt: str, statement: str, answer: list[str] | str, options: list[str] | None = None,
             feedback: dict | None = None, hints: list[str] | None = None, explain: str = "", in_lesson: bool = False):
    """Pick the paragraph that supports ``statement`` (any in ``answer`` is right), and read it."""
    return _declare("evidence", dict(locals()))


def written(id: str, prompt: str, rubric: list[str], model: str, cite: list[str] | None = None,
            hints: list[str] | None = None, explain: str = "", in_lesson: bool = False):
    """A short written answer: not graded; the learner ticks a checklist, then may see a model answer."""
    return _declare("written", dict(locals()))


def code(id: str, prompt: str, answer: float, value: object = _MISSING, tolerance: float = 0,
         cite: list[str] | None = None, hints: list[str] | None = None, explain: str = "", in_lesson: bool = False):
    """A value the learner computes in code (``value``), checked against ``answer``."""
    fields = dict(locals())
    if value is _MISSING:
        fields.pop("value")
    return _declare("code", fields)
