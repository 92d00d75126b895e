"""Dates: a date typed by the learner, checked to the year, month or day.

The answer is read by :func:`~summitkit.quiz.normalize.read_date`: ISO, numeric (``25/4/2019``,
``25.04.2019``) and written forms (``Thursday, 25 April 2019``). A date that cannot be used (no year,
a day that does not exist, an order in doubt such as ``04/05/2019``) is not graded: the learner is told
why, or asked which date they mean, and it does not count as an attempt. Feedback says how a date was
read when that needed a rule ("I read “25/4/2019” as 25 April 2019 …").
"""

from __future__ import annotations

import datetime as dt

from summitkit.quiz.kinds._typed import TextControl, typed_fits
from summitkit.quiz.kinds.base import Field, Kind, blank, fail, sentence
from summitkit.quiz.normalize import parse_date, read_date
from summitkit.quiz.result import Result

PARTS = ("year", "month", "day")
#: Example dates in messages: never the answer of a course question (a 2017 date, like the placeholders).
EXAMPLE = {"year": "2017", "month": "July 2017 or 2017-07", "day": "4 July 2017 or 2017-07-04"}
PLACEHOLDER = {"year": "e.g. 2017", "month": "e.g. 2017-07 or July 2017", "day": "e.g. 2017-07-04 or 4 July 2017"}


class Date(Kind):
    """A date typed by the learner, checked to the year, month or day."""

    name = "date"
    fields = (
        Field("answer", annotation="str"),
        Field("precision", "day", shown=True, annotation="str"),
        Field("tolerance_days", 0, annotation="int"),
        Field("feedback", None, annotation="dict | None"),
    )
    how = "Type a date."
    empty = "Type a date, for example 4 July 2017, July 2017 or 2017."
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
        reading = read_date(str(answer))
        parsed = parse_date(str(answer))
        if parsed is None or parsed[PARTS.index(precision)] is None:
            why = f" ({reading.message})" if reading.message else ""
            raise fail(
                qid, f"'answer' {spec['answer']!r} is not a date to the {precision}{why}; write it like 2019-04-25", "answer"
            )
        tolerance = spec["tolerance_days"]
        if isinstance(tolerance, bool) or not isinstance(tolerance, int) or tolerance < 0:
            raise fail(qid, "'tolerance_days' is a whole number of days, 0 or more", "tolerance_days")
        spec["answer"] = list(parsed)
        spec["feedback"] = self._foreseen(qid, spec.get("feedback"), precision)

    @staticmethod
    def _foreseen(qid: str, feedback: object, precision: str) -> dict[str, str]:
        """``feedback`` keyed by a wrong date the teacher foresaw ("2018-06": why it is tempting and wrong), by its
        ISO form at the question's precision."""
        if feedback is None:
            return {}
        if not isinstance(feedback, dict):
            raise fail(qid, "'feedback' maps a date (like 2018-06) to a sentence", "feedback")
        need, out = PARTS.index(precision) + 1, {}
        for key, said in feedback.items():
            parsed = parse_date(str(key))
            if parsed is None or any(part is None for part in parsed[:need]):
                raise fail(qid, f"each key of 'feedback' is a date to the {precision}, like 2019-04; {key!r} is not", "feedback")
            out[_iso(parsed[:need])] = str(said)
        return out

    def fits(self, spec: dict, answer: object) -> str:
        return typed_fits(answer, "a date")

    def check(self, spec: dict, answer: object) -> Result:
        if blank(answer):
            return Result("empty", 0.0, self.empty)
        reading = read_date(answer)
        if reading.problem:  # no year, no such day, an order in doubt: say so (or ask), and do not count it
            return Result("empty", 0.0, reading.message)
        precision = spec.get("precision", "day")
        need = PARTS.index(precision) + 1
        parsed = reading.value
        notes = reading.notes()
        if any(part is None for part in parsed[:need]):
            return Result(
                "empty",
                0.0,
                sentence(
                    notes,
                    f"This question wants the date to the {precision}, and “{reading.shown}” "
                    f"does not give the {PARTS[need - 1]}: write it like {EXAMPLE[precision]}.",
                ),
            )
        truth = spec["answer"]
        tolerance = int(spec.get("tolerance_days") or 0)
        if precision == "day" and tolerance and abs((dt.date(*parsed) - dt.date(*truth)).days) <= tolerance:
            return self.correct(spec, notes)
        leading = 0
        for mine, real in zip(parsed[:need], truth[:need]):
            if mine != real:
                break
            leading += 1
        if leading == need:
            return self.correct(spec, notes)
        said = (
            f"Right {' and '.join(PARTS[:leading])}, but not the {PARTS[leading]}." if leading else f"Not the right {PARTS[0]}."
        )
        foreseen = (spec.get("feedback") or {}).get(_iso(parsed[:need]))
        if foreseen:  # a date the teacher foresaw: why it is tempting says more than which part is wrong
            said = f"{said} {foreseen}"
        return Result("partial" if leading else "wrong", leading / need, sentence(notes, said))

    def answer_text(self, spec: dict) -> str:
        return _iso(spec["answer"])

    def right_answer(self, spec: dict) -> object:
        return self.answer_text(spec)


def _iso(parts: tuple | list) -> str:
    """``[2018, 6]`` -> ``"2018-06"``: a date's parts as ISO text."""
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts) if p is not None)
