"""exercises/ and data/questions/ are generated from solutions/ and hold no answer in plain text."""

from __future__ import annotations

import json
import re
import shutil

import answer_key
import pytest
from conftest import ROOT

from summitkit.quiz import build as builder
from summitkit.quiz.build import BuildError, convert


def _spec_texts() -> list[tuple[str, str]]:
    """(question id, secret text) as the build's own reading gives them: a cross-check for the raw-text reader."""
    out = []
    for qid, spec in builder.declared_specs(ROOT).items():
        texts = [spec.get("explain", ""), spec.get("model", ""), *(spec.get("feedback") or {}).values(), *spec.get("hints", [])]
        out += [(qid, t) for t in texts if len(t.strip()) >= answer_key.MIN_LENGTH]
    return out


def test_the_raw_text_reader_finds_every_secret_the_build_knows():
    """The leak check reads solutions with tokenize, not with the build; it must still find everything the build seals."""
    raw = {s.text for s in answer_key.secrets(ROOT / "solutions")}
    known = _spec_texts()
    assert known  # (not a count: a teacher may write fewer questions)
    assert [(qid, t[:60]) for qid, t in known if t not in raw] == []
    assert any("len(" in t for t in raw)  # and the # SOLUTION lines' code


def test_no_answer_key_appears_in_a_student_file():
    leaks = answer_key.leaks(ROOT / "solutions", ROOT)
    assert [(s.notebook, s.cell, s.text[:60]) for s in leaks] == []
    assert answer_key.exercise_problems(ROOT) == []


def test_the_leak_check_sees_a_cell_copied_verbatim(tmp_path):
    """The check does not depend on the build: a broken solution cell copied as it is into an exercise is caught."""
    broken = 'quiz.single("01-leak", prompt="p", options=["a", "b"], answer="a", explain="The secret reason is here."\nx = = 1'
    for folder in ("solutions", "exercises"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "01_x.ipynb").write_text(json.dumps(_notebook(broken)), encoding="utf-8")
    assert [s.text for s in answer_key.leaks(tmp_path / "solutions", tmp_path, ("exercises",))] == ["The secret reason is here."]
    assert any("answer=" in p for p in answer_key.exercise_problems(tmp_path))


def test_numeric_answers_are_not_in_exercise_notebooks():
    exercises = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "exercises").glob("*.ipynb"))
    assert "answer=" not in exercises and "# SOLUTION" not in exercises and "<!-- solution -->" not in exercises


def _notebook(*sources: str) -> dict:
    return {
        "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": s} for s in sources],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def test_convert_strips_solution_lines_and_blocks():
    exercise, entries = convert(
        _notebook(
            "x = 1 + 1  # SOLUTION\ny = 2",
            "# BEGIN SOLUTION\nfor i in range(3):\n    print(i)\n# END SOLUTION\nprint('after')",
            'quiz.code("99-c", prompt="p", answer=2, value=x)',
            'quiz.code("99-d", prompt="p", answer=2, value=len(y))',
        ),
        "99_test.ipynb",
    )
    sources = [c["source"] for c in exercise["cells"]]
    assert sources[0] == "x = ...  # your code here\ny = 2"
    assert sources[1] == "...  # your code here\nprint('after')"
    # value=x: the question reads the learner's x by name (no NameError if the cell above has not run yet), and the cell
    # imports quiz itself (it works when run first)
    assert sources[2] == 'from summitkit import quiz\n\nquiz.show("99-c")' and entries[0]["variable"] == "x"
    assert (
        sources[3] == 'from summitkit import quiz\n\nquiz.show("99-d", value=len(y))' and entries[1]["variable"] == ""
    )  # an expression is passed on
    assert entries[0]["id"] == "99-c" and "answer" not in entries[0]


def test_a_question_cell_works_when_run_first():
    """The generated question cell imports quiz itself (after its comments), so running it before the setup cell
    shows the question instead of a NameError; a cell that imports quiz already is left as it is."""
    exercise, _ = convert(
        _notebook(
            '# Practice\nquiz.single("99-a", prompt="p", options=["a", "b"], answer="a")',
            'from summitkit import quiz, reader\nquiz.single("99-b", prompt="p", options=["a", "b"], answer="a")',
            'quiz.single("99-c", prompt="p", options=["a", "b"], answer="a", in_lesson=True)\nprint(1)',
        ),
        "99_test.ipynb",
    )
    sources = [c["source"] for c in exercise["cells"]]
    assert sources[0] == '# Practice\nfrom summitkit import quiz\n\nquiz.show("99-a")'
    assert sources[1] == 'from summitkit import quiz, reader\nquiz.show("99-b")'
    assert sources[2] == "print(1)"  # a lesson question leaves the exercise: nothing to import for
    for path in (ROOT / "exercises").glob("*.ipynb"):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "code" and "quiz.show(" in text:
                assert "from summitkit import quiz" in text, f"{path.name}: {text!r}"


def test_convert_rejects_variables_and_duplicate_ids():
    with pytest.raises(BuildError, match="plain text, numbers, lists or dicts"):
        convert(_notebook('quiz.single("99-a", prompt=p, options=["a", "b"], answer="a")'), "99_test.ipynb")
    with pytest.raises(BuildError, match="used twice: 99-a"):
        convert(_notebook(*['quiz.single("99-a", prompt="p", options=["a", "b"], answer="a")'] * 2), "99_test.ipynb")
    with pytest.raises(BuildError, match="cell 1: question '99-a': 'answer' must be among the options"):
        convert(_notebook('quiz.single("99-a", prompt="p", options=["a", "b"], answer="c")'), "99_test.ipynb")


def test_a_teacher_adds_a_question_in_one_cell(tmp_path, monkeypatch):
    """Add one declaration to a solution notebook, rebuild: the exercise and the bank have it."""
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "solutions" / "01_the_sources.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].append(
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "id": "new-q",
            "source": 'quiz.single("01-new", prompt="Where is RSIS?", options=["Seoul", "Singapore"], answer="Singapore")',
        }
    )
    path.write_text(json.dumps(notebook), encoding="utf-8")
    builder.build(tmp_path)
    assert 'quiz.show(\\"01-new\\")' in (tmp_path / "exercises" / "01_the_sources_exercises.ipynb").read_text(encoding="utf-8")
    monkeypatch.setenv("SUMMITKIT_DATA", str(tmp_path / "data"))
    from summitkit import quiz

    q = quiz.show("01-new")
    q.input.value = "Singapore"
    q.check_button.click()
    assert q.last_result.verdict == "correct"


def _break_a_solution(root, source: str, notebook: str = "03_stakes.ipynb") -> int:
    """Copy solutions/ under ``root`` and insert a code cell with ``source`` into one notebook; its cell number."""
    shutil.copytree(ROOT / "solutions", root / "solutions")
    path = root / "solutions" / notebook
    data = json.loads(path.read_text(encoding="utf-8"))
    data["cells"].insert(
        4, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "id": "broken", "source": source}
    )
    path.write_text(json.dumps(data), encoding="utf-8")
    return 5


BROKEN = (
    'quiz.number("03-broken", prompt="How many?", answer=4217,\n'
    '            explain="The answer is in the broken cell."\n'
    "total = len(rows  # SOLUTION\n"
)


def test_a_solution_cell_that_is_not_python_fails_the_build_and_writes_nothing(tmp_path):
    cell = _break_a_solution(tmp_path, BROKEN)
    out = tmp_path / "out"
    with pytest.raises(
        BuildError, match=rf"solutions/03_stakes.ipynb, cell {cell}, line \d+: this code cell is not valid Python"
    ):
        builder.build(tmp_path, out)
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]


def test_the_command_line_build_fails_on_a_broken_cell(tmp_path, monkeypatch, capsys):
    cell = _break_a_solution(tmp_path, BROKEN)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "exercises").mkdir()
    before = {p: p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file()}
    monkeypatch.setenv("SUMMITKIT_DATA", str(tmp_path / "data"))
    from summitkit.cli import main

    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "Cannot build" in err and f"03_stakes.ipynb, cell {cell}, line" in err
    assert list((tmp_path / "exercises").iterdir()) == []  # no exercise written, so no answer copied
    assert {p: p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    "source,message",
    [
        ("print(total)  # SOLUTION", "line 1: '# SOLUTION' marks an assignment"),
        ("# BEGIN SOLUTION\ntotal = 4\n", "line 1: '# BEGIN SOLUTION' is never closed"),
        ("total = 4\n# END SOLUTION", "line 2: '# END SOLUTION' without"),
        ('w = quiz.single("99-x", prompt="p", options=["a", "b"], answer="a")', "line 1: write quiz.single"),
        ('if True:\n    quiz.single("99-x", prompt="p", options=["a", "b"], answer="a")', "line 2: write quiz.single"),
        ("for i in range(3):\n# BEGIN SOLUTION\n    print(i)\n# END SOLUTION", "in the exercise made from it"),
    ],
)
def test_solution_marks_the_build_cannot_apply_fail_it(source, message):
    with pytest.raises(BuildError, match=f"solutions/99_test.ipynb, cell 1.*{message}"):
        convert(_notebook(source), "99_test.ipynb")


def test_magics_in_a_solution_are_kept():
    exercise, _ = convert(_notebook("%matplotlib inline\nx = 2  # SOLUTION", "%%html\n<b>hi</b>"), "99_test.ipynb")
    assert [c["source"] for c in exercise["cells"]] == ["%matplotlib inline\nx = ...  # your code here", "%%html\n<b>hi</b>"]


def test_declared_specs_are_the_banks_questions():
    """The validated spec of every question in solutions/ is what the sealed banks give back."""
    from summitkit.quiz import bank

    specs = builder.declared_specs(ROOT)
    declared = sum(
        len(re.findall(r'(?m)^quiz\.[a-z]+\(\s*"', "".join(c["source"]) if isinstance(c["source"], list) else c["source"]))
        for path in builder.solution_notebooks(ROOT)
        for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "code"
    )
    assert len(specs) == declared > 0 and set(specs) == set(bank.entries())
    assert all(bank.get(qid) == spec for qid, spec in specs.items())
