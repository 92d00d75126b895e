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

from collections import Counter
from dataclasses import dataclass

from summitkit import controls, progress, quiz
from summitkit.citations import Citation, find_citations
from summitkit.markup import Markup, el, join, page
from summitkit.sources import load_text, source_ids
from summitkit.wording import all_of, join_words

ESSAY_ID = "05-essay"
EMPTY = ("Your answer is empty so far. Start with one sentence that answers the question, "
         "then back it with a paragraph, cited like 38north ¶1 or rsis ¶4.")
NO_CITATIONS = ("I found no citations in your answer yet. Cite each piece of evidence as the source and its paragraph "
                "number, like 38north ¶2 or rsis ¶8 (if you cannot type ¶, write rsis 8 or rsis para 8).")


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
        return (f"{citation.source} has paragraphs 1 to {count}, so there is no ¶{citation.paragraph}. "
                "Check the number in the paragraph reader.")
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


#: At most this many citations that do not exist are explained one by one; the rest are named in one line.
SHOWN_PROBLEMS = 40


def report_html(text: str) -> Markup:
    """What the citation check says about an answer, as safe HTML (the learner's own words are never shown as HTML)."""
    if not (text or "").strip():
        return page(el("div", f"✎ {EMPTY}", role="status"))
    if len(text) > progress.MAX_ANSWER_CHARS:  # not saved either: checking it all would only keep the learner waiting
        return page(el("div", f"✗ Your answer is over {progress.MAX_ANSWER_CHARS:,} characters long, so its citations are "
                              "not checked and it is not saved. Shorten it, then check again.", role="status"))
    checks = check_citations(text)
    if not checks:
        return page(el("div", f"✎ {NO_CITATIONS}", role="status"))
    good = [c for c in checks if c.ok]
    bad = [c for c in checks if not c.ok]
    cover = _coverage(checks)
    parts = [el("div", el("b", f"{len(checks)} different citation(s) found"), f": {len(good)} exist, {len(bad)} do not. By source: "
                + ", ".join(f"{s} {n}" for s, n in cover.items()) + ".", role="status")]
    missing = [s for s, n in cover.items() if not n]
    if missing:
        parts.append(el("div", f"☐ You cite no paragraph of {join_words(missing, 'or')} yet: "
                               f"the checklist asks for evidence from {all_of(len(cover))}."))
    for check in bad[:SHOWN_PROBLEMS]:
        parts.append(el("div", "✗ ", el("b", str(check.citation)), f" does not exist. {check.problem}",
                        role="status", cls="summit-citation-problem summit-verdict summit-verdict-wrong"))
    if len(bad) > SHOWN_PROBLEMS:
        rest = [str(c.citation) for c in bad[SHOWN_PROBLEMS:]]
        more = ", ".join(rest[:200]) + (f" and {len(rest) - 200} more" if len(rest) > 200 else "")
        parts.append(el("div", f"✗ {len(rest)} more citations do not exist either: {more}.",
                        cls="summit-citation-problem summit-verdict summit-verdict-wrong"))
    for check in good:
        times = f" (cited {check.times} times)" if check.times > 1 else ""
        parts.append(join([el("div", "✓ ", el("b", str(check.citation)), f"{times}: does the passage say what you use it for?"),
                           check.citation.html()]))
    return page(*parts)


def essay(question: object = ESSAY_ID):  # -> ipywidgets.VBox
    """The essay box: a written question (by id from the banks, or a question widget) plus the citation checker."""
    import ipywidgets as w

    q = quiz.show(question) if isinstance(question, str) else question
    if getattr(q, "kind", None) != "written":
        raise ValueError("the essay box needs a written question (quiz.written)")
    button = w.Button(description="Check my citations", layout=w.Layout(width="auto"),
                      tooltip="Find the paragraphs you cite, show them, and save your answer")
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
        report.value = str(report_html(q.input.value))

    controls.on_click(button, check_citations_now, q.alert, progress.take_notices)  # what goes wrong is said in the question
    if q.input.value.strip():  # a restored answer: show its citations straight away
        report.value = str(report_html(q.input.value))
    box = w.VBox([q], layout=w.Layout(max_width="100%"))
    box.add_class("summit-widget")
    box.question, box.cite_button, box.report = q, button, report  # handles for tests
    return box
