"""Code tasks: a value the learner computes in code (``value=``), checked when the cell runs."""

from __future__ import annotations

from summitkit.markup import el
from summitkit.quiz.kinds._typed import shown_text
from summitkit.quiz.kinds.base import MISSING, Control, Field, blank, shape
from summitkit.quiz.kinds.number import Number

NOTHING_YET = "nothing yet"


class ValueControl(Control):
    """Shows the value the cell gave (or that there is none yet); the answer is that value."""

    def build(self):
        import ipywidgets as w

        return w.HTML(str(el("div", "Your value: ", el("code", self.shown()))))

    def shown(self) -> str:
        """The learner's value as they see it (at most 200 characters), or 'nothing yet'."""
        if self.value is MISSING:
            return NOTHING_YET
        if self.value is None or self.value is Ellipsis:
            return f"{NOTHING_YET} (…)"
        try:
            return shown_text(repr(self.value)[:200])
        except Exception:  # an object that cannot say what it is
            return f"a {type(self.value).__name__}"

    def read(self) -> object:
        return self.value

    def restore(self, saved: object) -> bool:
        return False  # the answer is the value the cell computes each time it runs


class Code(Number):
    """A value the learner computes in code (``value``), checked against ``answer``."""

    name = "code"
    fields = (
        Field("answer", annotation="float"),
        Field("value", MISSING, stored=False, annotation="object"),
        Field("tolerance", 0, annotation="float"),
    )
    how = "Compute the value in the code cell above, then run this cell."
    empty = "Replace the ... with your code and run the cell again."
    checked_on_run = True
    control = ValueControl
    example = {"prompt": "What is 6 × 7? Compute it in the cell above.", "answer": 42}

    def empty_message(self, answer: object) -> str:
        if answer is MISSING:
            return "No value yet: this question checks the value computed in the cell above (value=…), and none was given."
        return self.empty

    def fits(self, spec: dict, answer: object) -> str:
        if blank(answer) or (isinstance(answer, (str, int, float)) and not isinstance(answer, bool)):
            return ""
        return f"it is {shape(answer)}, not one value"

    def right_answer(self, spec: dict) -> object:
        return spec["answer"]
