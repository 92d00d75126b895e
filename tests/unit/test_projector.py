"""The projector view: how the class split, the misconception behind each common wrong answer, where the class and the
course's reading differ, and nothing that could expose a learner."""

from __future__ import annotations

import html
import re

import pytest
from classroom import Learner, all_right

from summitkit import gradebook, grading, projector

NAMES = ["Ana Lima", "Ben Okafor", "Chloé Martin", "Dev Patel"]


def _text(markup: object) -> str:
    return html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", str(markup), flags=re.S))


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """Four learners: three pick the same wrong claim in 05-claim, one the right one; dates typed differently."""
    root = tmp_path_factory.mktemp("projector")
    folder = root / "class"
    right = all_right()
    spec = grading.course_questions()[0]["05-claim"].spec
    wrong = next(o for o in spec["options"] if o != spec["answer"])
    dates = ["2019-05-02", "2019-05-03", "2019-05-03", "2019-04-25"]
    for n, name in enumerate(NAMES):
        learner = Learner(root / f"l{n}")
        learner.answer("05-claim", right["05-claim"] if n == 0 else wrong)
        learner.answer("01-published", dates[n])
        learner.answer("02-which-source", right["02-which-source"])
        learner.answer("05-essay", {"text": f"{name} thinks it was a drive-by (38north ¶1).", "rubric": [True]})
        if n == 0:
            learner.answer("05-sourcing", right["05-sourcing"])
        learner.export(folder, name, f"l{n}@example.edu")
    return gradebook.grade_folder(folder, write=False), wrong, spec


def test_the_split_marks_the_courses_reading_and_says_where_the_class_differs(classroom):
    grades, wrong, spec = classroom
    shown = _text(projector.view_html(grades, question="05-claim"))
    assert "4 answered" in shown
    assert "75% (3)" in shown and "25% (1)" in shown
    assert "the course's reading" in shown
    assert "The class's commonest answer differs from the course's reading" in shown and wrong in shown
    assert spec["feedback"][wrong] in shown, "the misconception is the course's own feedback for that option"


def test_no_name_no_file_and_no_written_text_ever_appear(classroom):
    grades, _, _ = classroom
    shown = str(projector.view_html(grades))
    for name in NAMES:
        assert name not in shown and name.split()[0] not in shown
    assert "summit-export-" not in shown and "@example.edu" not in shown
    assert "thinks it was a drive-by" not in shown


def test_a_question_answered_by_too_few_shows_no_split(classroom):
    grades, _, _ = classroom
    shown = _text(projector.view_html(grades, question="05-sourcing"))
    assert "1 answered" in shown and "not shown, so that no one's answer can be recognised" in shown
    assert "%" not in shown


def test_a_typed_answer_given_by_one_learner_only_is_not_shown(classroom):
    grades, _, _ = classroom
    shown = _text(projector.view_html(grades, question="01-published"))
    assert "2019-05-03" in shown, "two learners typed it: shown"
    assert "2019-04-25" not in shown, "one learner typed it: it could be recognised"


def test_a_lesson_shows_each_of_its_questions_and_a_sort_shows_each_items_split(classroom):
    grades, _, _ = classroom
    shown = _text(projector.view_html(grades, lesson="02"))
    lesson_02 = [q for q in grades.questions if q.startswith("02-")]
    for qid in lesson_02:
        assert f"question {qid}" in shown
    assert "100% (4)" in shown  # everyone sorted 02-which-source the course's way


def test_an_unknown_question_is_said_plainly(classroom):
    grades, _, _ = classroom
    assert "No question 99-nothing in this course." in _text(projector.view_html(grades, question="99-nothing"))


def test_without_grades_or_a_folder_it_says_what_to_do(tmp_path):
    assert "No class folder yet" in _text(projector.show(tmp_path / "missing"))
    assert "No class folder yet" in _text(projector.show(None)) or "learner(s)" in _text(projector.show(None))


def test_it_shows_the_dashboards_grades_without_grading_again(classroom):
    grades, _, _ = classroom
    assert "4 answered" in _text(projector.show(grades, question="05-claim"))
