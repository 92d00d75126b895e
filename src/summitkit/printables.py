"""Pages to print from a browser: the texts with paragraph numbers, the questions on paper, and the teacher's answer key.

``python3 run.py build`` writes them (see :mod:`summitkit.generated`):

- :func:`handout_html` -- every text of ``data/sources/``, paragraph by paragraph, numbered as the course cites
  them (``rsis ¶8``), with what is known about each source: ``data/handout.html``, in the student release;
- :func:`worksheet_html` -- every question of the course as it can be answered on paper, made only from what the
  question banks hold in the clear (the prompt, the options, the items): ``data/worksheet.html``, in the student
  release. Nothing sealed is read, so nothing secret can reach it;
- :func:`answer_key_html` -- every question with its answer and the paragraphs that settle it, from the solutions:
  ``solutions/answer-key.html``, which the student release leaves out with the rest of ``solutions/``.
"""

from __future__ import annotations

from collections.abc import Iterable

from summitkit.dates import iso_bounds, period_words
from summitkit.markup import Markup, document, el, join
from summitkit.quiz import kinds
from summitkit.quiz.bank import lesson_of
from summitkit.sources import load_text, source_ids, source_info

COURSE = "Vladivostok 2019: the Putin–Kim summit in two analyses"

#: How each kind of question is answered on paper (a kind not listed here: its own ``how``).
PAPER = {
    "single": "Circle one answer.",
    "multiple": "Tick every answer that is right.",
    "order": "Number them in order: 1 for the first.",
    "match": "Beside each name, write the letter of the description that matches it.",
    "categorize": "Beside each item, write the group it belongs to.",
    "date": "Write the date.",
    "number": "Write a number.",
    "evidence": "Read the statement, then circle the paragraph that supports it (read it in the handout first).",
    "justify": "Circle one answer, then write the paragraph that supports it, a quotation copied exactly from it, "
    "and one sentence of reasoning. Another answer than the course's earns credit if the evidence holds.",
    "written": "Write your answer on the lines, then tick each point of the checklist your answer meets.",
    "code": "In the notebook this is computed with a line of code. On paper: work it out from the handout and write the number.",
}
_DATE_PAPER = {
    "year": "Write the year.",
    "month": "Write the month and the year.",
    "day": "Write the day, the month and the year.",
}


def _when(value: str) -> str:
    try:
        return period_words(*iso_bounds(value))
    except ValueError:
        return value


def _source_part(source_id: str) -> Markup:
    info, text = source_info(source_id), load_text(source_id)
    facts = [
        el(
            "p",
            el("b", "Outlet: "),
            info.outlet,
            " · ",
            el("b", "Date: "),
            _when(info.date),
            *((" (", info.date_note, ")") if info.date_note else ()),
        ),
        el(
            "p",
            el("b", "Author: "),
            info.author or "not named in our copy",
            *((" — ", info.author_note) if info.author_note else ()),
        ),
        *((el("p", el("b", "Our copy: "), info.extra["copy_note"]),) if info.extra.get("copy_note") else ()),
        el(
            "p",
            el("b", "Cite a paragraph as "),
            el("code", f"{source_id} ¶1"),
            ", ",
            el("code", f"{source_id} ¶2"),
            " … (headings are not numbered).",
        ),
        el(
            "p",
            "Reproduced word for word for classroom analysis; the text belongs to its publisher. Read and cite the original",
            *((": ", el("a", info.url, href=info.url)) if info.url else ()),
            ".",
        ),
    ]
    body: list[Markup] = []
    heading = None
    for number, paragraph in enumerate(text.paragraphs, start=1):
        if text.headings[number - 1] != heading:
            heading = text.headings[number - 1]
            if heading:
                body.append(el("h3", heading))
        body.append(
            el(
                "div",
                el("span", f"¶{number}", cls="summit-para-number"),
                el("p", paragraph, cls="summit-para-text"),
                cls="summit-para",
                id=f"{source_id}-{number}",
            )
        )
    return el("section", el("h2", text.title), el("div", *facts, cls="summit-doc-meta"), *body, cls="summit-doc-part")


def handout_html() -> str:
    """Every text of the course with its paragraph numbers, one text per printed page-run."""
    ids = source_ids()
    intro = el(
        "header",
        el("h1", f"{COURSE}: the texts"),
        el(
            "p",
            "The ",
            str(len(ids)),
            " texts the course reads, paragraph by paragraph, numbered as the notebooks cite "
            "them. Each text starts on a new page when printed.",
            cls="summit-doc-note",
        ),
    )
    return str(document(f"The texts, with paragraph numbers — {COURSE}", intro, *(_source_part(s) for s in ids)))


def _letters(count: int) -> list[str]:
    return [chr(ord("A") + i) if i < 26 else str(i + 1) for i in range(count)]


def _choices(items: Iterable[object], box: str = "") -> Markup:
    return el("ul", *(el("li", f"{box}{item}" if box else item) for item in items), cls="summit-choices")


def _lines(count: int) -> list[Markup]:
    return [el("div", cls="summit-write") for _ in range(count)]


def _paper(entry: dict) -> list[Markup]:
    """A question as answered on paper, from the fields a bank keeps in the clear (never its sealed part)."""
    kind = entry.get("kind", "")
    how = _DATE_PAPER.get(entry.get("precision", "day")) if kind == "date" else PAPER.get(kind)
    if how is None:
        try:
            how = kinds.get(kind, entry.get("id")).how
        except Exception:  # an unknown kind still prints its prompt
            how = ""
    parts = [el("p", entry.get("prompt", "")), el("p", how, cls="summit-how")]
    if kind == "evidence":
        parts.insert(1, el("p", el("b", "Statement: "), entry.get("statement", "")))
    if kind in ("single", "evidence", "justify") and entry.get("options"):
        parts.append(_choices(entry["options"], "○ "))
        if kind == "justify":  # the evidence, on lines of its own
            parts += [el("p", el("b", "Paragraph: "), "____________"), el("p", el("b", "Quotation:")), *_lines(1)]
            parts += [el("p", el("b", "Reasoning:")), *_lines(2)]
    elif kind == "multiple":
        parts.append(_choices(entry.get("options", []), "☐ "))
    elif kind == "order":
        parts.append(_choices(entry.get("shuffled", []), "___  "))
    elif kind == "match":
        letters = _letters(len(entry.get("choices") or []))
        parts.append(_choices(entry.get("lefts", []), "___  "))
        parts.append(_choices([f"{letter}. {choice}" for letter, choice in zip(letters, entry.get("choices") or [])]))
    elif kind == "categorize":
        parts.append(el("p", el("b", "Groups: "), join(entry.get("categories", []), " · ")))
        parts.append(_choices(entry.get("item_list", []), "__________  "))
    elif kind == "written":
        parts += _lines(8)
        parts.append(_choices(entry.get("rubric", []), "☐ "))
    elif kind == "number" and entry.get("unit"):
        parts.append(el("p", "____________ ", entry["unit"]))
    else:
        parts += _lines(1)
    return parts


def worksheet_html(bank: dict[str, dict], titles: dict[str, str]) -> str:
    """Every question of ``bank`` (entries by id, as :func:`summitkit.quiz.bank.entries` gives them), lesson by lesson.

    ``titles`` names each lesson (``{"01": "01 · The sources: ..."}``). Only the clear fields of each entry are read.
    """
    lessons: dict[str, list[dict]] = {}
    for qid, entry in bank.items():  # in the notebooks' order
        lessons.setdefault(lesson_of(qid), []).append({k: v for k, v in entry.items() if k != "sealed"})
    parts = [
        el(
            "header",
            el("h1", f"{COURSE}: the questions on paper"),
            el(
                "p",
                "For working without a computer: answer in this sheet, with the texts (the handout, with its paragraph "
                "numbers) beside you. Questions marked “in the lesson” appear in the lesson notebook; the others in its "
                "exercises. Your teacher has the answers.",
                cls="summit-doc-note",
            ),
        )
    ]
    for lesson, entries in sorted(lessons.items()):
        items = []
        for number, entry in enumerate(sorted(entries, key=lambda e: (not e.get("in_lesson"),)), start=1):
            where = "in the lesson" if entry.get("in_lesson") else "exercises"
            items.append(
                el(
                    "div",
                    el("h3", f"{lesson}.{number} ", el("span", f"({entry['id']}, {where})", cls="summit-question-id")),
                    *_paper(entry),
                    cls="summit-item",
                )
            )
        parts.append(el("section", el("h2", titles.get(lesson, f"Lesson {lesson}")), *items, cls="summit-doc-part"))
    return str(document(f"The questions on paper — {COURSE}", *parts))


def answer_key_html(specs: dict[str, dict], titles: dict[str, str]) -> str:
    """The teacher's answer key: every question's answer (as "Show answer" gives it) and the paragraphs that settle it.

    ``specs`` are full, validated specs by id (:func:`summitkit.quiz.build.declared_specs`). The answers fit one printed
    page (two columns); the model answers of the written questions follow on the next pages.
    """
    lessons: dict[str, list[dict]] = {}
    for qid, spec in specs.items():  # in the notebooks' order
        lessons.setdefault(lesson_of(qid), []).append(spec)
    answers, models = [], []
    for lesson, found in sorted(lessons.items()):
        answers.append(el("h2", titles.get(lesson, f"Lesson {lesson}")))
        for number, spec in enumerate(sorted(found, key=lambda s: (not s.get("in_lesson"),)), start=1):
            kind = kinds.get(spec["kind"], spec["id"])
            label = [el("b", f"{lesson}.{number} "), el("span", spec["id"], cls="summit-question-id"), " "]
            cite = spec.get("cite") or []
            read = [" ", el("i", "(", ", ".join(cite), ")")] if cite else []
            if spec["kind"] == "written":
                answer: object = f"written: {len(spec.get('rubric', []))}-point checklist; model answer overleaf"
                models.append(
                    el(
                        "div",
                        el("h3", *label),
                        el("p", spec.get("prompt", "")),
                        el("p", el("b", "Checklist: "), join(spec.get("rubric", []), " · ")),
                        el("p", el("b", "Model answer: "), kind.answer_text(spec)),
                        cls="summit-item",
                    )
                )
            else:
                answer = kind.answer_text(spec)
            answers.append(el("p", *label, answer, *read, cls="summit-key-line"))
    parts = [
        el("h1", f"Answer key — {COURSE}", cls="summit-key-title"),
        el(
            "p",
            "For the teacher: generated from solutions/ by python3 run.py build; the student release leaves it out. "
            "Numbers follow the worksheet (data/worksheet.html); in brackets, the paragraphs that settle the answer.",
            cls="summit-doc-note",
        ),
        el("div", *answers, cls="summit-key"),
    ]
    if models:
        parts.append(el("section", el("h2", "Model answers of the written questions"), *models, cls="summit-doc-part"))
    return str(document(f"Answer key — {COURSE}", *parts))
