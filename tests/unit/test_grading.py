"""Grading from the answers: real exports re-checked, forged claims caught, the policy, marks, grades.csv, the command."""

from __future__ import annotations

import csv
import json
import re
import secrets
import subprocess
import sys

import pytest
from classroom import Learner, all_right, edit
from conftest import ROOT

from summitkit import exports, gradebook, grading, marks
from summitkit.quiz import bank

#: The written questions (a teacher marks them): read from the course's banks, since a teacher may add one.
WRITTEN = tuple(qid for qid in bank.entries() if bank.get(qid)["kind"] == "written")


def read_grades(folder):
    with open(folder / "grades.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    return header, [dict(zip(header, row)) for row in body]


def total_column(header):
    (name,) = [h for h in header if "total" in h.lower()]
    return name


def notebook_column(header, number: str) -> str:
    """The grades column of notebook ``number`` ("Summit 01 the sources (max 12)"): its maximum is the course's, which a
    teacher's new question changes, so no test pins it."""
    (name,) = [h for h in header if h.startswith(f"Summit {number} ")]
    return name


def maximum(column: str) -> float:
    return float(re.fullmatch(r".*\(max ([\d.]+)\)", column).group(1))


@pytest.fixture(scope="module")
def right():
    return all_right()


def test_the_fingerprint_of_every_question_is_the_same_from_the_banks_and_from_solutions():
    questions, titles, source = grading.course_questions()
    assert "solutions/" in source and len(questions) == len(bank.entries())
    assert set(titles) == {q.lesson for q in questions.values()}
    for qid, question in questions.items():
        assert grading.question_fingerprint(qid) == question.fingerprint, qid


def test_a_learner_who_answers_everything_right_earns_every_point_but_the_unmarked_written_ones(tmp_path, right):
    learner = Learner(tmp_path / "home")
    learner.answers(right)
    folder = tmp_path / "class"
    learner.export(folder, "Ana Lima", "ana@example.edu")
    grades = gradebook.grade_folder(folder)
    (ana,) = grades.learners
    assert ana.total == len(right) - len(WRITTEN)
    assert not ana.flags and any("written work to mark" in n for n in ana.notes)
    lessons = grades.lessons
    assert ana.lessons == {k: n - sum(1 for w in WRITTEN if w.startswith(k)) for k, n in lessons.items()}


def test_grades_csv_round_trips_with_canvas_columns_and_what_the_answers_earn(tmp_path, right):
    folder = tmp_path / "class"
    Learner(tmp_path / "a").answers(
        {"01-outlet": "RSIS Commentaries", "01-published": "2 May 2019", "02-order": right["02-order"]}
    )
    Learner(tmp_path / "a").export(folder, "Ana Lima", "ana@example.edu")
    ben = Learner(tmp_path / "b")
    ben.answer("01-outlet", "38 North")
    ben.answer("01-published", "2019-05-20")  # right year and month: 2/3
    ben.export(folder, '=HYPERLINK("http://evil")')  # a name a spreadsheet would run as a formula
    wang = Learner(tmp_path / "c")
    wang.answer("03-match", {left: "Russia" for left in right["03-match"]})
    wang.export(folder, "王芳")
    grades = gradebook.grade_folder(folder)
    header, rows = read_grades(folder)
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert header[-2:] == ["Flags", "File"]
    total = total_column(header)
    notebooks = [h for h in header if re.match(r"Summit \d\d ", h)]
    assert re.fullmatch(r"Summit total \(max \d+\)", total) and maximum(total) == sum(map(maximum, notebooks)) > 0
    by_name = {row["Student"]: row for row in rows}
    assert set(by_name) == {"Ana Lima", '\'=HYPERLINK("http://evil")', "王芳"}
    ana, ben_row, wang_row = by_name["Ana Lima"], by_name['\'=HYPERLINK("http://evil")'], by_name["王芳"]
    assert ana["SIS Login ID"] == "ana@example.edu" and ben_row["SIS Login ID"].startswith("no-login-")  # never "(none)"
    assert "no e-mail or ID in this learner's file(s)" in ben_row["Flags"]
    first, second = notebook_column(header, "01"), notebook_column(header, "02")
    assert ana[first] == "2" and ana[second] == "1" and ana[total] == "3"
    assert ben_row[first] == "0.67" and ben_row[total] == "0.67"
    russia = sum(1 for actor in right["03-match"].values() if actor == "Russia") / len(right["03-match"])
    assert wang_row[notebook_column(header, "03")] == gradebook.points(russia)
    assert all(row["File"].startswith("summit-export-") for row in rows)
    for row in rows:  # the lesson columns add up to the total
        assert float(row[total]) == pytest.approx(sum(float(row[h]) for h in header if h.startswith("Summit 0")), abs=0.02)
    assert {g.name for g in grades.learners} == {"Ana Lima", '=HYPERLINK("http://evil")', "王芳"}


def test_forged_claims_are_caught_by_learner_and_question(tmp_path):
    folder = tmp_path / "class"
    learner = Learner(tmp_path / "home")
    learner.answer("01-outlet", "38 North")  # wrong
    learner.answer("01-paragraphs", "12")  # wrong
    learner.answer("01-lacks", ["a byline"])  # partial
    learner.answer("02-earliest", "The launch of the Six-Party Talks")  # right
    path = learner.export(folder, "Mallory")

    def forge(data):
        q = data["questions"]
        q["01-outlet"].update(verdict="correct", score=1)  # a wrong answer's verdict set to correct
        q["01-paragraphs"]["score"] = True  # score: true
        q["01-lacks"]["verdict"] = "excellent"  # a made-up verdict
        q["02-earliest"]["answer"] = ["not", "an", "option"]  # an answer of the wrong shape
        for i in range(10_000):  # made-up question ids
            q[f"99-made-up-{i}"] = {"verdict": "correct", "score": 1, "answer": "x"}

    edit(path, forge)
    grades = gradebook.grade_folder(folder)
    (mallory,) = grades.learners
    flags = " | ".join(mallory.flags)
    assert "01-outlet (file says correct 1, the answer earns wrong 0)" in flags
    assert "01-paragraphs (claims an impossible score (true))" in flags
    assert "01-lacks (claims a verdict that does not exist ('excellent'))" in flags
    assert "answers that are not of the question's kind (earn 0): 02-earliest" in flags
    assert "answers to 10,000 question(s) that are not in today's questions were skipped" in flags and "and 9,995 more" in flags
    assert mallory.answers["01-outlet"].earned == 0 and mallory.answers["01-paragraphs"].earned == 0
    assert mallory.answers["01-lacks"].earned == pytest.approx(3 / 5)  # what the answer earns, whatever the file says
    assert mallory.total == pytest.approx(0.6)
    lines = gradebook.report_lines(grades)
    assert len([line for line in lines if line.startswith("flagged")]) == 1 and path.name in lines[0]


def test_answers_after_show_answer_and_hints_count_as_the_policy_says(tmp_path):
    folder = tmp_path / "class"
    learner = Learner(tmp_path / "home")
    learner.answer("01-outlet", "38 North")  # wrong first,
    learner.reveal("01-outlet")  # then Show answer,
    learner.answer("01-outlet", "RSIS Commentaries")  # then the right answer
    learner.answer("01-published", "2019-05-02")  # right before Show answer, and right again after it
    learner.reveal("01-published")
    learner.answer("01-published", "2019-05-02")
    learner.answer("02-spot", "when Russia invited Kim", reveal_first=True)  # Show answer pressed before trying
    learner.answer("02-kremlin-date", "18 April 2019", hints=2)
    learner.export(folder, "Ana")
    grades = gradebook.grade_folder(folder)
    (ana,) = grades.learners
    assert (folder / grading.POLICY_FILE).exists()
    assert [ana.answers[q].earned for q in ("01-outlet", "01-published", "02-spot", "02-kremlin-date")] == [0, 1, 0, 1]
    flags = " | ".join(ana.flags)
    assert "answered after Show answer: 01-outlet, 01-published, 02-spot" in flags
    assert any("hints used: 02-kremlin-date ×2" in n for n in ana.notes)

    policy = folder / grading.POLICY_FILE
    text = (
        policy.read_text(encoding="utf-8-sig")
        .replace("after_reveal,0,", "after_reveal,50%,")
        .replace("per_hint,0,", "per_hint,0.25,")
    )
    policy.write_text(text, encoding="utf-8")
    (ana,) = gradebook.grade_folder(folder).learners
    assert [ana.answers[q].earned for q in ("01-outlet", "01-published", "02-spot", "02-kremlin-date")] == [0.5, 1, 0.5, 0.5]

    policy.write_text("setting,value\nafter_reveal,lots\nshow_mercy,1\n", encoding="utf-8")
    grades = gradebook.grade_folder(folder)
    assert grades.policy == grading.Policy()
    assert any("after_reveal = 'lots'" in p for p in grades.problems) and any("show_mercy" in p for p in grades.problems)


def test_a_changed_or_removed_question_is_skipped_and_an_older_export_is_graded_against_today(tmp_path):
    folder = tmp_path / "class"
    learner = Learner(tmp_path / "home")
    learner.answer("01-outlet", "RSIS Commentaries")
    learner.answer("01-paragraphs", "17")
    path = learner.export(folder, "Ana")

    def older_bank(data):
        data["questions"]["01-outlet"]["fingerprint"] = "0123456789abcdef"  # answered when the question read differently
        data["questions"]["01-retired"] = dict(data["questions"]["01-paragraphs"], fingerprint="fedcba9876543210")

    edit(path, older_bank)
    (ana,) = gradebook.grade_folder(folder).learners
    assert "01-outlet" not in ana.answers and ana.answers["01-paragraphs"].earned == 1 and ana.total == 1
    flags = " | ".join(ana.flags)
    assert "1 question(s) changed since this learner answered them, skipped" in flags and "01-outlet" in flags
    assert "not in today's questions were skipped (removed since, or made up): 01-retired" in flags

    def format_1(data):  # what today's release wrote before this version
        data["format"] = "summitkit-export/1"
        for key in ("email_or_id", "learner_key", "learner_id", "saves"):
            data.pop(key, None)
        for record in data["questions"].values():
            record.pop("fingerprint", None)

    edit(path, format_1)
    (ana,) = gradebook.grade_folder(folder).learners
    assert ana.answers["01-outlet"].earned == 1 and ana.total == 2
    assert any("older export (format 1): graded against today's questions" in n for n in ana.notes)


def _hostile_folder(folder, tmp_path):
    Learner(tmp_path / "good").answers({"01-outlet": "RSIS Commentaries"})
    good = Learner(tmp_path / "good").export(folder, "Good Learner")
    deep = '{"format": "summitkit-export/2", "questions": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    (folder / "deep.json").write_text(deep, encoding="utf-8")
    with open(folder / "huge.json", "wb") as handle:
        handle.write(b'{"format": "summitkit-export/2", "learner": "' + b"a" * (11 * 2**20) + b'"}')
    (folder / "latin1.json").write_bytes('{"format": "summitkit-export/2", "learner": "Zoë", "questions": {}}'.encode("latin-1"))
    (folder / "empty.json").write_text("", encoding="utf-8")
    (folder / "list.json").write_text("[1, 2, 3]", encoding="utf-8")
    (folder / "half-written.json").write_text('{"format": "summitkit-export/2", "questions": [1, 2]}', encoding="utf-8")
    (folder / "not-json.json").write_text("{ not json", encoding="utf-8")
    (folder / "submissions.zip").write_bytes(b"PK\x03\x04")
    data = json.loads(good.read_text(encoding="utf-8"))
    if "learner_id" in data:  # format 3: the copies below stand for other learners, with progress files of their own
        data["learner_id"] = secrets.token_hex(16)
    data["learner"] = "<img src=x onerror=alert(1)> $\\frac{1}{0}$ \u202eevil"
    data["learner_key"] = "other"
    data["questions"]["$x^{$"] = {"answer": "<script>", "verdict": "correct", "score": 1}
    (folder / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode("utf-8"))
    data["learner"] = "Utf Sixteen"
    if "learner_id" in data:
        data["learner_id"] = secrets.token_hex(16)
    (folder / "utf16.json").write_bytes(json.dumps(data).encode("utf-16"))
    data["learner"] = "Lone \ud800 Surrogate"  # json.dumps writes it as the escape \ud800: valid JSON, not encodable text
    if "learner_id" in data:
        data["learner_id"] = secrets.token_hex(16)
    data["questions"]["05-essay"] = {"answer": {"text": "half a character: \udc00", "rubric": []}}
    (folder / "evil\u202egnp.json").write_text(json.dumps(data), encoding="utf-8")
    return good


def test_hostile_files_are_skipped_with_a_reason_and_never_stop_the_rest(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    good = _hostile_folder(folder, tmp_path)
    grades = gradebook.grade_folder(folder)
    reasons = dict(grades.skipped)
    assert set(reasons) == {
        "deep.json",
        "huge.json",
        "latin1.json",
        "empty.json",
        "list.json",
        "half-written.json",
        "not-json.json",
        "submissions.zip",
    }
    assert "nested more than 32 levels deep" in reasons["deep.json"]
    assert "too large (11.0 MB" in reasons["huge.json"]
    assert "not UTF-8 text" in reasons["latin1.json"]
    assert "unzip it" in reasons["submissions.zip"]
    assert "'questions' table is missing or damaged" in reasons["half-written.json"]
    names = sorted(g.name for g in grades.learners)
    assert names == sorted(["Good Learner", "<img src=x onerror=alert(1)> $\\frac{1}{0}$ evil", "Utf Sixteen", "Lone Surrogate"])
    assert "evilgnp.json" in {g.file for g in grades.learners}  # the file's name, without its direction override
    assert all(g.total == 1 for g in grades.learners)
    bom = next(g for g in grades.learners if g.file == "bom.json")
    assert any("byte-order mark" in n for n in bom.notes) and "$x^{$" in " ".join(bom.flags)
    assert any("UTF-16" in n for g in grades.learners for n in g.notes)
    lines = gradebook.report_lines(grades)
    assert sum(line.startswith("skipped") for line in lines) == 8
    good_grade = next(g for g in grades.learners if g.file == good.name)  # neither skipped nor flagged, but for its login
    assert [f.split(":")[0] for f in good_grade.flags] == ["no e-mail or ID in this learner's file(s)"]
    assert not [line for line in lines if good.name in line and not line.startswith("flagged")]
    html = _dashboard_html(grades, folder)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html and "\u202e" not in html
    assert "<script>" not in html


def _dashboard_html(grades, folder):
    from summitkit import dashboard

    parts = [
        dashboard.report_html(grades, folder),
        dashboard.grades_html(grades),
        dashboard.misconceptions_html(grades),
        dashboard.written_html(grades),
    ]
    return "".join(str(p) for p in parts)


def test_the_figures_take_ids_and_names_with_dollars(tmp_path):
    from summitkit import dashboard, figures

    rows = [{"id": "$x^{$", "mean_score": 0.2, "answered": 3}, {"id": "01-$$", "mean_score": 0.9, "answered": 1}]
    figures.svg(dashboard.plot_success(rows))  # mathtext would raise on an unbalanced $
    folder = tmp_path / "class"
    Learner(tmp_path / "home").answer("01-outlet", "38 North")
    Learner(tmp_path / "home").export(folder, "$\\frac{$ <b>")
    grades = gradebook.grade_folder(folder)
    figures.svg(dashboard.plot_lessons(grades))


def test_two_exports_of_one_learner_and_two_learners_with_one_name(tmp_path):
    folder = tmp_path / "class"
    ana = Learner(tmp_path / "ana")
    ana.answer("01-outlet", "38 North")
    first = ana.export(folder, "Ana")
    ana.answer("01-outlet", "RSIS Commentaries")
    second = ana.export(folder, "Ana")
    edit(first, lambda d: d.update(exported="2026-01-01T10:00:00+00:00"))
    edit(second, lambda d: d.update(exported="2026-01-02T10:00:00+00:00"))
    other = Learner(tmp_path / "other-ana")  # a different learner with the same name, on another machine
    other.answer("01-outlet", "Eurasia Review")
    third = other.export(folder, "Ana")
    grades = gradebook.grade_folder(folder)
    assert sorted(g.file for g in grades.learners) == sorted([second.name, third.name])
    assert dict(grades.skipped)[first.name].startswith(f"an older export of Ana: the latest, {second.name}, is used")
    latest = next(g for g in grades.learners if g.file == second.name)
    assert latest.total == 1 and any("2 exports from this learner: the latest is used" in f for f in latest.flags)
    assert all(any("another learner with the same name" in f for f in g.flags) for g in grades.learners)

    copier = Learner(tmp_path / "copier")  # a learner who typed someone else's e-mail
    copier.answer("01-outlet", "38 North")
    edit(copier.export(folder, "Dan", "ana@example.edu"), lambda d: d.update(exported="2026-01-03T10:00:00+00:00"))
    owner = Learner(tmp_path / "owner")
    owner.answer("01-outlet", "RSIS Commentaries")
    edit(owner.export(folder, "Eve", "ana@example.edu"), lambda d: d.update(exported="2026-01-01T10:00:00+00:00"))
    grades = gradebook.grade_folder(folder)  # the later date does not push Eve out: two progress files, two learners
    dan, eve = (next(g for g in grades.learners if g.name == n) for n in ("Dan", "Eve"))
    assert all(any("the e-mail or ID ana@example.edu is also given by" in f for f in g.flags) for g in (dan, eve))
    assert eve.total == 1 and dan.total == 0

    shared = Learner(tmp_path / "shared")  # one account, two learners
    shared.answer("01-outlet", "38 North")
    shared.export(folder, "Ben")
    chloe_file = shared.export(folder, "Chloé")
    grades = gradebook.grade_folder(folder)
    if "learner_id" in json.loads(chloe_file.read_text(encoding="utf-8")):  # format 3: one progress file is one learner
        chloe = next(g for g in grades.learners if g.name == "Chloé")
        assert not [g for g in grades.learners if g.name == "Ben"]
        assert any("one progress file exported under 2 names" in f and "Ben" in f for f in chloe.flags)
    else:  # format 2 carries no learner id: told apart by name, flagged
        ben = next(g for g in grades.learners if g.name == "Ben")
        assert any("same progress file as Chloé" in f for f in ben.flags)


def test_the_commonest_wrong_answers_per_question_hardest_first(tmp_path, right):
    folder = tmp_path / "class"
    picks = [
        ("38 North", "20 May 2019"),
        ("38 North", "2019-05-20"),
        ("Eurasia Review", "2019-05-02"),
        ("RSIS Commentaries", "2019-05-02"),
    ]
    for i, (outlet, published) in enumerate(picks):
        learner = Learner(tmp_path / f"l{i}")
        learner.answer("01-outlet", outlet)
        learner.answer("01-published", published)
        lefts = list(right["01-people"])
        wrong = dict(right["01-people"], **{lefts[0]: right["01-people"][lefts[1]], lefts[1]: right["01-people"][lefts[0]]})
        learner.answer("01-people", wrong if i < 3 else right["01-people"])
        learner.answer("01-lacks", ["a byline", "section headings"])
        learner.export(folder, f"Learner {i}")
    stats = grading.question_stats(gradebook.grade_folder(folder))
    by_id = {r["id"]: r for r in stats}
    assert by_id["01-outlet"]["common_wrong"] == [("38 North", 2), ("Eurasia Review", 1)]
    assert by_id["01-published"]["common_wrong"] == [("2019-05-20", 2)]
    lefts = list(right["01-people"])
    assert (f"{lefts[0]} → {right['01-people'][lefts[1]]}", 3) in by_id["01-people"]["common_wrong"]
    assert ("ticked “section headings”", 4) in by_id["01-lacks"]["common_wrong"]
    missed = [option for option in right["01-lacks"] if option not in ("a byline", "section headings")]
    assert missed and all((f"left out “{option}”", 4) in by_id["01-lacks"]["common_wrong"] for option in missed[:2])
    means = [r["mean_score"] for r in stats]
    assert means == sorted(means) and stats[0]["id"] == "01-outlet"


def test_written_work_marked_in_marks_csv_flows_into_grades_csv(tmp_path, right):
    folder = tmp_path / "class"
    ana = Learner(tmp_path / "ana")
    ana.answer("05-essay", {"text": "Drive-by: 38north ¶1 <b>bold?</b> and rsis ¶40.", "rubric": [True, False, True, True]})
    ana.answer("02-invitation-written", {"text": "38 North says May 2018 (38north ¶2).", "rubric": [True]})
    ana.export(folder, "Ana", "ana@example.edu")
    grades = gradebook.grade_folder(folder)
    assert grades.learners[0].total == 0  # unmarked written work earns 0 by default
    book = marks.read_marks(folder)
    assert sorted(r["question"] for r in book.rows) == ["02-invitation-written", "05-essay"]
    essay = next(r for r in book.rows if r["question"] == "05-essay")
    assert essay["checklist"] == "3 of 4 ticked (1, 3, 4)" and "rsis ¶40 ✗ does not exist" in essay["citations"]
    assert essay["answer"] == "Drive-by: 38north ¶1 <b>bold?</b> and rsis ¶40."
    # The teacher types two marks and a comment in a spreadsheet, which saves with semicolons.
    text = (folder / "marks.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    for row in rows[1:]:
        row[4] = "3/4" if row[3] == "05-essay" else "50%"
        row[5] = "Good use of 38north ¶1; rsis ¶40 does not exist."
    (folder / "marks.csv").write_text("\n".join(";".join(f'"{c}"' for c in row) for row in rows), encoding="utf-8-sig")
    grades = gradebook.grade_folder(folder)
    (learner,) = grades.learners
    assert learner.answers["05-essay"].earned == 0.75 and learner.answers["02-invitation-written"].earned == 0.5
    header, csv_rows = read_grades(folder)
    assert csv_rows[0][total_column(header)] == "1.25"
    assert not any("written work to mark" in n for n in learner.notes)
    assert next(r for r in marks.read_marks(folder).rows if r["question"] == "05-essay")["comment"].startswith("Good use")

    # The learner changes the essay and exports again: the mark stays, flagged.
    ana.answer("05-essay", {"text": "A new essay (rsis ¶3).", "rubric": [True, True, True, True]})
    ana.export(folder, "Ana", "ana@example.edu")
    grades = gradebook.grade_folder(folder)
    latest = grades.learners[0]
    assert latest.answers["05-essay"].earned == 0.75
    assert any("written answer changed since you marked it: 05-essay" in f for f in latest.flags)

    (folder / "marks.csv").write_text("learner,question,score\nAna,05-essay,3\nAna,01-outlet,1\n", encoding="utf-8")
    grades = gradebook.grade_folder(folder)
    assert any("row 2: score '3' is not between 0 and 1" in p for p in grades.problems)
    assert any("row 3: '01-outlet' is not a written question" in p for p in grades.problems)


def test_set_mark_saves_a_mark_the_grades_then_use(tmp_path):
    folder = tmp_path / "class"
    ana = Learner(tmp_path / "ana")
    ana.answer("04-vantage", {"text": "Only RSIS speaks to ASEAN (rsis ¶16).", "rubric": [True, True, False, False]})
    ana.export(folder, "Ana")
    grades = gradebook.grade_folder(folder)
    learner = grades.learners[0]
    item = learner.answers["04-vantage"]
    with pytest.raises(ValueError, match="not between 0 and 1"):
        marks.set_mark(folder, learner.export, item.question, item.answer, "2", "")
    marks.set_mark(folder, learner.export, item.question, item.answer, "1", "Well argued")
    assert gradebook.grade_folder(folder).learners[0].total == 1
    assert len(marks.read_marks(folder).rows) == 1


def test_the_command_prints_one_line_per_file_skipped_or_flagged_and_exits_0(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    _hostile_folder(folder, tmp_path)
    forged = Learner(tmp_path / "m")
    forged.answer("01-outlet", "38 North")
    edit(forged.export(folder, "Mallory"), lambda d: d["questions"]["01-outlet"].update(verdict="correct", score=1))
    run = subprocess.run(
        [sys.executable, "-m", "summitkit.cli", "grade", str(folder)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    skipped = [line for line in lines if line.startswith("skipped  ")]
    flagged = [line for line in lines if line.startswith("flagged  ")]
    assert len(skipped) == 8 and any(line.startswith("skipped  deep.json: nested") for line in skipped)
    assert any("Mallory: claimed results differ from the re-check on 1 question(s): 01-outlet" in line for line in flagged)
    assert lines[-1].startswith("graded 5 learner(s)") and (folder / "grades.csv").exists()
    missing = subprocess.run(
        [sys.executable, "-m", "summitkit.cli", "grade", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert missing.returncode == 2 and "no folder" in missing.stderr


def test_a_folder_without_solutions_is_graded_against_the_question_banks(tmp_path, monkeypatch):
    import shutil

    course = tmp_path / "release"
    shutil.copytree(ROOT / "data", course / "data")
    monkeypatch.setenv("SUMMITKIT_DATA", str(course / "data"))
    folder = tmp_path / "class"
    Learner(tmp_path / "h").answer("01-outlet", "RSIS Commentaries")
    Learner(tmp_path / "h").export(folder, "Ana")
    grades = gradebook.grade_folder(folder, root=course)
    assert "question banks" in grades.source and grades.learners[0].total == 1
    assert [f for f in grades.learners[0].flags if not f.startswith("no e-mail or ID")] == []


def test_reading_an_export_is_bounded_whatever_it_holds():
    assert exports.nesting_depth("[" * 50 + "]" * 50) == 50
    assert exports.nesting_depth('["[[[[[", {"a": "}}}"}]') == 2
    assert exports.clean_text("a\u2066b\u200fc\u0000d", 10) == "abcd"
    assert exports.shown_ids([str(i) for i in range(12)], 3) == "0, 1, 2 and 9 more"


def test_grades_csv_meets_what_the_canvas_and_moodle_importers_check(tmp_path):
    """The rules the two importers apply, read from their source code (no live platform here).

    Canvas (app/models/gradebook_importer.rb): the header needs 'Student' first, 'ID' second and, after 'SIS User ID' and
    'SIS Login ID', a 'Section' column; a header ending in '(digits)' is read as an assignment id; a row whose first cell
    contains 'Points Possible' is taken for the points row; ';' is taken for the separator when it splits the first lines
    more consistently than ','. Moodle (grade/import/csv/classes/load_data.php): one identifier column maps every row to a
    user, and a row with an empty identifier is filed under the user of the row above; grades are numbers up to 100.
    """
    import re

    folder = tmp_path / "class"
    for i, (name, email) in enumerate(
        [("Ana; Lima", "ana@example.edu"), ("Points Possible Paul", ""), ("+Plus", ""), ("محمد", "m@example.edu")]
    ):
        learner = Learner(tmp_path / f"h{i}")
        learner.answer("01-outlet", "RSIS Commentaries" if i % 2 else "38 North")
        learner.export(folder, name, email)
    gradebook.grade_folder(folder)
    raw = (folder / "grades.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfStudent,")  # Moodle trims the byte-order mark; Canvas's check is 'includes Student'
    header, rows = read_grades(folder)
    assert "Student" in header[0] and "ID" in header[1] and len(header) > 3
    assert header[2:5] == ["SIS User ID", "SIS Login ID", "Section"]
    assert len(set(header)) == len(header) and all(h.strip() for h in header)
    assert not [h for h in header[5:] if re.fullmatch(r"(.*)\s\((\d+)\)", h)]
    assert not [row for row in rows if "Points Possible" in row["Student"]]
    lines = raw.decode("utf-8-sig").splitlines()[:3]
    assert len({len(next(csv.reader([line]))) for line in lines}) == 1  # Canvas picks ',' (consistent field counts)
    assert all(row["SIS Login ID"] for row in rows)  # Moodle: never an empty identifier
    grade_columns = [h for h in header if h.startswith("Summit ")]
    assert len(grade_columns) == 7
    for row in rows:
        for column in grade_columns:
            assert 0 <= float(row[column]) <= 100


def test_a_large_class_s_written_work_is_named_not_all_put_in_the_page(tmp_path):
    from summitkit import dashboard

    folder = tmp_path / "class"
    for i in range(3):
        learner = Learner(tmp_path / f"h{i}")
        learner.answer("04-vantage", {"text": f"Answer {i} (rsis ¶16).", "rubric": [True]})
        learner.export(folder, f"Learner {i}")
    html = str(dashboard.written_html(gradebook.grade_folder(folder), limit=2))
    assert html.count("Answer ") == 2 and "… and 1 more (Learner " in html and "marking panel" in html
