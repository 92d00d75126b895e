"""Single choice: one right option among several, with feedback per option."""

from __future__ import annotations

from summitkit.quiz.kinds.base import Control, Field, Kind, among, blank, fail, option_feedback, shape, short, strings
from summitkit.quiz.result import Result


class RadioControl(Control):
    """Radio buttons, one per option."""

    def build(self):
        import ipywidgets as w

        self.input = w.RadioButtons(options=self.spec["options"], value=None, layout=w.Layout(width="auto", max_width="100%"))
        return self.input

    def read(self) -> object:
        return self.input.value

    def restore(self, saved: object) -> bool:
        if not isinstance(saved, str) or saved not in self.spec["options"]:
            return False
        self.input.value = saved
        return True


class Single(Kind):
    """One right option among several, with feedback per option."""

    name = "single"
    fields = (
        Field("options", shown=True, annotation="list[str]"),
        Field("answer", annotation="str"),
        Field("feedback", None, annotation="dict | None"),
    )
    how = "Choose one answer."
    empty = "Choose one option, then press Check."
    control = RadioControl
    example = {
        "prompt": "Which outlet published the RSIS text?",
        "options": ["38 North", "RSIS Commentaries"],
        "answer": "RSIS Commentaries",
        "feedback": {"38 North": "No: 38 North published the other text."},
    }

    def normalize(self, spec: dict) -> None:
        qid = spec["id"]
        spec["options"] = strings(qid, "options", spec["options"], 2)
        if not isinstance(spec["answer"], str):
            raise fail(qid, "'answer' of a single-choice question is one of the options", "answer")
        if spec["answer"] not in spec["options"]:
            raise among(qid, "answer", spec["answer"], spec["options"])
        spec["feedback"] = option_feedback(qid, spec.get("feedback"), spec["options"])

    def fits(self, spec: dict, answer: object) -> str:
        if blank(answer):
            return ""
        if not isinstance(answer, str):
            return f"it is {shape(answer)}, not one option"
        return "" if answer in spec["options"] else f"“{short(answer)}” is not one of its options"

    def check(self, spec: dict, answer: object) -> Result:
        if not isinstance(answer, str) or not answer.strip():
            return Result("empty", 0.0, self.empty)
        note = (spec.get("feedback") or {}).get(answer, "")
        if answer == spec["answer"]:
            return self.correct(spec, note)
        return Result("wrong", 0.0, note or "That is not the best answer. Read the passage again, or take a hint.")
