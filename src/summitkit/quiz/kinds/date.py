"""Dates: a date typed by the learner, checked to the year, month or day."""

from __future__ import annotations

import datetime as dt

from summitkit.quiz.kinds._typed import TextControl
from summitkit.quiz.kinds.base import Field, Kind, fail, short
from summitkit.quiz.normalize import parse_date
from summitkit.quiz.result import Result

PARTS = ("year", "month", "day")
EXAMPLE = {"year": "2019", "month": "2019-04 or April 2019", "day": "2019-04-25 or 25 April 2019"}
PLACEHOLDER = {"year": "e.g. 2017", "month": "e.g. 2017-07 or July 2017", "day": "e.g. 2017-07-04 or 4 July 2017"}


class Date(Kind):
    """A date typed by the learner, checked to the year, month or day."""

    name = "date"
    fields = (
        Field("answer", annotation="str"),
        Field("precision", "day", shown=True, annotation="str"),
        Field("tolerance_days", 0, annotation="int"),
    )
    how = "Type a date."
    empty = "Type a date, e.g. 2019-04-25, April 2019 or 2019."
    control = TextControl
    example = {"prompt": "When did Putin and Kim meet in Vladivostok?", "answer": "2019-04-25", "precision": "day"}

    def placeholder(self, spec: dict) -> str:
        return PLACEHOLDER.get(spec.get("precision", "day"), PLACEHOLDER["day"])

    def label(self, spec: dict) -> str:
        return ""

    def normalize(self, spec: dict) -> None:
        qid, precision = spec["id"], spec["precision"]
        if precision not in PARTS:
            raise fail(qid, "'precision' is 'year', 'month' or 'day'", "precision")
        answer = spec["answer"]
        if isinstance(answer, (list, tuple)):  # already normalised: [year, month or None, day or None]
            answer = "-".join(str(p) for p in answer if p is not None)
        parsed = parse_date(str(answer))
        if parsed is None or parsed[PARTS.index(precision)] is None:
            raise fail(qid, f"'answer' {spec['answer']!r} is not a date to the {precision}", "answer")
        tolerance = spec["tolerance_days"]
        if isinstance(tolerance, bool) or not isinstance(tolerance, int) or tolerance < 0:
            raise fail(qid, "'tolerance_days' is a whole number of days, 0 or more", "tolerance_days")
        spec["answer"] = list(parsed)

    def check(self, spec: dict, answer: object) -> Result:
        if answer is None or not str(answer).strip():
            return Result("empty", 0.0, self.empty)
        precision = spec.get("precision", "day")
        need = PARTS.index(precision) + 1
        parsed = parse_date(str(answer))
        if parsed is None:
            return Result("empty", 0.0, f"“{short(answer)}” is not a date I can read. Try a form like {EXAMPLE[precision]}.")
        if any(part is None for part in parsed[:need]):
            return Result("empty", 0.0, f"This question wants the date to the {precision}: e.g. {EXAMPLE[precision]}.")
        truth = spec["answer"]
        tolerance = int(spec.get("tolerance_days") or 0)
        if precision == "day" and tolerance and abs((dt.date(*parsed) - dt.date(*truth)).days) <= tolerance:
            return self.correct(spec)
        leading = 0
        for mine, real in zip(parsed[:need], truth[:need]):
            if mine != real:
                break
            leading += 1
        if leading == need:
            return self.correct(spec)
        said = f"Right {' and '.join(PARTS[:leading])}, but not the {PARTS[leading]}." if leading else f"Not the right {PARTS[0]}."
        return Result("partial" if leading else "wrong", leading / need, said)

    def answer_text(self, spec: dict) -> str:
        return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(spec["answer"]) if p is not None)

    def right_answer(self, spec: dict) -> object:
        return self.answer_text(spec)
