"""Numbers: a number typed by the learner, right within a tolerance."""

from __future__ import annotations

import math

from summitkit.quiz.kinds._typed import TextControl
from summitkit.quiz.kinds.base import Field, Kind, blank, number, short
from summitkit.quiz.normalize import parse_number
from summitkit.quiz.result import Result


class Number(Kind):
    """A number typed by the learner, right within ``tolerance``."""

    name = "number"
    fields = (
        Field("answer", annotation="float"),
        Field("tolerance", 0, annotation="float"),
        Field("unit", "", shown=True, annotation="str"),
    )
    how = "Type a number."
    empty = "Type a number, then press Check."
    control = TextControl
    example = {"prompt": "How many years lie between the 2011 summit and the 2019 one?", "answer": 8, "unit": "years"}

    def placeholder(self, spec: dict) -> str:
        return "a number"

    def label(self, spec: dict) -> str:
        return str(spec.get("unit") or "")

    def normalize(self, spec: dict) -> None:
        qid = spec["id"]
        number(qid, "answer", spec["answer"])
        number(qid, "tolerance", spec["tolerance"], minimum=0)
        if "unit" in spec:
            spec["unit"] = str(spec["unit"])

    def empty_message(self, answer: object) -> str:
        """What Check says when there is nothing to check."""
        return self.empty

    def check(self, spec: dict, answer: object) -> Result:
        if blank(answer):
            return Result("empty", 0.0, self.empty_message(answer))
        value = parse_number(answer) if isinstance(answer, str) else answer
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return Result("empty", 0.0, f"Your answer should be a number; this is {short(type(answer).__name__)} “{short(answer)}”.")
        tolerance = float(spec.get("tolerance") or 0)
        shown = short(int(value) if float(value).is_integer() else value)
        if abs(float(value) - float(spec["answer"])) <= tolerance + 1e-9:
            return self.correct(spec, f"{shown} is right.")
        direction = "high" if value > spec["answer"] else "low"
        return Result("wrong", 0.0, f"{shown} is too {direction}. Check your working, or take a hint.")

    def right_answer(self, spec: dict) -> object:
        return str(spec["answer"])
