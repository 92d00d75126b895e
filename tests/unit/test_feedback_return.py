"""The teacher's feedback goes back to the learner: run.py feedback writes a page per learner from the re-checked answers
and marks.csv; the learner loads it in the scorecard and each question shows the mark and comment. Bad files change nothing."""

from __future__ import annotations

import csv
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from classroom import Learner, all_right
from conftest import ROOT
from frontend import choose_file

from summitkit import feedback, feedback_files, gradebook, progress, quiz, scorecard


def _words(value: str) -> str:
    """What a reader sees of an HTML value: the text without tags or the stylesheet."""
    return html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", "", value, flags=re.S))


def _mark_all(folder: Path, score: str, comment: str) -> None:
    path = folder / "marks.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    for row in rows[1:]:
        row[4], row[5] = score, comment
    path.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in rows) + "\n", encoding="utf-8")


@pytest.fixture
def marked_class(tmp_path):
    """Two learners answered and exported; the teacher graded and marked the essays."""
    folder = tmp_path / "class"
    ana, ben = Learner(tmp_path / "ana"), Learner(tmp_path / "ben")
    ana.answer("05-essay", {"text": "Drive-by: 38north ¶1 and rsis ¶2.", "rubric": [True, True, False, False]})
    ana.answer("01-outlet", all_right()["01-outlet"])
    ben.answer("05-essay", {"text": "Entrance: rsis ¶5.", "rubric": [True, False, False, False]})
    ana.export(folder, "Ana <b>Lima</b>", "ana@example.edu")
    ben.export(folder, "Ben", "ben@example.edu")
    gradebook.grade_folder(folder)  # writes marks.csv with a row per essay to mark
    _mark_all(folder, "3/4", "Quote RSIS word for word (rsis ¶2).")
    return folder, ana, ben


def test_one_page_per_learner_readable_on_its_own(marked_class):
    folder, _, _ = marked_class
    pages = feedback_files.write_feedback(folder)
    assert len(pages) == 2 and all(p.parent == folder / "feedback" for p in pages)
    ana_page = next(p for p in pages if "ana" in p.name).read_text(encoding="utf-8")
    shown = html.unescape(ana_page)
    assert "Ana <b>Lima</b>" in shown and "<b>Lima</b>" not in ana_page, "the name is shown as text, never as HTML"
    assert "Quote RSIS word for word (rsis ¶2)." in shown and "0.75 of 1" in shown
    assert "01-outlet" in shown, "auto-checked answers are re-checked and listed too"
    assert "Ben" not in shown, "a learner's page holds nothing of another learner"


def test_the_command_line_writes_them(marked_class):
    folder, _, _ = marked_class
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [sys.executable, "-m", "summitkit.cli", "feedback", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Wrote 2 feedback page(s)" in done.stdout
    assert len(list((folder / "feedback").glob("feedback-*.html"))) == 2


def test_the_learner_loads_it_and_each_question_and_the_scorecard_show_it(marked_class):
    folder, ana, _ = marked_class
    pages = feedback_files.write_feedback(folder)
    page = next(p for p in pages if "ana" in p.name)
    old = ana._enter()
    try:
        card = scorecard.show()
        choose_file(card.feedback_upload, page)
        said = html.unescape(card.status.value)
        assert "Your teacher's feedback is loaded" in said
        assert "Quote RSIS word for word" in html.unescape(card.teacher.value)
        essay_question = quiz.show("05-essay")
        assert "Your teacher: 0.75 of 1. Quote RSIS word for word (rsis ¶2)." in _words(essay_question.teacher.value)
        assert quiz.show("01-outlet").teacher.value == "", "no comment, nothing shown"
    finally:
        ana._leave(old)


def test_someone_elses_feedback_is_refused_and_changes_nothing(marked_class):
    folder, ana, _ = marked_class
    pages = feedback_files.write_feedback(folder)
    bens = next(p for p in pages if "ben" in p.name)
    old = ana._enter()
    try:
        before = progress.load()
        card = scorecard.show()
        choose_file(card.feedback_upload, bens)
        assert "written for another learner" in html.unescape(card.status.value)
        assert progress.load() == before and feedback.loaded() is None
    finally:
        ana._leave(old)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"\xff\xfe\x00garbage", "damaged or is not a feedback page"),
        (b"<html><body>Hello</body></html>", "has no feedback inside"),
        (b'<script type="application/json" id="summitkit-feedback">{broken</script>', "This feedback page is damaged"),
        (b'<script type="application/json" id="summitkit-feedback">{"format": "x"}</script>', "another version of the course"),
    ],
)
def test_a_damaged_file_gets_a_sentence(tmp_path, content, said):
    path = tmp_path / "feedback-x.html"
    path.write_bytes(content)
    card = scorecard.show()
    choose_file(card.feedback_upload, path)
    assert said in html.unescape(card.status.value) and "Something went wrong" not in card.status.value


def test_a_comment_cannot_close_the_data_block_or_inject_markup():
    payload = {
        "format": feedback.FORMAT,
        "learner": "A",
        "learner_key": "k",
        "total": 0,
        "out_of": 1,
        "how": "",
        "questions": {
            "05-essay": {"earned": 0, "verdict": "saved", "mark": "to mark", "comment": "</script><script>alert(1)</script>"}
        },
    }
    text = feedback.render(payload)
    assert "<script>alert(1)" not in text
    assert feedback.parse(text.encode())["questions"]["05-essay"]["comment"] == "</script><script>alert(1)</script>"


def test_unmarked_written_work_shows_as_to_mark_never_as_zero(tmp_path):
    folder = tmp_path / "class"
    ana = Learner(tmp_path / "ana")
    ana.answer("05-essay", {"text": "Drive-by (38north ¶1).", "rubric": [True, False, False, False]})
    ana.export(folder, "Ana", "ana@example.edu")
    [page] = feedback_files.write_feedback(folder)
    data = feedback.parse(page.read_bytes())
    assert data["questions"]["05-essay"]["mark"] == "to mark"
