"""Code tasks: a value the learner computes in code, checked when the cell runs.

The value arrives as ``value=`` or, when the question names the ``variable`` the learner's code sets (the build does
this for ``value=<name>``), is read by that name: when the question's cell runs, when **Check my value** is pressed,
and after any cell that changes it, so the learner re-runs only their own cell. A wrong value the teacher foresaw
(``pitfalls={0: "…"}``) gets that explanation as well.
"""

from __future__ import annotations

import math

from summitkit.markup import el
from summitkit.quiz.kinds.base import MISSING, Control, Field, blank, fail, shape, short
from summitkit.quiz.kinds.number import Number
from summitkit.quiz.result import Result

NOTHING_YET = "nothing yet"


def describe(value: object) -> str:
    """A learner's value in words, without Python's notation ("a list of 3 things", "the text “abc”")."""
    if value is MISSING or value is None or value is Ellipsis:
        return NOTHING_YET
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return short(int(value) if isinstance(value, float) and value.is_integer() else value)
    if isinstance(value, str):
        return f"the text “{short(value)}”" if value else "an empty text"
    if isinstance(value, dict):
        names = ", ".join(f"“{short(k, 20)}”" for k in list(value)[:3]) + (", …" if len(value) > 3 else "")
        return f"a collection of {len(value)} things by name ({names})" if value else "an empty collection"
    if isinstance(value, (list, tuple, set, frozenset)):
        first = ", ".join(f"“{short(v, 20)}”" if isinstance(v, str) else short(v, 20) for v in list(value)[:3])
        return f"a list of {len(value):,} things ({first}{', …' if len(value) > 3 else ''})" if value else "an empty list"
    return f"something that is not a number (Python calls it a {type(value).__name__})"


def _user_value(name: str) -> object:
    """What the learner's variable ``name`` holds in the notebook's kernel (MISSING outside IPython or when it is not set)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return MISSING
    shell = get_ipython()
    return MISSING if shell is None else shell.user_ns.get(name, MISSING)


class ValueControl(Control):
    """Shows the value the learner's code gave (or that there is none yet); the answer is that value."""

    def build(self):
        import ipywidgets as w

        self.shown_value = w.HTML()
        self._seen: tuple = ()
        self._show(self.value if not self.spec.get("variable") else self._current())
        return self.shown_value

    def _current(self) -> object:
        name = self.spec.get("variable")
        if not name:
            return self.value
        found = _user_value(name)
        return self.value if found is MISSING and self.value is not MISSING else found

    def _show(self, value: object) -> None:
        name = self.spec.get("variable")
        label = ["Your value", " (", el("code", name), ")"] if name else ["Your value"]
        self.shown_value.value = str(el("div", *label, ": ", el("b", describe(value)), cls="summit-note"))

    def shown(self) -> str:
        """The learner's value as they see it, or 'nothing yet'."""
        return describe(self._current())

    @staticmethod
    def _fingerprint(value: object) -> tuple:
        try:
            text = repr(value)[:500]
        except Exception:  # an object that cannot say what it is
            text = ""
        return type(value).__name__, id(value), text

    def read(self) -> object:
        value = self._current()
        self._seen = self._fingerprint(value)
        self._show(value)
        return value

    def changed(self) -> bool:
        return bool(self.spec.get("variable")) and self._fingerprint(self._current()) != self._seen

    def restore(self, saved: object) -> bool:
        return False  # the answer is the value the code computes each time it runs


class Code(Number):
    """A value the learner computes in code (``value``, or the ``variable`` it sets), checked against ``answer``."""

    name = "code"
    fields = (
        Field("answer", annotation="float"),
        Field("value", MISSING, stored=False, annotation="object"),
        Field("tolerance", 0, annotation="float"),
        Field("variable", "", shown=True, annotation="str"),
        Field("pitfalls", None, annotation="dict[float, str] | None"),
    )
    how = "Compute the value in the code cell above, then run this cell."
    empty = "Replace the ... in the cell above with your code, and run that cell again."
    check_label = "Check my value"
    checked_on_run = True
    control = ValueControl
    example = {"prompt": "What is 6 × 7? Compute it in the cell above.", "answer": 42}

    def normalize(self, spec: dict) -> None:
        super().normalize(spec)
        qid, variable = spec["id"], spec.get("variable") or ""
        if not isinstance(variable, str) or (variable and not variable.isidentifier()):
            raise fail(qid, "'variable' is the name the learner's code sets, like 'moscow'", "variable")
        spec["variable"] = variable
        pitfalls = spec.get("pitfalls") or {}
        pairs = list(pitfalls.items()) if isinstance(pitfalls, dict) else pitfalls
        try:
            spec["pitfalls"] = [
                [float(value) if not float(value).is_integer() else int(value), str(text)] for value, text in pairs
            ]
        except (TypeError, ValueError):
            raise fail(
                qid,
                "'pitfalls' maps a wrong value the learner may give to a sentence that explains it, "
                "like {0: 'The words are in lower case: count \"moscow\".'}",
                "pitfalls",
            ) from None
        if any(not text.strip() or not math.isfinite(value) for value, text in spec["pitfalls"]):
            raise fail(qid, "'pitfalls' maps numbers to sentences", "pitfalls")

    def how_for(self, spec: dict) -> str:
        name = spec.get("variable")
        if not name:
            return self.how
        return (
            f"Write your code in the cell above, so that {name} holds your value, and run that cell: this question checks it "
            "each time (or press Check my value)."
        )

    def has_check_button(self, spec: dict) -> bool:
        return bool(spec.get("variable"))

    def empty_message(self, answer: object) -> str:
        if answer is MISSING:
            return (
                "No value yet: run the cell above first (it computes the value this question checks), "
                "with your code in place of the ..., then check again."
            )
        return self.empty

    def check(self, spec: dict, answer: object) -> Result:
        if isinstance(answer, (list, tuple, set, frozenset, dict)) or (
            isinstance(answer, str) and answer.strip() and not any(ch.isdigit() for ch in answer)
        ):
            return Result(
                "empty",
                0.0,
                f"Your value is {describe(answer)}, not a number. This question wants a number: "
                "count or measure something in it (the hint can help).",
            )
        result = super().check(spec, answer)
        if result.verdict != "wrong":
            return result
        for value, text in spec.get("pitfalls") or []:
            try:
                if abs(float(answer) - value) <= float(spec.get("tolerance") or 0) + 1e-9:  # type: ignore[arg-type]
                    return Result("wrong", 0.0, f"{result.message.split('. ')[0]}. {text}", cite=result.cite, marks=result.marks)
            except (TypeError, ValueError, OverflowError):
                break
        return result

    def fits(self, spec: dict, answer: object) -> str:
        if blank(answer) or (isinstance(answer, (str, int, float)) and not isinstance(answer, bool)):
            return ""
        return f"it is {shape(answer)}, not one value"

    def right_answer(self, spec: dict) -> object:
        return spec["answer"]
