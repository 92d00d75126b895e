"""The build's commands in a teacher's fork: ``run.py build`` makes clean exercises from a saved solution, ``run.py clean``
and the suite's message naming it, ``stale()`` names what an edit left out of date, the printables hold every paragraph
and question and no secret."""

from __future__ import annotations

import json
import subprocess
import sys

import answer_key
from conftest import ROOT
from fork import TEACHER, command, environment, make_fork, saved_after_a_run

from summitkit import nbfiles
from summitkit.generated import ANSWER_KEY, HANDOUT, WORKSHEET, stale, texts
from summitkit.quiz.build import exercise_name


def test_the_build_command_makes_clean_exercises_from_a_saved_solution(tmp_path):
    fork = make_fork(tmp_path / "course", in_git=False)
    path = fork / "solutions" / "01_the_sources.ipynb"
    path.write_text(json.dumps(saved_after_a_run(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
    built = command(fork, "build")
    assert built.returncode == 0, built.stderr
    exercise = (fork / "exercises" / exercise_name(path.name)).read_text(encoding="utf-8")
    assert exercise == (ROOT / "exercises" / exercise_name(path.name)).read_text(encoding="utf-8")
    assert TEACHER not in exercise and TEACHER not in (fork / "data" / "questions" / "01_the_sources.json").read_text(
        encoding="utf-8"
    )


def test_run_py_clean_strips_every_notebook_and_the_suite_says_to_run_it(tmp_path):
    fork = make_fork(tmp_path / "course", in_git=False)
    dirty = [
        fork / "solutions" / "03_stakes.ipynb",
        fork / "notebooks" / "02_timeline.ipynb",
        fork / "solutions" / "teacher_class_dashboard.ipynb",
    ]
    for path in dirty:
        path.write_text(json.dumps(saved_after_a_run(json.loads(path.read_text(encoding="utf-8"))), indent=1), encoding="utf-8")
    check = [f"tests/unit/test_notebooks.py::test_notebook_is_committed_clean[{p.parent.name}/{p.name}]" for p in dirty]
    before = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *check],
        cwd=fork,
        env=environment(fork),
        capture_output=True,
        text=True,
    )
    assert before.returncode == 1 and before.stdout.count("run python3 run.py clean") >= len(dirty), before.stdout[-3000:]
    cleaned = command(fork, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert sorted(line.split()[1] for line in cleaned.stdout.splitlines() if line.startswith("cleaned ")) == sorted(
        p.relative_to(fork).as_posix() for p in dirty
    )
    for path in dirty:
        cleaned_text = path.read_text(encoding="utf-8")
        assert nbfiles.is_clean(json.loads(cleaned_text)) and TEACHER not in cleaned_text
        assert cleaned_text == (ROOT / path.relative_to(fork)).read_text(encoding="utf-8")  # back to what was committed
    after = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *check],
        cwd=fork,
        env=environment(fork),
        capture_output=True,
        text=True,
    )
    assert after.returncode == 0, after.stdout[-2000:]
    assert "0 notebook(s) cleaned" in command(fork, "clean").stdout


def test_stale_names_what_a_solution_edit_left_out_of_date(tmp_path):
    fork = make_fork(tmp_path / "course", in_git=False)
    path = fork / "solutions" / "02_timeline.ipynb"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Which is the earliest event", "Which is the very earliest event", 1),
        encoding="utf-8",
    )
    found = stale(fork)
    assert "exercises/02_timeline.ipynb is out of date" in found or "data/questions/02_timeline.json is out of date" in found
    assert (ANSWER_KEY.as_posix() + " is out of date") in found or (WORKSHEET.as_posix() + " is out of date") in found
    (fork / "exercises" / "99_orphan.ipynb").write_text("{}", encoding="utf-8")
    assert any("99_orphan.ipynb was not made from any solution" in p for p in stale(fork))


def test_the_printables_hold_every_paragraph_and_question_and_no_secret(tmp_path):
    import oracle

    made = dict(texts(ROOT))
    handout = made[HANDOUT]
    for source in oracle.source_ids():
        count = len(oracle.paragraphs(source))
        assert f'id="{source}-{count}"' in handout and f'id="{source}-{count + 1}"' not in handout
    from summitkit.quiz import bank

    worksheet, key = made[WORKSHEET], made[ANSWER_KEY]
    assert all(f"({qid}, " in worksheet for qid in bank.entries())
    assert all(f">{qid}</span>" in key for qid in bank.entries())
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "worksheet.html").write_text(worksheet, encoding="utf-8")
    (tmp_path / "data" / "handout.html").write_text(handout, encoding="utf-8")
    assert answer_key.leaks(ROOT / "solutions", tmp_path, ("data",)) == []
    (tmp_path / "data" / "key.html").write_text(key, encoding="utf-8")  # the check can fail: the key holds the model answers
    assert answer_key.leaks(ROOT / "solutions", tmp_path, ("data",))  # its model answers
