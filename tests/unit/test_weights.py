"""Grade weights a teacher can set (issue 22): per question or per kind in grading_policy.csv; defaults that give work
above DOK 2 its share; grades.csv, the dashboard, the feedback pages and run.py grade follow them; an unmarked written
answer shows as "to mark", never as zero; a bad weight row is named and its default kept."""

from __future__ import annotations

import csv
import html
import re

import pytest
from classroom import Learner, all_right

from summitkit import dashboard, feedback_files, gradebook, grading

ESSAY = "05-essay"


def read_grades(folder):
    with open(folder / "grades.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [dict(zip(rows[0], row)) for row in rows[1:]]


def maximum(column: str) -> float:
    return float(re.fullmatch(r".*\(max ([\d.]+)\)", column).group(1))


def column(header: list[str], start: str) -> str:
    (name,) = [h for h in header if h.startswith(start)]
    return name


def write_policy_rows(folder, *rows: str) -> None:
    """The default policy file with ``rows`` appended, as a teacher types them in a spreadsheet."""
    path = folder / grading.POLICY_FILE
    text = path.read_text(encoding="utf-8-sig") if path.exists() else "setting,value,what it means\n"
    path.write_text(text + "".join(r + "\n" for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def course():
    questions, _, _ = grading.course_questions()
    return questions


def test_the_default_weights_give_written_work_40_percent_and_the_essay_20_percent_of_todays_banks(course):
    policy = grading.Policy()
    total = sum(policy.weight(q) for q in course.values())
    written = sum(policy.weight(q) for q in course.values() if q.kind == "written")
    assert ESSAY in course and course[ESSAY].kind == "written"
    assert sum(1 for q in course.values() if q.kind == "written") > 1, "the essay is not the only written answer"
    assert written / total >= 0.40, f"written work is {written:g} of {total:g} points"
    assert policy.weight(course[ESSAY]) / total >= 0.20, f"the essay is {policy.weight(course[ESSAY]):g} of {total:g} points"


def test_lookup_is_the_question_first_then_its_kind_then_one(course):
    policy = grading.Policy(weights=(("written", 4.0), ("02-order", 7.0), (ESSAY, 20.0), ("single", 2.0)))
    other_written = next(q for q in course.values() if q.kind == "written" and q.id != ESSAY)
    single = next(q for q in course.values() if q.kind == "single")
    plain = next(q for q in course.values() if q.kind not in ("written", "single") and q.id != "02-order")
    assert policy.weight(course[ESSAY]) == 20 and policy.weight(other_written) == 4
    assert policy.weight(course["02-order"]) == 7 and policy.weight(single) == 2 and policy.weight(plain) == 1


def test_weight_rows_are_read_and_bad_ones_named_with_their_row_and_the_default_kept(tmp_path, course):
    folder = tmp_path / "class"
    folder.mkdir()
    grading.read_policy(folder, write_default=True)
    text = (folder / grading.POLICY_FILE).read_text(encoding="utf-8-sig")
    assert "weight 05-essay" in text and "weight written" in text, "the default file shows the weights a teacher edits"
    meanings = {row[0]: row[2] for row in csv.reader(text.splitlines()[1:])}
    assert "the points question 05-essay is worth" in meanings["weight 05-essay"]
    assert "the points each written question is worth" in meanings["weight written"] and "worth 1" in meanings["weight written"]
    first = len(text.splitlines()) + 1
    write_policy_rows(
        folder,
        "weight written,4",
        "weight 01-outlet,2.5",
        "weight 05-essay,-3",
        "weight 02-order,lots",
        "weight essays,9",
        "weight 09-nothing,2",
        "weight,5",
    )
    policy, problems = grading.read_policy(folder, questions=course)
    weights = dict(policy.weights)
    assert weights["written"] == 4 and weights["01-outlet"] == 2.5
    assert weights[ESSAY] == dict(grading.DEFAULT_WEIGHTS)[ESSAY], "a negative weight keeps the default"
    assert "02-order" not in weights and "essays" not in weights and "09-nothing" not in weights
    assert len(problems) == 5, problems
    for offset, words in ((2, "weight 05-essay"), (3, "weight 02-order"), (4, "weight essays"), (5, "weight 09-nothing")):
        (line,) = [p for p in problems if f"row {first + offset}:" in p]
        assert words in line and "the default is used" in line
    assert "not a number" in " ".join(problems) and "from 0 to" in " ".join(problems)


def test_grades_csv_and_its_headers_follow_the_weights_and_say_to_mark(tmp_path, course):
    folder = tmp_path / "class"
    right = all_right()
    ana = Learner(tmp_path / "ana")
    ana.answers({q: a for q, a in right.items() if q.startswith("05-") or q == "01-outlet"})
    ana.export(folder, "Ana", "ana@example.edu")
    grades = gradebook.grade_folder(folder)
    policy = grades.policy
    header, rows = read_grades(folder)
    (row,) = rows
    total = column(header, "Summit total")
    assert maximum(total) == pytest.approx(sum(policy.weight(q) for q in course.values()))
    assert maximum(column(header, "Summit 05 ")) == pytest.approx(
        sum(policy.weight(q) for q in course.values() if q.lesson == "05")
    )
    assert maximum(total) > len(course), "the default weights count written work above one point a question"
    float(row[total]), float(row[column(header, "Summit 05 ")])  # every grade cell stays a number for the LMS
    assert "written work to mark" in row["Flags"] and ESSAY in row["Flags"], "the unmarked essay is named, not zeroed"

    marks_path = folder / "marks.csv"
    marks_rows = list(csv.DictReader(marks_path.read_text(encoding="utf-8-sig").splitlines()))
    fields = list(marks_rows[0])
    for mark in marks_rows:
        if mark["question"] == ESSAY:
            mark["score"] = "3/4"
    with open(marks_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerows(marks_rows)
    write_policy_rows(folder, "weight 05-essay,40")
    grades = gradebook.grade_folder(folder)
    (learner,) = grades.learners
    essay = learner.answers[ESSAY]
    assert essay.earned == 0.75 and essay.weight == 40 and essay.points == 30, "points are the earned share x the weight"
    header, (row,) = read_grades(folder)
    lesson5 = column(header, "Summit 05 ")
    assert float(row[lesson5]) == pytest.approx(learner.lessons["05"])
    assert learner.lessons["05"] == pytest.approx(sum(a.points for q, a in learner.answers.items() if q.startswith("05-")))
    assert float(row[column(header, "Summit total")]) == pytest.approx(sum(a.points for a in learner.answers.values()))
    assert maximum(column(header, "Summit total")) == pytest.approx(sum(grades.policy.weight(q) for q in course.values()))
    assert ESSAY not in learner.to_mark


def test_the_dashboard_and_the_summary_say_how_the_total_was_made_and_what_is_to_mark(tmp_path, course):
    folder = tmp_path / "class"
    ana = Learner(tmp_path / "ana")
    ana.answers({ESSAY: all_right()[ESSAY], "01-outlet": all_right()["01-outlet"]})
    ana.export(folder, "Ana", "ana@example.edu")
    write_policy_rows(folder, "weight written,5", "weight 05-essay,30")
    grades = gradebook.grade_folder(folder)
    policy = grades.policy
    total = sum(policy.weight(q) for q in course.values())
    written = sum(policy.weight(q) for q in course.values() if q.kind == "written")
    sentence = grades.how_made()
    assert "the essay (05-essay) counts 30 points" in sentence and "each other written answer 5" in sentence
    assert f"written work is {written:g} of {total:g} points" in sentence
    report = html.unescape(str(dashboard.report_html(grades, folder)))
    assert sentence in report
    table = html.unescape(re.sub(r"<[^>]+>", " ", str(dashboard.grades_html(grades))))
    assert "to mark" in table and f"Total /{total:g}" in table
    summary = gradebook.summary(grades, folder)
    assert sentence in summary and "1 written answer(s) to mark" in summary


def test_feedback_pages_show_weighted_points_and_the_weighted_total(tmp_path, course):
    folder = tmp_path / "class"
    ana = Learner(tmp_path / "ana")
    ana.answers({ESSAY: all_right()[ESSAY], "01-outlet": all_right()["01-outlet"]})
    ana.export(folder, "Ana", "ana@example.edu")
    write_policy_rows(folder, "weight 01-outlet,3")
    grades = gradebook.grade_folder(folder)
    (learner,) = grades.learners
    payload = feedback_files.payload_for(learner, grades)
    assert payload["out_of"] == pytest.approx(grades.total_points) and payload["out_of"] > len(course)
    assert payload["questions"]["01-outlet"] == {**payload["questions"]["01-outlet"], "earned": 3, "out_of": 3}
    (page,) = feedback_files.write_feedback(folder)
    shown = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
    assert "3 / 3" in shown, "the outlet question shows its weighted points"
    assert f"to mark / {grades.policy.weight(course[ESSAY]):g}" in shown, "the unmarked essay is 'to mark', not 0"
    assert f"of {gradebook.points(grades.total_points)} points" in shown
