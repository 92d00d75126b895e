"""Choose and justify: pick an answer, cite a paragraph, quote it word for word, and give one sentence of reasoning.

For interpretive points where a historian would accept more than one answer. Credit (decided here, stated in
docs/developing.md "Question kinds"):

- any of the options, backed by valid evidence (a paragraph that exists, a quotation word for word in it, and a
  sentence of reasoning), earns **full credit**: the kind is used only where every option can be argued from the
  texts, so a different answer well argued is as good as the course's own; the feedback then gives the course's
  reading beside the case for the learner's answer;
- evidence that is missing or does not hold earns part of the credit: a quarter for the choice, half for a
  paragraph with a quotation that is word for word in it, a quarter for the reasoning; the feedback says which
  part is missing or wrong, and how to fix it.

The feedback always states the course's reading (``reading``) and the case for the other answer (``case``, one
per option other than the course's ``answer``).
"""

from __future__ import annotations

from summitkit.citations import Citation, parse_citation, quote_problem
from summitkit.quiz.kinds.base import (
    CHOOSE,
    NOTHING,
    Control,
    Field,
    Kind,
    among,
    blank,
    citations,
    fail,
    option_feedback,
    sentence,
    shape,
    short,
    strings,
)
from summitkit.quiz.result import Result
from summitkit.sources import collapse, load_text, source_ids

#: The parts of an answer, in the order the control shows them.
PARTS = ("choice", "paragraph", "quote", "reason")
#: Words a quotation has at least (a single word proves nothing about a reading).
QUOTE_WORDS = 3
#: Words a sentence of reasoning has at least.
REASON_WORDS = 6
#: The longest ``reading`` and ``case``: the feedback gives both with what is missing, and stays short enough to read.
LONGEST = 180
#: The credit of each part of the evidence (the choice alone earns the rest).
CHOICE_CREDIT, QUOTE_CREDIT, REASON_CREDIT = 0.25, 0.5, 0.25

_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "′": "'", "″": '"'})


def _typed(text: str) -> str:
    """Text as anyone can type it: curly quotes and apostrophes straight, white space collapsed."""
    return collapse(text.translate(_FOLD))


def _canonical(text: str) -> str:
    """'rsis 3' -> 'rsis ¶3'; text that is no citation comes back as it is."""
    try:
        return str(parse_citation(text))
    except ValueError:
        return text


def _strip_marks(quote: str) -> str:
    """A quotation without the quotation marks a learner may type around it."""
    return quote.strip().strip("\"'“”‘’«»").strip()


def _record(answer: object) -> dict[str, str] | None:
    """The answer as {part: text}, or None when it is not a table of texts."""
    if not isinstance(answer, dict):
        return None
    out = {}
    for part in PARTS:
        value = answer.get(part, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            return None
        out[part] = value
    return out


def quote_issue(quote: str, cited: str) -> str:
    """Why ``quote`` is not word for word in the paragraph ``cited`` ('rsis ¶4'); '' if it is.

    Straight and curly quotes and apostrophes count as the same.

    >>> quote_issue("only the United States and China could offer", "rsis ¶4")
    ''
    >>> quote_issue("playing second fiddle to Beijing", "38north ¶10")[:45]
    'The quote is word for word in 38north ¶11, no'
    """
    citation = parse_citation(cited)
    needle = _typed(_strip_marks(quote))
    if needle and needle in _typed(citation.text()):
        return ""
    return quote_problem(_strip_marks(quote).replace("'", "’"), citation.source, citation.paragraph)


class JustifyControl(Control):
    """Radio buttons for the answer, a paragraph menu, a quotation box and a reasoning box, each labelled."""

    def build(self):
        import ipywidgets as w

        wide = {"width": "auto", "max_width": "100%"}
        self.choice = w.RadioButtons(
            options=self.spec["options"], value=None, description="Your answer:", layout=w.Layout(**wide)
        )
        self.paragraph = w.Dropdown(
            options=[(CHOOSE, NOTHING)] + [(p, p) for p in self.spec["paragraphs"]],
            value=NOTHING,
            description="Paragraph:",
            layout=w.Layout(**wide),
        )
        self.quote = w.Text(
            placeholder="copy a few words from that paragraph, exactly", description="Quotation:", layout=w.Layout(width="100%")
        )
        self.reason = w.Textarea(
            placeholder="one sentence: how the quotation supports your answer",
            description="Reasoning:",
            layout=w.Layout(width="100%", height="4em"),
        )
        for box in (self.choice, self.quote, self.reason):
            box.add_class("summit-stacked")  # the label above the box, so it fits at 360 px
        return w.VBox([self.choice, self.paragraph, self.quote, self.reason])

    def read(self) -> object:
        values = (self.choice.value or "", self.paragraph.value or "", self.quote.value, self.reason.value)
        record = dict(zip(PARTS, values))
        return record if any(v.strip() for v in values) else None

    def restore(self, saved: object) -> bool:
        record = _record(saved)
        if record is None:
            return False
        paragraph = _canonical(record["paragraph"]) if record["paragraph"] else NOTHING
        if record["choice"] and record["choice"] not in self.spec["options"]:
            return False
        if paragraph and paragraph not in self.spec["paragraphs"]:
            return False
        self.choice.value = record["choice"] or None
        self.paragraph.value = paragraph
        self.quote.value = record["quote"]
        self.reason.value = record["reason"]
        return True


class Justify(Kind):
    """Choose an answer and justify it: a paragraph, a quotation word for word from it, one sentence of reasoning."""

    name = "justify"
    fields = (
        Field("options", shown=True, annotation="list[str]"),
        Field("answer", annotation="str"),
        Field("reading", annotation="str"),
        Field("case", annotation="dict[str, str]"),
        Field("paragraphs", None, shown=True, annotation="list[str] | None"),
    )
    how = (
        "Choose an answer, pick the paragraph that supports it, copy a few of its words exactly as your quotation, "
        "and write one sentence of reasoning. Another answer than ours earns full credit if your evidence holds."
    )
    empty = "Choose an answer, then give your evidence: a paragraph, a quotation from it, and a sentence of reasoning."
    cite_when_wrong = False  # the feedback already gives the reading and its paragraphs
    control = JustifyControl
    example = {
        "prompt": "Was the summit a breakthrough?",
        "options": ["No breakthrough", "A breakthrough"],
        "answer": "No breakthrough",
        "reading": "Both texts say it brought no breakthrough (rsis ¶2, 38north ¶1).",
        "case": {"A breakthrough": "Only on Russia's standing: RSIS says Russia entered the fray (rsis ¶4)."},
    }

    def normalize(self, spec: dict) -> None:
        qid = spec["id"]
        spec["options"] = strings(qid, "options", spec["options"], 2)
        if not isinstance(spec["answer"], str):
            raise fail(qid, "'answer' of a choose-and-justify question is one of the options", "answer")
        if spec["answer"] not in spec["options"]:
            raise among(qid, "answer", spec["answer"], spec["options"])
        if not isinstance(spec["reading"], str) or not spec["reading"].strip():
            raise fail(qid, "'reading' is the course's reading, in a sentence or two", "reading")
        spec["case"] = option_feedback(qid, spec.get("case"), spec["options"])
        missing = [o for o in spec["options"] if o != spec["answer"] and not spec["case"].get(o, "").strip()]
        if missing:
            raise fail(qid, f"'case' needs the case for every other answer: none for “{missing[0]}”", "case")
        for name, text in [("reading", spec["reading"]), *(("case", c) for c in spec["case"].values())]:
            if len(text) > LONGEST:
                raise fail(
                    qid, f"'{name}' is {len(text)} characters long: keep it to {LONGEST}, it is shown with every verdict", name
                )
        if spec.get("paragraphs"):
            spec["paragraphs"] = citations(qid, "paragraphs", spec["paragraphs"])
        else:
            spec["paragraphs"] = [str(Citation(s, n)) for s in source_ids() for n in range(1, len(load_text(s).paragraphs) + 1)]

    def fits(self, spec: dict, answer: object) -> str:
        if blank(answer):
            return ""
        record = _record(answer)
        if record is None:
            return f"it is {shape(answer)}, not an answer with its evidence"
        if record["choice"] and record["choice"] not in spec["options"]:
            return f"“{short(record['choice'])}” is not one of its options"
        if record["paragraph"] and _canonical(record["paragraph"]) not in spec["paragraphs"]:
            return f"“{short(record['paragraph'])}” is not one of the paragraphs it offers"
        return ""

    def problems(self, spec: dict, answer: object) -> list[str]:
        """What is missing or wrong in the evidence, one short phrase each ([] when it all holds): for feedback and
        the teacher's dashboard."""
        record = _record(answer) or dict.fromkeys(PARTS, "")
        out = []
        paragraph = _canonical(record["paragraph"].strip()) if record["paragraph"].strip() else ""
        quote = _strip_marks(record["quote"])
        if not paragraph:
            out.append("no paragraph cited")
        elif paragraph not in spec["paragraphs"]:
            out.append(f"“{short(paragraph)}” is not a paragraph it offers")
        if not quote:
            out.append("no quotation")
        elif len(quote.split()) < QUOTE_WORDS:
            out.append(f"a quotation of fewer than {QUOTE_WORDS} words")
        elif paragraph in spec["paragraphs"] and quote_issue(quote, paragraph):
            out.append(f"the quotation is not word for word in {paragraph}")
        if not record["reason"].strip():
            out.append("no reasoning")
        elif len(record["reason"].split()) < REASON_WORDS:
            out.append(f"reasoning of fewer than {REASON_WORDS} words")
        return out

    def _both_readings(self, spec: dict, choice: str) -> str:
        reading = f"Our reading: {spec['reading']}"
        if choice == spec["answer"]:
            others = "; ".join(f"for “{o}”: {c}" for o, c in spec["case"].items() if o != choice)
            return sentence(reading, f"The case for the other answer{'s' if len(spec['case']) > 1 else ''}: {others}")
        return sentence(reading, f"The case for “{choice}”: {spec['case'].get(choice, '')}")

    def check(self, spec: dict, answer: object) -> Result:
        record = _record(answer)
        if record is None or not record["choice"] or record["choice"] not in spec["options"]:
            if record is not None and any(record[p].strip() for p in PARTS[1:]) and not record["choice"]:
                return Result("empty", 0.0, "Choose an answer first: your evidence is kept, and is checked with it.")
            return Result("empty", 0.0, self.empty)
        choice = record["choice"]
        problems = self.problems(spec, record)
        both = self._both_readings(spec, choice)
        ours = choice == spec["answer"]
        if not problems:
            head = "Your answer and your evidence hold." if ours else "Not our reading, but your evidence holds: full credit."
            return self.correct(spec, head, both, cite=[_canonical(record["paragraph"])])
        score = CHOICE_CREDIT
        if not any(p.startswith(("no paragraph", "no quotation", "a quotation", "the quotation", "“")) for p in problems):
            score += QUOTE_CREDIT
        if not any(p.startswith(("no reasoning", "reasoning")) for p in problems):
            score += REASON_CREDIT
        detail = ""
        paragraph = _canonical(record["paragraph"].strip())
        quote = _strip_marks(record["quote"])
        if f"the quotation is not word for word in {paragraph}" in problems:
            detail = short(quote_issue(quote, paragraph), 180)
        missing = "; ".join(problems)
        return Result(
            "partial",
            score,
            sentence(
                f"Your evidence is not complete: {missing}.",
                detail,
                both,
            ),
        )

    def answer_text(self, spec: dict) -> str:
        others = "; ".join(f"“{o}”: {c}" for o, c in spec["case"].items() if o != spec["answer"])
        return (
            f"{spec['answer']}. {spec['reading']} Also accepted with valid evidence (paragraph, verbatim quotation, "
            f"a sentence of reasoning): {others}"
        )

    def right_answer(self, spec: dict) -> object:
        """The course's answer with evidence from the first paragraph it offers (its first sentence's opening words)."""
        cited = [c for c in spec.get("cite") or [] if c in spec["paragraphs"]] or spec["paragraphs"]
        paragraph = cited[0]
        words = collapse(parse_citation(paragraph).text()).split()[:6]
        return {
            "choice": spec["answer"],
            "paragraph": paragraph,
            "quote": " ".join(words),
            "reason": "This passage shows the point my answer rests on, in the author's own words.",
        }
