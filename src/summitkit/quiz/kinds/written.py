"""Written answers: not graded; the learner ticks a checklist, then may see a model answer."""

from __future__ import annotations

from summitkit.markup import el
from summitkit.quiz.kinds._typed import shown_text
from summitkit.quiz.kinds.base import Control, Field, Kind, blank, shape, strings
from summitkit.quiz.result import Result

#: What the empty box says: how to cite, in forms anyone can type (¶ is not on most keyboards).
PLACEHOLDER = "Write here. Cite paragraphs like rsis ¶8: if you cannot type ¶, write rsis 8 or rsis para 8."


class EssayBox(Control):
    """A text box with a word count, and the checklist as checkboxes."""

    def build(self):
        import ipywidgets as w

        self.input = w.Textarea(placeholder=PLACEHOLDER, description="Your answer:", layout=w.Layout(width="100%", height="9em"))
        self.input.add_class("summit-stacked")
        self.boxes = [w.Checkbox(description=r, value=False, indent=False, layout=w.Layout(width="auto", max_width="100%"))
                      for r in self.spec["rubric"]]
        self.count = w.Label()
        self.input.observe(lambda _: setattr(self.count, "value", f"{len(self.input.value.split())} words"), names="value")
        heading = w.HTML(str(el("div", el("b", "Checklist"), " (tick what your answer does):")))
        return w.VBox([self.input, self.count, heading, *self.boxes])

    def read(self) -> object:
        return {"text": self.input.value, "rubric": [b.value for b in self.boxes]}

    def restore(self, saved: object) -> bool:
        text, ticks = _record(saved)
        if text is None:
            return False
        self.input.value = shown_text(text)  # a broken character (which cannot be sent to the browser) shows as �
        for box, ticked in zip(self.boxes, ticks):
            box.value = ticked
        return True


def _record(answer: object) -> tuple[str | None, list[bool]]:
    """(text, ticks) from a saved answer: a {'text', 'rubric'} record or plain text; (None, []) for anything else."""
    if isinstance(answer, str):
        return answer, []
    if not isinstance(answer, dict) or not isinstance(answer.get("text", ""), str):
        return None, []
    ticks = answer.get("rubric")
    return answer.get("text", ""), [t is True for t in ticks] if isinstance(ticks, list) else []


class Written(Kind):
    """A short written answer: not graded; the learner ticks a checklist, then may see a model answer."""

    name = "written"
    fields = (
        Field("rubric", shown=True, annotation="list[str]"),
        Field("model", annotation="str"),
    )
    how = ("Write your answer, then tick the checklist against what you wrote. Cite a paragraph as rsis ¶8, "
           "or type rsis 8 or rsis para 8.")
    empty = "Write your answer in the box first; then tick the checklist against it."
    check_label = "Save"
    reveal_label = "Show model answer"
    answer_label = "Model answer"
    control = EssayBox
    example = {"prompt": "In two sentences: how do the two texts read the summit?", "rubric": ["Names both outlets", "Cites a paragraph of each"],
               "model": "38 North: a drive-by summit (38north ¶1); RSIS: Russia enters the Korean stage (rsis ¶3)."}

    def normalize(self, spec: dict) -> None:
        spec["rubric"] = strings(spec["id"], "rubric", spec["rubric"], 1)
        spec["model"] = str(spec["model"])

    def fits(self, spec: dict, answer: object) -> str:
        if blank(answer) or _record(answer)[0] is not None:
            return ""
        return f"it is {shape(answer)}, not a written answer"

    def check(self, spec: dict, answer: object) -> Result:
        text, ticks = _record(answer)
        if not text or not text.strip():
            return Result("empty", 0.0, self.empty)
        total = len(spec["rubric"])
        done = sum(ticks[:total])
        return Result("saved", done / total,
                      f"Your answer ({len(text.split())} words) is kept. You ticked {done} of {total} points of the checklist.")

    def answer_text(self, spec: dict) -> str:
        return spec.get("model", "")

    def right_answer(self, spec: dict) -> object:
        return {"text": spec["model"], "rubric": [True] * len(spec["rubric"])}
