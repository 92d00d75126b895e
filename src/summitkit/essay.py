"""Lesson 05's essay box: a written question (``quiz.written``) with a citation checker beside it.

The answer box, the checklist (rubric), saving, restoring and the model answer are those of
every written question (``summitkit.quiz``); this module adds one button, **Check my citations**,
which finds every citation in the answer, shows each cited passage, and says plainly which
citations do not exist. Pressing it also saves the answer.

>>> [(str(c.citation), c.ok) for c in check_citations("As rsis ¶1 says, and rsis ¶40 does not")]
[('rsis ¶1', True), ('rsis ¶40', False)]
>>> check_citations("bbc ¶1")[0].problem
'There is no source called “bbc” in this course: the sources are 38north, rsis.'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from summitkit import controls, progress, quiz, rubric
from summitkit.citations import Citation, citation_spans, find_citations, quote_problem
from summitkit.markup import Markup, Shown, details, el, join, page
from summitkit.quiz.kinds.written import expected_length
from summitkit.sources import collapse, load_text, source_ids
from summitkit.wording import all_of, join_words

ESSAY_ID = "05-essay"
EMPTY = (
    "Your answer is empty so far. Start with one sentence that answers the question, "
    "then back it with a paragraph, cited like 38north ¶1 or rsis ¶4."
)
NO_CITATIONS = (
    "I found no citations in your answer yet. Cite each piece of evidence as the source and its paragraph "
    "number, like 38north ¶2 or rsis ¶8 (if you cannot type ¶, write rsis 8 or rsis para 8)."
)


@dataclass(frozen=True)
class CitationCheck:
    """One distinct citation found in an answer: does it exist, how often is it used, what is wrong."""

    citation: Citation
    ok: bool
    times: int
    problem: str


def _problem(citation: Citation, known: list[str], sizes: dict[str, int]) -> str:
    """Why a citation does not exist ("" if it does); ``sizes`` holds each source's paragraph count."""
    if citation.source not in known:
        near = [k for k in known if citation.source in k or k in citation.source]
        hint = f" Did you mean {near[0]} ¶{citation.paragraph}?" if near else ""
        return f"There is no source called “{citation.source}” in this course: the sources are {', '.join(known)}.{hint}"
    count = sizes[citation.source]
    if not 1 <= citation.paragraph <= count:
        return (
            f"{citation.source} has paragraphs 1 to {count}, so there is no ¶{citation.paragraph}. "
            "Check the number in the paragraph reader."
        )
    return ""


def check_citations(text: str) -> list[CitationCheck]:
    """Each distinct citation in ``text``, in order of first use, checked against the sources.

    Linear in the length of the answer: each citation is counted once (a Counter) and the sources are
    looked up once per call, so an answer with 20,000 citations is checked in well under a second
    (``python3 run.py bench --only essay``).
    """
    found = Counter(find_citations(text or "", loose=True))  # in order of first use
    known = source_ids()
    sizes = {sid: len(load_text(sid).paragraphs) for sid in known}
    out = []
    for citation, times in found.items():
        problem = _problem(citation, known, sizes)
        out.append(CitationCheck(citation, not problem, times, problem))
    return out


def _coverage(checks: list[CitationCheck]) -> dict[str, int]:
    out = dict.fromkeys(source_ids(), 0)
    for check in checks:
        if check.ok:
            out[check.citation.source] += 1
    return out


def coverage(text: str) -> dict[str, int]:
    """How many existing paragraphs of each source the answer cites (every source listed, 0 if none).

    >>> coverage("38north ¶1, 38north ¶1 and 38north ¶3")
    {'38north': 2, 'rsis': 0}
    """
    return _coverage(check_citations(text))


# ----- quotations: word for word in the paragraph they cite -------------------------------------------------------
#: A quotation in straight or curly double quotes (single quotes are left alone: they are also apostrophes).
_QUOTED = re.compile(r'“([^”]{1,3000})”|"([^"\n]{1,3000})"')
_SENTENCE_END = re.compile(r"[.!?]\s")
#: How far (in characters) a citation may stand from its quotation, within one sentence.
NEAR = 160
#: Quotations shorter than this many words with no citation are taken as the learner's own term in quotation marks.
SHORT_QUOTE = 3
_TYPED = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class QuoteCheck:
    """One quotation in an answer: the citation it goes with (None if none), and what is wrong ("" if nothing)."""

    quote: str
    citation: Citation | None
    problem: str


def _typed(text: str) -> str:
    """Text as anyone can type it: curly quotes and apostrophes as straight ones, white space collapsed."""
    return collapse(text).translate(_TYPED)


def _citation_for(text: str, start: int, end: int, spans: list, quotes: list[tuple[int, int]]) -> Citation | None:
    """The citation that goes with the quotation at text[start:end]: the next one in its sentence, else the one before it."""

    def clear(gap_start: int, gap_end: int) -> bool:
        gap = text[gap_start:gap_end]
        return len(gap) <= NEAR and not _SENTENCE_END.search(gap) and not any(gap_start <= qs < gap_end for qs, _ in quotes)

    after = next(((s, c) for s, _, c in spans if s >= end), None)
    if after and clear(end, after[0]):
        return after[1]
    before = next(((e, c) for _, e, c in reversed(spans) if e <= start), None)
    if before and clear(before[0], start):
        return before[1]
    return None


def _quote_problem(quote: str, citation: Citation | None, sizes: dict[str, int]) -> str:
    if citation is None:
        return "No citation goes with it: if these are an author's words, put the paragraph right after them, like (rsis ¶4)."
    if citation.source not in sizes or not 1 <= citation.paragraph <= sizes[citation.source]:
        return f"{citation} does not exist, so the quotation cannot be checked."
    needle = _typed(quote)
    if needle in _typed(citation.text()):
        return ""
    elsewhere = [
        Citation(sid, n) for sid in sizes for n, para in enumerate(load_text(sid).paragraphs, start=1) if needle in _typed(para)
    ]
    if elsewhere:
        where = join_words([str(c) for c in elsewhere[:3]])
        return f"These words are in {where}, not in {citation}: fix the paragraph number."
    # Not anywhere, even with straight quotes: show the first difference (typed apostrophes made curly, as the texts have them).
    return "Not word for word. " + quote_problem(quote.replace("'", "’"), citation.source, citation.paragraph)


def check_quotations(text: str) -> list[QuoteCheck]:
    """Each quotation in ``text`` with its citation, checked word for word against the paragraph it cites.

    Straight and curly quotes and apostrophes count as the same (few keyboards type ’). A short phrase in quotation
    marks with no citation near it is taken as the writer's own term and not checked.

    >>> [c.problem for c in check_quotations('It "merely confirms that Russia has always had a role" (rsis ¶1).')]
    ['']
    >>> check_quotations('Russia is "playing second fiddle to Beijing" (38north ¶10).')[0].problem
    'These words are in 38north ¶11, not in 38north ¶10: fix the paragraph number.'
    """
    text = text or ""
    matches = [(m.start(), m.end(), m.group(1) if m.group(1) is not None else m.group(2)) for m in _QUOTED.finditer(text)]
    spans = citation_spans(text, loose=True)
    quotes = [(start, end) for start, end, _ in matches]
    sizes = {sid: len(load_text(sid).paragraphs) for sid in source_ids()}
    out = []
    for start, end, quote in matches:
        if not quote.strip():
            continue
        citation = _citation_for(text, start, end, spans, quotes)
        if citation is None and len(quote.split()) < SHORT_QUOTE:
            continue
        out.append(QuoteCheck(quote, citation, _quote_problem(quote, citation, sizes)))
    return out


def length_line(text: str, prompt: str) -> str:
    """The answer's length against what the prompt asks ("" if the prompt asks no length in words).

    >>> length_line("one two three", "Write 200 to 350 words.")
    '☐ 3 words: the question asks for 200 to 350. Say more: a claim, evidence from both texts, your reasons.'
    """
    asked = expected_length(prompt)
    if not asked or asked[2] != "words":
        return ""
    least, most, _ = asked
    words = len((text or "").split())
    if words < least:
        return f"☐ {words} words: the question asks for {least} to {most}. Say more: a claim, evidence from both texts, your reasons."
    if words > most:
        return f"☐ {words} words: the question asks for {least} to {most}. Cut what does not serve your claim."
    return f"✓ {words} words: within the {least} to {most} asked for."


def self_assessment_lines(ticks: dict[str, bool], quotes: list[QuoteCheck], cover: dict[str, int]) -> list[str]:
    """What the box can see against the criteria the learner ticked (``ticks``: criterion -> ticked).

    Only what a machine can see is said: a ticked Evidence with a quotation that is not word for word, or a text not
    cited. Claim, reasoning and counter-argument are the learner's and the teacher's to judge.
    """
    lines = []
    if ticks.get("Evidence"):
        wrong = sum(1 for q in quotes if q.problem)
        uncited = [s for s, n in cover.items() if not n]
        if wrong or uncited:
            why = []
            if wrong:
                why.append(f"{wrong} quotation(s) below are not word for word in the paragraph cited")
            if uncited:
                why.append(f"no paragraph of {join_words(uncited, 'or')} is cited")
            lines.append(f"You ticked Evidence, but {join_words(why)}: look again before you keep the tick.")
    return lines


def _criterion_ticks(question: object) -> dict[str, bool]:
    """criterion -> ticked, for checklist lines that begin with a rubric criterion and a colon."""
    out = {}
    spec = getattr(question, "spec", {}) or {}
    boxes = getattr(getattr(question, "control", None), "boxes", []) or []
    for line, box in zip(spec.get("rubric", []), boxes):
        name = line.split(":", 1)[0].strip()
        if name in rubric.criteria():
            out[name] = bool(box.value)
    return out


def _quote_lines(quotes: list[QuoteCheck]) -> list[Markup]:
    out = []
    for check in quotes:
        shown = check.quote if len(check.quote) <= 120 else check.quote[:117] + "…"
        cited = f" ({check.citation})" if check.citation else ""
        if check.problem:
            out.append(
                el(
                    "div",
                    "✗ ",
                    el("b", f"“{shown}”{cited}"),
                    f": {check.problem}",
                    role="status",
                    cls="summit-quote-problem summit-verdict summit-verdict-wrong",
                )
            )
        else:
            out.append(el("div", "✓ ", f"“{shown}”{cited}: word for word."))
    return out


#: At most this many citations that do not exist are explained one by one; the rest are named in one line.
SHOWN_PROBLEMS = 40


def report_html(text: str, prompt: str = "", ticks: dict[str, bool] | None = None) -> Markup:
    """What the box finds in an answer, as safe HTML (the learner's own words are never shown as HTML): its length
    against ``prompt``, each citation, each quotation checked word for word, and the ticked criteria (``ticks``) that
    what it finds does not bear out."""
    if not (text or "").strip():
        return page(el("div", f"✎ {EMPTY}", role="status"))
    if len(text) > progress.MAX_ANSWER_CHARS:  # not saved either: checking it all would only keep the learner waiting
        return page(
            el(
                "div",
                f"✗ Your answer is over {progress.MAX_ANSWER_CHARS:,} characters long, so its citations are "
                "not checked and it is not saved. Shorten it, then check again.",
                role="status",
            )
        )
    length = length_line(text, prompt)
    head = [el("div", length)] if length else []
    checks = check_citations(text)
    quotes = check_quotations(text)
    if not checks:
        return page(*head, el("div", f"✎ {NO_CITATIONS}", role="status"), *_quote_lines(quotes))
    good = [c for c in checks if c.ok]
    bad = [c for c in checks if not c.ok]
    cover = _coverage(checks)
    wrong_quotes = sum(1 for q in quotes if q.problem)
    parts = [
        *head,
        el(
            "div",
            el("b", f"{len(checks)} different citation(s) found"),
            f": {len(good)} exist, {len(bad)} do not. By source: " + ", ".join(f"{s} {n}" for s, n in cover.items()) + ".",
            role="status",
        ),
    ]
    if quotes:
        parts.append(
            el(
                "div",
                el("b", f"{len(quotes)} quotation(s)"),
                f": {len(quotes) - wrong_quotes} word for word, {wrong_quotes} not.",
                role="status",
            )
        )
    parts.extend(el("div", "☐ ", line, role="status") for line in self_assessment_lines(ticks or {}, quotes, cover))
    parts.extend(_quote_lines(quotes))
    missing = [s for s, n in cover.items() if not n]
    if missing:
        parts.append(
            el(
                "div",
                f"☐ You cite no paragraph of {join_words(missing, 'or')} yet: "
                f"the checklist asks for evidence from {all_of(len(cover))}.",
            )
        )
    for check in bad[:SHOWN_PROBLEMS]:
        parts.append(
            el(
                "div",
                "✗ ",
                el("b", str(check.citation)),
                f" does not exist. {check.problem}",
                role="status",
                cls="summit-citation-problem summit-verdict summit-verdict-wrong",
            )
        )
    if len(bad) > SHOWN_PROBLEMS:
        rest = [str(c.citation) for c in bad[SHOWN_PROBLEMS:]]
        more = ", ".join(rest[:200]) + (f" and {len(rest) - 200} more" if len(rest) > 200 else "")
        parts.append(
            el(
                "div",
                f"✗ {len(rest)} more citations do not exist either: {more}.",
                cls="summit-citation-problem summit-verdict summit-verdict-wrong",
            )
        )
    for check in good:
        times = f" (cited {check.times} times)" if check.times > 1 else ""
        parts.append(
            join(
                [
                    el("div", "✓ ", el("b", str(check.citation)), f"{times}: does the passage say what you use it for?"),
                    check.citation.html(),
                ]
            )
        )
    return page(*parts)


def essay(question: object = ESSAY_ID):  # -> ipywidgets.VBox
    """The essay box: a written question (by id from the banks, or a question widget) plus the citation checker."""
    import ipywidgets as w

    q = quiz.show(question) if isinstance(question, str) else question
    if getattr(q, "kind", None) != "written":
        raise ValueError("the essay box needs a written question (quiz.written)")
    button = w.Button(
        description="Check my citations",
        layout=w.Layout(width="auto"),
        tooltip="Find the paragraphs you cite, show them, and save your answer",
    )
    report = w.HTML()
    report.add_class("summit-live")  # what the citation check finds is announced (markup.ACCESSIBILITY_SCRIPT)
    # Put the button beside Save and the report under the feedback, inside the question's own box.
    children = list(q.children)
    for i, child in enumerate(children):
        if isinstance(child, w.HBox) and q.check_button in child.children:
            child.children = (q.check_button, button, *[c for c in child.children if c is not q.check_button])
        if child is q.feedback:
            children.insert(i + 1, report)
            break
    q.children = tuple(children)

    def check_citations_now() -> None:
        report.value = ""
        q.check()  # saves the answer and the ticked checklist (an empty answer is not saved)
        report.value = str(report_html(q.input.value, q.spec.get("prompt", ""), _criterion_ticks(q)))

    controls.on_click(button, check_citations_now, q.alert, progress.take_notices)  # what goes wrong is said in the question
    if q.input.value.strip():  # a restored answer: show its citations straight away
        report.value = str(report_html(q.input.value, q.spec.get("prompt", ""), _criterion_ticks(q)))
    box = w.VBox([q], layout=w.Layout(max_width="100%"))
    box.add_class("summit-widget")
    box.question, box.cite_button, box.report = q, button, report  # handles for tests
    return box


# ----- the rubric and the exemplars, as the learner sees them ----------------------------------------------------
def rubric_html(short: bool = False) -> Markup:
    """The rubric, one criterion at a time with its levels 4 to 1 (a list, not a wide table: readable at 360 px)."""
    parts = [
        el(
            "p",
            "Your essay is read against four criteria. Each is described at four levels, from 4 (strongest) to 1. "
            "Read them before you write; tick a criterion in the checklist only when your essay reaches level 3 or 4.",
            cls="summit-note",
        )
    ]
    for criterion in rubric.criteria():
        items = [el("li", el("b", f"Level {n}: "), rubric.descriptor(criterion, n, short)) for n in rubric.LEVELS]
        parts.append(join([el("h4", criterion), el("ul", *items)]))
    return el("section", *parts, **{"aria-label": "The essay rubric"})


def exemplar_html(exemplar: rubric.Exemplar, number: int) -> Markup:
    """One annotated exemplar: the essay, what the essay box finds in it, and its level on each criterion with why."""
    paragraphs = [el("p", para) for para in exemplar.text.split("\n\n") if para.strip()]
    found = _quote_lines(check_quotations(exemplar.text))
    notes = [el("li", el("b", f"{criterion}: level {level}. "), note) for criterion, (level, note) in exemplar.notes.items()]
    summary = f"Exemplar {number}: a {exemplar.strength} essay that argues “{exemplar.position}”"
    return details(
        summary,
        el("blockquote", *paragraphs, cls="summit-quote"),
        el("p", el("b", "What the essay box finds in its quotations:")),
        *found,
        el("p", el("b", "Read against the rubric:")),
        el("ul", *notes),
    )


def exemplars_html() -> Markup:
    """The annotated exemplars, each folded, after a note on how to use them."""
    intro = el(
        "p",
        "Three essays written for the course, one strong, one middling and one weak, taking different positions. "
        "Each note says which level it reaches on a criterion and why. Read them after your first draft, "
        "then revise your own: the position does not make an essay strong, the evidence and the reasoning do.",
        cls="summit-note",
    )
    return join([intro, *(exemplar_html(x, n) for n, x in enumerate(rubric.exemplars(), start=1))])


def show_rubric() -> object:
    """The rubric, shown in a notebook (lesson 05, before the essay)."""
    return Shown(rubric_html())


def show_exemplars() -> object:
    """The annotated exemplars, shown in a notebook (lesson 05, after the first draft)."""
    return Shown(exemplars_html())
