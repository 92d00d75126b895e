"""The teacher's view of a class folder: grades re-checked from the answers, what the class got wrong,
and the written work to read and mark. It shows what ``python3 run.py grade FOLDER`` computes
(:func:`summitkit.gradebook.grade_folder`), with plots.

Everything a learner wrote is shown as text (escaped, direction controls removed); learner names never
go into a figure.
"""

from __future__ import annotations

import os
from pathlib import Path

from summitkit import gradebook, grading, marks
from summitkit.controls import alert_area, alert_html, guard, on_click, show_alert
from summitkit.exports import clean_text
from summitkit.figures import OFFLINE, can_draw
from summitkit.markup import Markup, details, el, join, page, table

SHOWN_TEXT = 20_000  # characters of one written answer shown in the page


def default_folder() -> Path:
    """Where the dashboard looks for exports: ``SUMMITKIT_EXPORTS``, else ``class-exports`` beside the notebook."""
    return Path(os.environ.get("SUMMITKIT_EXPORTS") or "class-exports").expanduser()


def _name(text: str) -> Markup:
    return el("span", text, dir="auto")


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


# ----- The report and the grades ----------------------------------------------------------------------------
def report_html(grades: grading.ClassGrades, folder: Path | str) -> Markup:
    """Who is in, which files were skipped and why, what needs the teacher's attention, and the policy used."""
    folder = Path(folder)
    names = join((_name(g.name) for g in grades.learners), ", ") if grades.learners else "nobody yet"
    parts = [
        el("p", el("b", f"{len(grades.learners)} learner(s) graded"), ": ", names, "."),
        el(
            "p",
            f"Every answer was checked again against {grades.source}; what the files claim is not used. ",
            f"Policy ({grading.POLICY_FILE} in the folder): {grades.policy.describe()}.",
            cls="summit-note",
        ),
        el("p", el("b", "How the total is made: "), f"{grades.how_made()}.", cls="summit-note"),
        el("p", f"Written for your learning platform: {folder / gradebook.GRADES_FILE}.", cls="summit-note"),
    ]
    if grades.skipped:
        parts.append(el("p", f"⚠ {len(grades.skipped)} file(s) skipped:", cls="summit-flag"))
        parts.append(el("ul", *(el("li", el("code", f), ": ", reason) for f, reason in grades.skipped)))
    flagged = [g for g in grades.learners if g.flags]
    if flagged:
        parts.append(el("p", f"⚑ {len(flagged)} learner(s) flagged:", cls="summit-flag"))
        parts.append(el("ul", *(el("li", _name(g.name), " (", el("code", g.file), "): ", join(g.flags, "; ")) for g in flagged)))
    if grades.problems:
        parts.append(el("p", "⚠ In your files:", cls="summit-flag"))
        parts.append(el("ul", *(el("li", p) for p in grades.problems)))
    return join(parts)


def grades_html(grades: grading.ClassGrades) -> Markup:
    """The grades table: what grades.csv holds, one row per learner."""
    lessons = grades.lessons
    head = [
        "Learner",
        "E-mail or ID",
        *(f"{k} /{gradebook.points(n)}" for k, n in lessons.items()),
        f"Total /{gradebook.points(grades.total_points)}",
        "Flags and notes",
        "File",
    ]
    body = [
        [
            _name(g.name),
            g.login or g.export.email_or_id or "—",
            *(_points_cell(g, k) for k in lessons),
            el("b", gradebook.points(g.total), _to_mark_tag(g.to_mark)),
            el("ul", *(el("li", f, cls="summit-flag") for f in g.flags), *(el("li", n) for n in g.notes))
            if g.flags or g.notes
            else "",
            el("code", g.file),
        ]
        for g in grades.learners
    ]
    return table(
        head,
        body,
        caption="Points per lesson (00 /4: lesson 00, out of 4), weighted as the policy says, after the policy and your "
        "marks; 'to mark': written work you have not marked yet, not counted as zero",
        cls="summit-table summit-grades",
    )


def _to_mark_tag(ids: list[str]) -> Markup | str:
    """' + to mark' beside a number that still waits for the teacher's marks (never shown as a zero)."""
    return (
        el("span", f" + {len(ids)} to mark" if len(ids) > 1 else " + to mark", cls="summit-muted", title=", ".join(ids))
        if ids
        else ""
    )


def _points_cell(learner: grading.LearnerGrade, lesson: str) -> Markup:
    waiting = [q for q in learner.to_mark if grading.lesson_of(q) == lesson]
    return join([gradebook.points(learner.lessons.get(lesson, 0)), _to_mark_tag(waiting)])


def _matplotlib() -> bool:
    """Whether the plots can be drawn (in the browser version it also starts fetching matplotlib, when online)."""
    return can_draw()


def plot_lessons(grades: grading.ClassGrades):  # -> matplotlib Figure
    """Bars: the class's mean share of each lesson's points, and the spread of totals."""
    from matplotlib.figure import Figure

    lessons = grades.lessons
    fig = Figure(figsize=(7, 0.45 * len(lessons) + 3.4), layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=[0.45 * len(lessons) + 0.6, 2.2])
    if not grades.learners:
        for ax in (top, bottom):
            ax.set_axis_off()
        top.set_title("No learners graded yet", parse_math=False)
        fig.summitkit_alt = "No learners graded yet."
        return fig
    means = {k: sum(g.lessons.get(k, 0) for g in grades.learners) / len(grades.learners) / (n or 1) for k, n in lessons.items()}
    labels = [f"{k} {grades.titles.get(k, '')}".strip() for k in lessons]
    values = [100 * means[k] for k in lessons]
    top.barh(labels[::-1], values[::-1], color="#4477aa")
    for y, v in enumerate(values[::-1]):
        top.text(v + 1, y, f"{v:.0f}%", va="center", fontsize=8, parse_math=False)
    top.set_xlim(0, 110)
    for label in top.get_yticklabels():
        label.set_parse_math(False)
    top.set_xlabel("class mean, % of the lesson's points")
    top.set_title(f"Points per lesson ({len(grades.learners)} learners)", fontsize=10)
    totals = [g.total for g in grades.learners]
    bottom.hist(
        totals,
        bins=min(20, max(round(grades.total_points), 1)),
        range=(0, max(grades.total_points, 1)),
        color="#66ccee",
        edgecolor="#333",
    )
    bottom.set_xlabel(f"total points (of {gradebook.points(grades.total_points)})")
    bottom.set_ylabel("learners")
    bottom.yaxis.get_major_locator().set_params(integer=True)
    fig.summitkit_alt = (
        "Bar chart of the class mean per lesson: "
        + "; ".join(f"{name} {v:.0f}%" for name, v in zip(labels, values))
        + f". Histogram of total points (of {gradebook.points(grades.total_points)}): lowest {min(totals):g}, highest "
        f"{max(totals):g}, {len(totals)} learners."
    )
    return fig


def plot_success(rows: list[dict]):  # -> matplotlib Figure
    """Horizontal bars: mean re-checked score per question, hardest at the top; the title names the hardest."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 0.3 * max(len(rows), 3) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    if not rows:
        ax.set_title("No answers yet in these exports")
        ax.set_axis_off()
        fig.summitkit_alt = "No answers yet."
        return fig
    shown = list(reversed(rows))
    ax.barh([r["id"] for r in shown], [100 * r["mean_score"] for r in shown], color="#4477aa")
    for label in ax.get_yticklabels():
        label.set_parse_math(False)
    for y, r in enumerate(shown):
        ax.text(
            100 * r["mean_score"] + 1,
            y,
            f"{100 * r['mean_score']:.0f}% (n={r['answered']})",
            va="center",
            fontsize=8,
            parse_math=False,
        )
    ax.set_xlim(0, 115)
    ax.set_xlabel("mean score of the learners who answered (%), checked again from the answers")
    hardest = rows[0]
    ax.set_title(
        f"Hardest for the class: {hardest['id']} ({100 * hardest['mean_score']:.0f}% mean score)", fontsize=10, parse_math=False
    )
    fig.summitkit_alt = (
        "Bar chart of the mean score per question, hardest first: "
        + "; ".join(f"{r['id']} {100 * r['mean_score']:.0f}% of {r['answered']} learners" for r in rows)
        + "."
    )
    return fig


def show(folder: Path | str | None = None) -> grading.ClassGrades | None:
    """Grade the folder (writing grades.csv, as ``run.py grade`` does) and show the report, the grades and the plots."""
    from IPython.display import HTML, display

    folder = Path(folder) if folder else default_folder()
    if not folder.is_dir():
        display(
            HTML(
                page(
                    el(
                        "p",
                        "No folder ",
                        el("code", str(folder.resolve())),
                        " yet. Create it, put the learners' exported ",
                        el("code", "summit-export-*.json"),
                        " files in it, and run this cell again.",
                    )
                )
            )
        )
        return None
    try:
        try:
            grades = gradebook.grade_folder(folder)
        except OSError as exc:  # e.g. a read-only folder: show the grades anyway, and say what could not be written
            grades = gradebook.grade_folder(folder, write=False)
            grades.problems.append(str(exc))
    except (grading.GradingError, OSError) as exc:
        display(HTML(page(el("p", "⚠ Cannot grade: ", str(exc), role="alert"))))
        return None
    display(HTML(page(report_html(grades, folder), grades_html(grades))))
    if not _matplotlib():
        display(HTML(page(el("p", OFFLINE, " The tables above hold the same numbers.", role="note", cls="summit-offline"))))
    elif grades.learners:
        display(plot_lessons(grades))
        display(plot_success([r for r in grading.question_stats(grades) if r["kind"] != "written"]))  # written: below
    return grades


# ----- What the class got wrong ---------------------------------------------------------------------------
def misconceptions_html(grades: grading.ClassGrades, top: int = 5) -> Markup:
    """Per question, hardest first: how many answered, how many were right, and the commonest wrong answers."""
    rows = [r for r in grading.question_stats(grades, top) if r["kind"] != "written"]
    if not rows:
        return el("p", "No checked answers yet.")
    body = []
    for r in rows:
        wrong = (
            el(
                "ol",
                *(el("li", _name(label), f" — {count} learner{'s' if count > 1 else ''}") for label, count in r["common_wrong"]),
            )
            if r["common_wrong"]
            else "—"
        )
        body.append(
            [
                el("span", r["id"], el("br"), el("span", clean_text(r["prompt"], 160), cls="summit-note")),
                r["answered"],
                f"{r['correct']} ({_pct(r['share_correct'])})",
                _pct(r["mean_score"]),
                wrong,
            ]
        )
    return table(
        ["Question", "Answered", "Right", "Mean score", "Commonest wrong answers (the option, pairing or date given)"],
        body,
        caption="What the class got wrong, hardest first: open the next session with the top row",
        cls="summit-table summit-grades",
    )


def show_misconceptions(grades: grading.ClassGrades | None) -> None:
    """Display :func:`misconceptions_html` (nothing to show without grades)."""
    from IPython.display import HTML, display

    if grades is not None:
        display(HTML(page(misconceptions_html(grades))))


# ----- Written work ------------------------------------------------------------------------------------------
def answer_html(learner: grading.LearnerGrade, item: grading.Answer) -> Markup:
    """One written answer as the teacher reads it: the text (never as markup), the checklist, the citations, the mark."""
    info = marks.describe_answer(item.question, item.answer)
    text = info["answer"]
    shown = text[:SHOWN_TEXT] + (
        f"\n… ({len(text) - SHOWN_TEXT:,} more characters: open the export file)" if len(text) > SHOWN_TEXT else ""
    )
    record = item.answer if isinstance(item.answer, dict) else {}
    ticks = record.get("rubric") if isinstance(record.get("rubric"), list) else []
    rubric = item.question.spec.get("rubric") or []
    checklist = el(
        "ul", *(el("li", "☑ " if i < len(ticks) and ticks[i] is True else "☐ ", point) for i, point in enumerate(rubric))
    )
    if item.mark is not None:
        mark = el(
            "p",
            el("b", f"Your mark: {gradebook.points(item.mark.score)}"),
            f" — {item.mark.comment}" if item.mark.comment else "",
        )
    else:
        mark = el("p", "Not marked yet.", cls="summit-muted")
    when = " The learner had seen the model answer before saving this." if item.after_reveal else ""
    return el(
        "div",
        el("p", el("b", _name(learner.name)), " ", el("code", learner.file), f" — {len(text.split())} words.{when}"),
        el("div", shown, dir="auto", style="white-space:pre-wrap", cls="summit-quote"),
        el("p", "Checklist ticked by the learner (self-assessed):"),
        checklist,
        el("p", "Citations: ", info["citations"]),
        mark,
        cls="summit-box",
    )


def written_answers(grades: grading.ClassGrades) -> dict[str, list[tuple[grading.LearnerGrade, grading.Answer]]]:
    """Written question id -> [(learner, answer)] for every learner who wrote something."""
    out = {q.id: [] for q in grades.questions.values() if q.kind == "written"}
    for learner in grades.learners:
        for qid, item in learner.answers.items():
            if qid in out and item.verdict not in ("empty", "unreadable"):
                out[qid].append((learner, item))
    return out


def written_html(grades: grading.ClassGrades, limit: int = 40) -> Markup:
    """The written answers, question by question (the essay too), unmarked first, folded so the page stays short.

    At most ``limit`` answers per question are put in the page (a large class's essays would make it heavy to open);
    the rest are named, to be read in the marking panel or in marks.csv.
    """
    parts = []
    for qid, answers in written_answers(grades).items():
        question = grades.questions[qid]
        marked = sum(1 for _, a in answers if a.mark is not None)
        summary = join([el("b", qid), f": {len(answers)} answer(s), {marked} marked — ", clean_text(question.prompt, 140)])
        ordered = sorted(answers, key=lambda pair: pair[1].mark is not None)
        shown = [answer_html(learner, item) for learner, item in ordered[:limit]] or ["Nobody has answered yet."]
        if len(ordered) > limit:
            rest = ", ".join(clean_text(learner.name, 40) for learner, _ in ordered[limit:])
            shown.append(
                el(
                    "p",
                    f"… and {len(ordered) - limit} more ({rest}): read and mark them in the marking panel "
                    f"below, or in {marks.MARKS_FILE} (column answer).",
                    cls="summit-note",
                )
            )
        parts.append(details(summary, *shown))
    return join(parts) if parts else el("p", "This course has no written questions.")


def show_written(grades: grading.ClassGrades | None) -> None:
    """Display :func:`written_html`."""
    from IPython.display import HTML, display

    if grades is not None:
        display(HTML(page(written_html(grades))))


TEACHER_ADVICE = "Something went wrong, so this did not finish; the details below say what and where."


def marking_panel(grades: grading.ClassGrades | None, folder: Path | str | None = None):  # -> ipywidgets.VBox | None
    """Widgets to mark written work: pick a question and a learner, read, give a score and a comment, Save.

    Saving writes ``marks.csv`` in the folder and grades the folder again, so ``grades.csv`` includes the mark.
    """
    import ipywidgets as w

    if grades is None:
        return None
    folder = Path(folder) if folder else default_folder()
    state = {"grades": grades}
    questions = [qid for qid, answers in written_answers(grades).items() if answers]
    if not questions:
        return w.HTML(str(page(el("p", "No written answers to mark yet."))))
    pick_question = w.Dropdown(options=questions, description="Question:", layout=w.Layout(width="auto"))
    pick_learner = w.Dropdown(description="Learner:", layout=w.Layout(width="auto", max_width="40em"))
    shown = w.HTML()
    score = w.Text(placeholder="1, 0.5, 3/4 or 75%", description="Score:", layout=w.Layout(width="16em"))
    comment = w.Textarea(
        placeholder="A comment for your records (optional)",
        description="Comment:",
        layout=w.Layout(width="100%", max_width="46em", height="5em"),
    )
    save = w.Button(description="Save mark", button_style="primary", tooltip="Write this mark to marks.csv and grade again")
    following = w.Button(description="Next unmarked", tooltip="Go to the next answer without a mark")
    status = alert_area()

    def current():
        pairs = written_answers(state["grades"]).get(pick_question.value, [])
        index = pick_learner.value
        return pairs[index] if index is not None and 0 <= index < len(pairs) else (None, None)

    def fill_learners(_=None) -> None:
        pairs = written_answers(state["grades"]).get(pick_question.value, [])
        pick_learner.options = [
            (f"{'✓' if a.mark else '·'} {clean_text(g.name, 60)} ({clean_text(g.file, 60)})", i) for i, (g, a) in enumerate(pairs)
        ]
        pick_learner.value = 0 if pairs else None
        fill_answer()

    def fill_answer(_=None) -> None:
        learner, item = current()
        if learner is None:
            shown.value = ""
            return
        shown.value = str(page(answer_html(learner, item)))
        score.value = "" if item.mark is None else gradebook.points(item.mark.score)
        comment.value = "" if item.mark is None else item.mark.comment

    def do_save() -> None:
        learner, item = current()
        if learner is None:
            return
        try:
            marks.set_mark(folder, learner.export, item.question, item.answer, score.value, comment.value)
        except ValueError as exc:  # a score it cannot read, a folder it cannot write: its own sentence
            show_alert(status, str(alert_html(str(exc))))
            return
        keep = (pick_question.value, pick_learner.value)
        state["grades"] = gradebook.grade_folder(folder)
        show_alert(
            status,
            str(page(el("div", f"✓ Saved in {folder / marks.MARKS_FILE}; {gradebook.GRADES_FILE} updated.", role="status"))),
        )
        pick_question.value = keep[0]
        fill_learners()
        pick_learner.value = keep[1]

    def next_unmarked() -> None:
        pairs = written_answers(state["grades"]).get(pick_question.value, [])
        start = (pick_learner.value or 0) + 1
        for i in [*range(start, len(pairs)), *range(0, start)]:
            if pairs[i][1].mark is None:
                pick_learner.value = i
                return
        show_alert(status, str(page(el("div", "Every answer to this question is marked.", role="status"))))

    pick_question.observe(
        guard(fill_learners, status, advice=TEACHER_ADVICE), names="value"
    )  # what goes wrong is said in the page
    pick_learner.observe(guard(fill_answer, status, advice=TEACHER_ADVICE), names="value")
    on_click(save, do_save, status, advice=TEACHER_ADVICE)
    on_click(following, next_unmarked, status, advice=TEACHER_ADVICE)
    fill_learners()
    box = w.VBox(
        [
            w.HBox([pick_question, pick_learner], layout=w.Layout(flex_flow="row wrap")),
            shown,
            w.HBox([score, save, following], layout=w.Layout(flex_flow="row wrap")),
            comment,
            status,
        ]
    )
    box.save_button, box.score, box.comment, box.learner, box.question, box.status = (
        save,
        score,
        comment,
        pick_learner,
        pick_question,
        status,
    )
    return box
