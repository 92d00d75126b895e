"""Evidence: pick the paragraph that supports a statement, and read it."""

from __future__ import annotations

from summitkit.citations import Citation, parse_citation
from summitkit.markup import el, raw
from summitkit.quiz.kinds.base import CHOOSE, NOTHING, Control, Field, Kind, among, blank, citations, fail, shape, short
from summitkit.quiz.result import Result
from summitkit.sources import load_text, source_ids

NONE = CHOOSE  # the name older code used for the blank choice


def _canonical(text: str) -> str:
    """'rsis 3' -> 'rsis ¶3'; text that is no citation comes back as it is."""
    try:
        return str(parse_citation(text))
    except ValueError:
        return text


class ParagraphPicker(Control):
    """The statement, a dropdown of paragraphs, and the chosen paragraph shown beneath."""

    def build(self):
        import ipywidgets as w

        self.input = w.Dropdown(
            options=[(CHOOSE, NOTHING)] + [(o, o) for o in self.spec["options"]],
            value=NOTHING,
            description="Paragraph:",
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.reading = w.HTML()
        self.input.observe(
            self.guarded(self._show_reading), names="value"
        )  # a source that cannot be read is said in the question
        statement = w.HTML(str(el("div", "Statement: ", el("i", f"“{self.spec['statement']}”"), cls="summit-statement")))
        return w.VBox([statement, self.input, self.reading])

    def _show_reading(self, change: dict) -> None:
        self.reading.value = str(el("div", raw(parse_citation(change["new"]).html()), cls="summit")) if change["new"] else ""

    def read(self) -> object:
        return self.input.value or None

    def restore(self, saved: object) -> bool:
        if not isinstance(saved, str) or _canonical(saved) not in self.spec["options"]:
            return False
        self.input.value = _canonical(saved)
        return True


class Evidence(Kind):
    """Pick the paragraph that supports ``statement`` (any in ``answer`` is right), and read it."""

    name = "evidence"
    fields = (
        Field("statement", shown=True, annotation="str"),
        Field("answer", annotation="list[str] | str"),
        Field("options", None, shown=True, annotation="list[str] | None"),
        Field("feedback", None, annotation="dict | None"),
    )
    takes = ("hints", "explain", "in_lesson", "dok")  # its citations are its answer
    how = "Pick the paragraph that supports the statement, and read it."
    empty = "Choose a paragraph, read it, then press Check."
    cite_when_wrong = False  # the question's paragraphs would give the answer away
    control = ParagraphPicker
    example = {
        "prompt": "Which paragraph supports the statement?",
        "statement": "Nobody expected a breakthrough.",
        "answer": "rsis ¶3",
        "options": ["rsis ¶1", "rsis ¶2", "rsis ¶3"],
    }

    def normalize(self, spec: dict) -> None:
        qid = spec["id"]
        if not isinstance(spec["statement"], str):
            raise fail(qid, "'statement' must be text", "statement")
        spec["answer"] = citations(qid, "answer", spec["answer"])
        if spec.get("options"):
            spec["options"] = citations(qid, "options", spec["options"], 2)
            for paragraph in spec["answer"]:
                if paragraph not in spec["options"]:
                    raise among(qid, "answer", paragraph, spec["options"], "'options'")
        else:
            spec["options"] = [str(Citation(s, n)) for s in source_ids() for n in range(1, len(load_text(s).paragraphs) + 1)]
        feedback = spec.get("feedback") or {}
        if not isinstance(feedback, dict):
            raise fail(qid, "'feedback' maps paragraphs (like 'rsis ¶2') to a sentence", "feedback")
        spec["feedback"] = {
            str(c): str(v) for c, v in zip(citations(qid, "feedback", list(feedback)) if feedback else [], feedback.values())
        }
        if not set(spec["feedback"]) <= set(spec["options"]):
            raise fail(qid, "'feedback' is about paragraphs that are not among 'options'", "feedback")

    def fits(self, spec: dict, answer: object) -> str:
        if blank(answer):
            return ""
        if not isinstance(answer, str):
            return f"it is {shape(answer)}, not a paragraph"
        return "" if _canonical(answer) in spec["options"] else f"“{short(answer)}” is not one of the paragraphs it offers"

    def check(self, spec: dict, answer: object) -> Result:
        if not isinstance(answer, str) or not answer.strip():
            return Result("empty", 0.0, self.empty)
        pick = _canonical(answer)
        note = (spec.get("feedback") or {}).get(pick, "")
        if pick in spec["answer"]:
            return self.correct(spec, note, cite=list(spec["answer"]))
        default = f"{short(pick)} does not support the statement. Read it again: what would the author have to say?"
        return Result("wrong", 0.0, note or default)

    def answer_text(self, spec: dict) -> str:
        return ", ".join(spec["answer"])

    def right_answer(self, spec: dict) -> object:
        return spec["answer"][0]

    def reveal_cites(self, spec: dict) -> list[str]:
        return list(spec.get("cite") or spec["answer"])
