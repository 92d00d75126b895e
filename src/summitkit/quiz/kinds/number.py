"""Numbers: a number typed by the learner, right within a tolerance.

The answer is read by :func:`~summitkit.quiz.normalize.read_number` (a value computed in code by
:func:`~summitkit.quiz.normalize.read_value`): ``1,5`` is 1.5, ``−17`` is -17, ``1.7e1`` is 17, ``five`` is 5.
Feedback says how the answer was read when that needed a rule; an answer that cannot be read gets a
sentence saying why, and one that could mean two numbers, of which only the other one is right, is
asked about ("Did you mean 1017 or 1.017?"): neither counts as an attempt.
"""

from __future__ import annotations

from summitkit.quiz.kinds._typed import TextControl, typed_fits
from summitkit.quiz.kinds.base import Field, Kind, blank, fail, number, sentence
from summitkit.quiz.normalize import echo, read_number
from summitkit.quiz.result import Result


class Number(Kind):
    """A number typed by the learner, right within ``tolerance`` (``also``: other numbers a careful reading defends)."""

    name = "number"
    fields = (
        Field("answer", annotation="float"),
        Field("tolerance", 0, annotation="float"),
        Field("unit", "", shown=True, annotation="str"),
        Field("also", None, annotation="list[float] | None"),
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
        also = spec.get("also")
        if also is not None:
            if not isinstance(also, (list, tuple)):
                raise fail(qid, "'also' must be a list of numbers, the other answers that are right too", "also")
            spec["also"] = [number(qid, "also", value) for value in also]

    def empty_message(self, answer: object) -> str:
        """What Check says when there is nothing to check."""
        return self.empty

    def fits(self, spec: dict, answer: object) -> str:
        return typed_fits(answer, "a number")

    def check(self, spec: dict, answer: object) -> Result:
        if blank(answer):
            return Result("empty", 0.0, self.empty_message(answer))
        reading = read_number(answer)  # text as typed; any other value as a code task computed it (read_value)
        if not reading.ok:
            return Result("empty", 0.0, reading.message)
        tolerance = float(spec.get("tolerance") or 0)
        truth = float(spec["answer"])
        accepted = [truth, *(float(v) for v in spec.get("also") or [])]

        def right(value: float) -> bool:
            return any(abs(value - t) <= tolerance + 1e-9 for t in accepted)

        notes = reading.notes()
        if right(reading.value):
            return self.correct(spec, notes, f"{reading.shown} is right.")
        if any(right(other) for other in reading.alternatives):  # "1,017": the other reading is right: ask, do not mark it wrong
            return Result(
                "empty",
                0.0,
                sentence(
                    notes,
                    f"“{echo(reading.source, 30)}” can be read in more than one way. {reading.ask()} "
                    "Write it again so there is no doubt: digits, and a point before any decimals.",
                ),
            )
        direction = "high" if reading.value > truth else "low"
        return Result("wrong", 0.0, sentence(notes, f"{reading.shown} is too {direction}. Check your working, or take a hint."))

    def right_answer(self, spec: dict) -> object:
        return str(spec["answer"])

    def answer_text(self, spec: dict) -> str:
        """The answer, and any other number that is right too ("5 (4 is also accepted)")."""
        also = [f"{v:g}" for v in spec.get("also") or []]
        main = f"{float(spec['answer']):g}" if also else str(spec.get("answer", ""))
        return f"{main} ({', '.join(also)} {'is' if len(also) == 1 else 'are'} also accepted)" if also else main
