"""Multiple choice: tick every right option; each option is judged, with partial credit."""

from __future__ import annotations

from summitkit.quiz.kinds.base import (
    Control,
    Field,
    Kind,
    among,
    blank,
    fail,
    listed,
    mark_html,
    mark_slot,
    option_feedback,
    shape,
    short,
    strings,
)
from summitkit.quiz.result import Result


class CheckboxControl(Control):
    """One checkbox per option, with the place for its ✓/✗ mark after Check."""

    def build(self):
        import ipywidgets as w

        self.boxes = [
            w.Checkbox(description=o, value=False, indent=False, layout=w.Layout(width="auto", max_width="100%"))
            for o in self.spec["options"]
        ]
        self.marks = [mark_slot() for _ in self.boxes]
        for box, slot in zip(self.boxes, self.marks):
            box.observe(lambda _, slot=slot: setattr(slot, "value", ""), names="value")  # a changed tick loses its mark
        rows = [
            w.HBox([box, slot], layout=w.Layout(align_items="center", max_width="100%"))
            for box, slot in zip(self.boxes, self.marks)
        ]
        for row in rows:
            row.add_class("summit-item-row")
        return w.VBox(rows)

    def read(self) -> object:
        return [option for option, box in zip(self.spec["options"], self.boxes) if box.value]

    def restore(self, saved: object) -> bool:
        if not isinstance(saved, (list, tuple)):
            return False
        for option, box in zip(self.spec["options"], self.boxes):
            box.value = option in saved
        return True

    def show_marks(self, result: Result) -> None:
        """✓ right / ✗ not right beside each ticked option; an option left unticked gets no mark (that would give it away)."""
        for option, box, slot in zip(self.spec["options"], self.boxes, self.marks):
            slot.value = mark_html(result.marks.get(option) if box.value and option in result.marks else None)


def _count(n: int, one: str, many: str) -> str:
    """'1 right answer is', '2 right answers are', with the number in words for small counts."""
    word = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")[n] if 0 <= n <= 10 else str(n)
    return f"{word} {one if n == 1 else many}"


class Multiple(Kind):
    """Several right options: each option judged, partial credit."""

    name = "multiple"
    fields = (
        Field("options", shown=True, annotation="list[str]"),
        Field("answer", annotation="list[str]"),
        Field("feedback", None, annotation="dict | None"),
    )
    how = "Tick every answer that is right."
    empty = "Tick the options you think are right, then press Check."
    control = CheckboxControl
    example = {
        "prompt": "Which of these published one of our two texts?",
        "options": ["38 North", "RSIS Commentaries", "Vladivostok Times"],
        "answer": ["38 North", "RSIS Commentaries"],
    }

    def normalize(self, spec: dict) -> None:
        qid = spec["id"]
        spec["options"] = strings(qid, "options", spec["options"], 2)
        answer = spec["answer"]
        if not isinstance(answer, (list, tuple)) or not all(isinstance(a, str) for a in answer):
            raise fail(qid, "'answer' is a list of the right options, spelled as in 'options'", "answer")
        for a in answer:
            if a not in spec["options"]:
                raise among(qid, "answer", a, spec["options"])
        spec["answer"] = list(dict.fromkeys(answer))
        spec["feedback"] = option_feedback(qid, spec.get("feedback"), spec["options"])

    def fits(self, spec: dict, answer: object) -> str:
        if blank(answer):
            return ""
        if not isinstance(answer, (list, tuple)) or not all(isinstance(a, str) for a in answer):
            return f"it is {shape(answer)}, not a list of ticked options"
        other = next((a for a in answer if a not in spec["options"]), None)
        return f"it ticks “{short(other)}”, which is not one of its options" if other is not None else ""

    def check(self, spec: dict, answer: object) -> Result:
        options = spec["options"]
        ticked = answer if isinstance(answer, (list, tuple, set)) else ()
        chosen = {o for o in options if o in ticked}
        if not chosen:
            return Result("empty", 0.0, self.empty)
        truth = set(spec["answer"])
        marks = {o: (o in chosen) == (o in truth) for o in options}
        right, total = sum(marks.values()), len(options)
        if right == total:
            return self.correct(spec, "You ticked exactly the right answers.", marks=marks)
        feedback = spec.get("feedback") or {}
        found = [o for o in options if o in chosen and o in truth]
        wrong = [o for o in options if o in chosen and o not in truth]
        missed = len(truth - chosen)
        said = []
        if found:
            said.append(f"{_count(len(found), 'of your ticks is', 'of your ticks are')} right.")
        if wrong:
            said.append(f"Ticked but not right (marked ✗): {listed(wrong)}.")
        if missed:
            said.append(f"{_count(missed, 'right answer is', 'right answers are')} still unticked.")
        notes = " ".join(feedback[o] for o in wrong if o in feedback)
        return Result("partial" if right else "wrong", right / total, " ".join([*said, notes]).strip(), marks=marks)

    def answer_text(self, spec: dict) -> str:
        return "; ".join(spec["answer"])
