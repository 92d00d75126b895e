"""The projector view: the class's answers to one question, or to a lesson's questions, large enough to read from the
back of a room, with no names.

For each question it shows how the class split (each option, category or order, with its share), which answer is
the course's reading, the commonest wrong answers with the misconception the course's own feedback names for each,
and a banner where the class's commonest answer differs from the course's reading: the place to start a discussion.

Nothing here can expose a learner: no name, no file, no written text. A question answered by fewer than
:data:`MIN_ANSWERS` learners shows no split at all, and a typed answer (a date, a number) is shown only when at
least two learners gave it. It reads the same re-checked answers as the dashboard (:mod:`summitkit.gradebook`), so it
works wherever the dashboard does, the teacher's JupyterLite site included.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from summitkit import gradebook, grading
from summitkit.dashboard import default_folder
from summitkit.exports import clean_text
from summitkit.markup import Markup, Shown, el, join

#: Fewer answers than this and a question's split is not shown (one or two answers would show whose they are).
MIN_ANSWERS = 3
#: A typed answer (a date, a number) is shown only if at least this many learners gave it.
MIN_SAME = 2
#: How many wrong answers a question shows at most.
TOP = 3


def _share(n: int, of: int) -> str:
    return f"{round(100 * n / of)}%" if of else "—"


def _bar(label: object, n: int, of: int, key: bool) -> Markup:
    width = f"width:{max(1, round(12 * n / of, 2)) if of else 0}em"
    # The mark stands before the label: a long label wraps under its own bar, and the tick never lands beside the next one.
    mark = el("span", "✓ the course's reading:", cls="summit-keyed") if key else ""
    return el(
        "div",
        el("span", "", cls="summit-bar-fill", style=width, **{"aria-hidden": "true"}),
        el("span", f"{_share(n, of)} ({n})"),
        mark,
        el("span", label, dir="auto"),
        cls="summit-bar",
    )


def _label(value: object) -> str:
    return clean_text(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str), 120)


def _choice_split(question: grading.Question, answers: list[object]) -> tuple[list[Markup], str | None]:
    """Bars for each option (single, evidence, multiple); the class's commonest answer if it is not the key."""
    spec = question.spec
    options = spec.get("options") or []
    truth = spec.get("answer")
    keyed = set(truth) if isinstance(truth, list) else {truth}
    counts: Counter = Counter()
    for answer in answers:
        counts.update(set(answer) if isinstance(answer, list) else {answer})
    bars = [_bar(option, counts[option], len(answers), option in keyed) for option in options]
    top, _ = counts.most_common(1)[0] if counts else (None, 0)
    differs = None if question.kind == "multiple" or top in keyed or top is None else _label(top)
    return bars, differs


def _item_split(question: grading.Question, answers: list[object]) -> tuple[list[Markup], str | None]:
    """For each item of a sort or match: how the class placed it, the course's place marked."""
    spec = question.spec
    items = spec.get("item_list") or spec.get("lefts") or []
    truth = spec.get("items") or spec.get("pairs") or {}
    out, differs = [], []
    for item in items:
        counts = Counter(a.get(item) for a in answers if isinstance(a, dict) and a.get(item))
        given = sum(counts.values())
        rows = [_bar(place, n, given, place == truth.get(item)) for place, n in counts.most_common()]
        out.append(el("div", el("b", item, dir="auto"), *rows))
        if counts and counts.most_common(1)[0][0] != truth.get(item):
            differs.append(f"{_label(item)} → {_label(counts.most_common(1)[0][0])}")
    return out, "; ".join(differs) or None


def _typed_split(question: grading.Question, items: list[grading.Answer]) -> tuple[list[Markup], str | None]:
    """Dates, numbers, orders and code values: the share right, and wrong answers given by at least two learners."""
    right = sum(1 for i in items if i.verdict == "correct")
    wrong: Counter = Counter()
    for item in items:
        if item.verdict in ("wrong", "partial"):
            try:
                wrong.update(set(grading.wrong_parts(item.question, item.answer)))
            except (TypeError, ValueError, AttributeError):
                continue
    shown = [(w, n) for w, n in wrong.most_common() if n >= MIN_SAME][:TOP]
    rows = [_bar("right", right, len(items), True)] + [_bar(w, n, len(items), False) for w, n in shown]
    differs = shown[0][0] if shown and shown[0][1] > right else None
    return rows, differs


def _misconceptions(question: grading.Question, answers: list[object]) -> list[Markup]:
    """The commonest wrong choices with the misconception the course's own feedback names for each."""
    feedback = question.spec.get("feedback") or {}
    truth = question.spec.get("answer")
    keyed = set(truth) if isinstance(truth, list) else {truth}
    counts: Counter = Counter()
    for answer in answers:
        chosen = set(answer) if isinstance(answer, list) else {answer}
        counts.update(c for c in chosen if c not in keyed and isinstance(c, str))
    out = []
    for option, n in counts.most_common(TOP):
        why = feedback.get(option)
        if why:
            out.append(el("li", el("b", f"{_label(option)} ({n}): "), why))
    return out


def question_html(question: grading.Question, items: list[grading.Answer]) -> Markup:
    """One question's split, for the projector."""
    answered = [i for i in items if i.verdict not in ("empty", "unreadable")]
    head = [el("h2", question.spec.get("prompt", question.id)), el("p", f"{len(answered)} answered · question {question.id}")]
    if question.kind == "written":
        return join([*head, el("p", "A written answer: read and mark them on the dashboard; they are not shown here.")])
    if len(answered) < MIN_ANSWERS:
        return join([*head, el("p", f"Fewer than {MIN_ANSWERS} answers: not shown, so that no one's answer can be recognised.")])
    values = [i.answer for i in answered]
    if question.kind in ("single", "evidence", "multiple"):
        rows, differs = _choice_split(question, values)
        extra = _misconceptions(question, values)
    elif question.kind in ("categorize", "match"):
        rows, differs = _item_split(question, values)
        extra = []
    else:
        rows, differs = _typed_split(question, answered)
        extra = []
    parts = [*head]
    if differs:
        parts.append(
            el(
                "p",
                "The class's commonest answer differs from the course's reading: ",
                el("b", differs, dir="auto"),
                ". Ask for the paragraph behind each answer.",
                cls="summit-differs",
                role="note",
            )
        )
    parts.extend(rows)
    if extra:
        parts.append(el("p", el("b", "Commonest wrong answers, and the misconception behind each (the course's feedback):")))
        parts.append(el("ul", *extra))
    return join(parts)


def view_html(grades: grading.ClassGrades, question: str | None = None, lesson: str | None = None) -> Markup:
    """The projector page for one question (by id), one lesson (``"04"``), or every question answered."""
    by_question: dict[str, list[grading.Answer]] = {}
    for learner in grades.learners:
        for qid, item in learner.answers.items():
            by_question.setdefault(qid, []).append(item)
    chosen = [
        q
        for q in sorted(grades.questions)
        if (question is None or q == question) and (lesson is None or grades.questions[q].lesson == lesson)
    ]
    if not chosen:
        return el(
            "p", f"No question {question or ''} {('in lesson ' + lesson) if lesson else ''} in this course.".replace("  ", " ")
        )
    sections = [
        el("section", question_html(grades.questions[q], by_question.get(q, [])), **{"aria-label": f"question {q}"})
        for q in chosen
    ]
    note = el("p", f"{len(grades.learners)} learner(s); no names are shown.", cls="summit-note")
    return el("div", note, *sections, cls="summit-projector")


def show(grades: grading.ClassGrades | Path | str | None = None, question: str | None = None, lesson: str | None = None) -> Shown:
    """The projector view for a question or a lesson, from the dashboard's grades (``grades = dashboard.show(folder)``)
    or a class folder; without grades (no folder yet, or nothing to grade) a sentence says what to do."""
    if grades is None or isinstance(grades, (str, Path)):
        folder = Path(grades) if grades is not None else default_folder()
        if not folder.is_dir():
            return Shown(
                el(
                    "p",
                    "No class folder yet (",
                    el("code", str(folder)),
                    "): run the dashboard's cells above on a folder of exports first.",
                    role="status",
                )
            )
        try:
            grades = gradebook.grade_folder(folder, write=False)
        except (grading.GradingError, OSError) as exc:
            return Shown(el("p", "⚠ Cannot grade: ", str(exc), role="alert"))
    return Shown(view_html(grades, question, lesson))
