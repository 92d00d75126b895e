"""Scorecard export, and the teacher's dashboard on a folder of real exports."""

from __future__ import annotations

import json

import pytest
from classroom import answer_as_learner
from conftest import ROOT

from summitkit import dashboard, gradebook, grading, progress, quiz, scorecard


def test_scorecard_counts_answers():
    q = quiz.show("01-outlet")
    q.input.value = "RSIS Commentaries"
    q.check_button.click()
    lessons = scorecard.by_lesson(scorecard.summary())
    in_bank = len(json.loads(next((ROOT / "data" / "questions").glob("01_*.json")).read_text(encoding="utf-8"))["questions"])
    assert lessons["01"]["answered"] == 1 and lessons["01"]["correct"] == 1 and lessons["01"]["questions"] == in_bank
    html = scorecard.table_html(scorecard.summary())
    assert "✓ correct" in html and "01-outlet" in html


def test_the_scorecard_keeps_lessons_and_exercises_apart_and_says_what_is_left():
    """Lesson 00 shows two questions: its scorecard says "2 of 2 answered here" and points to the exercise notebook,
    instead of "2.0 of 4" for the whole lesson."""
    bank = json.loads((ROOT / "data" / "questions" / "00_start_here.json").read_text(encoding="utf-8"))["questions"]
    in_lesson = [q["id"] for q in bank if q["in_lesson"]]
    in_exercise = [q["id"] for q in bank if not q["in_lesson"]]
    assert in_lesson and in_exercise
    for qid in in_lesson:
        progress.update(qid, {"kind": "single", "answer": "x", "verdict": "correct", "score": 1.0})
    rows = scorecard.summary()
    books = scorecard.by_notebook(rows)
    lesson, exercise = books["notebooks/00_start_here.ipynb"], books["exercises/00_start_here_exercises.ipynb"]
    assert (lesson["answered"], lesson["questions"], exercise["answered"], exercise["questions"]) == (
        len(in_lesson),
        len(in_lesson),
        0,
        len(in_exercise),
    )
    html = scorecard.table_html(rows, here="notebooks/00_start_here.ipynb")
    assert f"{len(in_lesson)} of {len(in_lesson)} answered here" in html
    assert f"{len(in_exercise)} more in exercises/00_start_here_exercises.ipynb" in html
    assert f"{len(in_lesson)} of {len(in_lesson)}</td>" in html and ".0 of" not in html
    for qid in in_exercise:
        progress.update(qid, {"kind": "single", "answer": "x", "verdict": "wrong", "score": 0.0})
    html = scorecard.table_html(scorecard.summary(), here="exercises/00_start_here_exercises.ipynb")
    assert (
        f"{len(in_exercise)} of {len(in_exercise)} answered here" in html
        and "Everything in notebooks/00_start_here.ipynb" in html
    )


def test_written_answers_are_counted_apart_from_the_score():
    """A written answer scores its own ticks: the scorecard keeps it out of Right and Score and says so."""
    q = quiz.show("01-outlet")
    q.input.value = "RSIS Commentaries"
    q.check_button.click()
    progress.update(
        "01-why-sourcing", {"kind": "written", "answer": {"text": "t", "rubric": [True] * 4}, "verdict": "saved", "score": 1.0}
    )
    book = scorecard.by_notebook(scorecard.summary())["exercises/01_the_sources_exercises.ipynb"]
    assert book["score"] == 0.0 and book["written_saved"] == 1 and book["written"] >= 1
    lesson = scorecard.by_notebook(scorecard.summary())["notebooks/01_the_sources.ipynb"]
    assert lesson["correct"] == 1 and lesson["score"] == 1.0
    html = scorecard.table_html(scorecard.summary())
    assert "1 of 1 saved" in html and "Written answers are not scored here" in html


def test_the_scorecard_updates_on_a_click():
    box = scorecard.show(here="notebooks/01_the_sources.ipynb")
    assert "0 of " in box.table.value
    q = quiz.show("01-outlet")
    q.input.value = "RSIS Commentaries"
    q.check_button.click()
    box.refresh.click()
    assert "1 of " in box.table.value and "answered here" in box.table.value


def test_export_needs_a_name_and_escapes_nothing_into_the_file_name(tmp_path):
    with pytest.raises(ValueError, match="Type your name"):
        scorecard.export("   ", tmp_path)
    path = scorecard.export("Ünal O’Brien <script>", tmp_path)
    assert path.name.startswith("summit-export-") and path.name.endswith("-ünal-obrien-script.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["learner"] == "Ünal O’Brien <script>" and data["format"] == "summitkit-export/3"


def test_dashboard_on_a_folder_of_real_exports(tmp_path, monkeypatch):
    exports = tmp_path / "class"
    for i, (name, right) in enumerate([("Ana", True), ("Ben", False), ("Chloé", True)]):
        answer_as_learner(tmp_path / f"home{i}", monkeypatch, right)
        scorecard.export(name, exports)
    (exports / "broken.json").write_text("{ not json", encoding="utf-8")
    (exports / "other.json").write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    grades = gradebook.grade_folder(exports)
    assert sorted(g.name for g in grades.learners) == ["Ana", "Ben", "Chloé"]
    assert dict(grades.skipped) == {
        "broken.json": "not valid JSON (line 1): damaged, or not an export",
        "other.json": "not a summit course export (expected format 'summitkit-export/3', 'summitkit-export/2' or 'summitkit-export/1')",
    }
    rows = {r["id"]: r for r in grading.question_stats(grades)}
    assert rows["01-outlet"]["answered"] == 3 and rows["01-outlet"]["correct"] == 2
    assert rows["01-published"]["mean_score"] == pytest.approx((1 + 1 + 2 / 3) / 3)
    fig = dashboard.plot_success(grading.question_stats(grades))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["01-published", "01-outlet"]  # bottom to top: hardest at the top
    assert ax.get_title().startswith("Hardest for the class: 01-outlet (67%")
    report = str(dashboard.report_html(grades, exports))
    assert "3 learner(s) graded" in report and "broken.json" in report and "Chloé" in report


def test_dashboard_missing_folder_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="put the exported .json files in one folder"):
        gradebook.grade_folder(tmp_path / "nope")


def test_progress_learner_name_is_kept(tmp_path):
    scorecard.export("Dana", tmp_path)
    assert progress.load()["learner"] == "Dana"
