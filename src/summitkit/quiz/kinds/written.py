"""Written answers: not graded; the learner ticks a checklist, then may see a model answer."""

from __future__ import annotations

import re

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
        self.boxes = [
            w.Checkbox(description=r, value=False, indent=False, layout=w.Layout(width="auto", max_width="100%"))
            for r in self.spec["rubric"]
        ]
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


_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT = r"(\d+|" + "|".join(_NUMBERS) + r")"
_RANGE = re.compile(rf"\b{_COUNT}(?:\s*(?:to|-|–|or)\s*{_COUNT})?\s+(words|sentences|sentence)\b", re.IGNORECASE)
#: Words a sentence of an answer has at least, to judge "4 to 6 sentences" by its words (novices rarely end each with a full stop).
WORDS_PER_SENTENCE = 6


def expected_length(prompt: str) -> tuple[int, int, str] | None:
    """The length a prompt asks for, as (least, most, "words" or "sentences"); None if it names none.

    >>> expected_length("In 4 to 6 sentences, say why.")
    (4, 6, 'sentences')
    >>> expected_length("Write 200 to 350 words, citing paragraphs.")
    (200, 350, 'words')
    >>> expected_length("In two sentences: how do the texts differ?")
    (2, 2, 'sentences')
    """
    match = _RANGE.search(prompt or "")
    if not match:
        return None
    least = _NUMBERS.get(match.group(1).lower()) or int(match.group(1))
    most = _NUMBERS.get((match.group(2) or "").lower()) or int(match.group(2) or least)
    unit = "sentences" if match.group(3).lower().startswith("sentence") else "words"
    return least, max(least, most), unit


def length_nudge(prompt: str, text: str) -> str:
    """A kind word when an answer is far shorter than its prompt asks ("" when it is long enough, or no length is asked).

    >>> length_nudge("In 4 to 6 sentences, say why.", "Because of the sanctions.")
    'The question asks for 4 to 6 sentences, and your answer has 4 words: say more, with a paragraph as evidence. It is saved as it is.'
    >>> length_nudge("In 4 to 6 sentences, say why.", "word " * 30)
    ''
    """
    asked = expected_length(prompt)
    if not asked:
        return ""
    least, most, unit = asked
    words = len((text or "").split())
    enough = least * WORDS_PER_SENTENCE if unit == "sentences" else least // 2
    if words >= enough:
        return ""
    span = f"{least} to {most}" if most != least else f"{least}"
    return (
        f"The question asks for {span} {unit}, and your answer has {words} word{'s' if words != 1 else ''}: "
        "say more, with a paragraph as evidence. It is saved as it is."
    )


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
    how = (
        "Write your answer, then tick the checklist against what you wrote. Cite a paragraph as rsis ¶8, "
        "or type rsis 8 or rsis para 8."
    )
    empty = "Write your answer in the box first; then tick the checklist against it."
    check_label = "Save"
    reveal_label = "Show model answer"
    answer_label = "Model answer"
    control = EssayBox
    example = {
        "prompt": "In two sentences: how do the two texts read the summit?",
        "rubric": ["Names both outlets", "Cites a paragraph of each"],
        "model": "38 North: a drive-by summit (38north ¶1); RSIS: Russia enters the Korean stage (rsis ¶3).",
    }

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
        nudge = length_nudge(spec.get("prompt", ""), text)
        return Result(
            "saved",
            done / total,
            f"Your answer ({len(text.split())} words) is kept. You ticked {done} of {total} points of the checklist."
            + (f" {nudge}" if nudge else ""),
        )

    def answer_text(self, spec: dict) -> str:
        return spec.get("model", "")

    def right_answer(self, spec: dict) -> object:
        return {"text": spec["model"], "rubric": [True] * len(spec["rubric"])}
