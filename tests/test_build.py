"""exercises/ and data/questions/ are generated from solutions/ and hold no answer in plain text."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT

from summitkit.quiz import build as builder
from summitkit.quiz.build import BuildError, convert

STUDENT_FOLDERS = ("exercises", "notebooks", "data")


def test_generated_files_match_the_solutions(tmp_path):
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    written = builder.build(tmp_path)
    assert written
    for path in written:
        committed = ROOT / path.relative_to(tmp_path)
        assert committed.exists(), f"{committed} is missing: run python3 run.py build"
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{committed.relative_to(ROOT)} is stale or hand-edited: run python3 run.py build")
    generated = {p.name for p in (tmp_path / "exercises").glob("*.ipynb")}
    assert generated == {p.name for p in (ROOT / "exercises").glob("*.ipynb")}


def _secrets() -> list[tuple[str, str]]:
    """(question id, secret text) for every answer, feedback, explanation and model answer."""
    from summitkit.quiz.spec import validate

    out = []
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        for spec in map(validate, builder.declared_questions(path).values()):
            texts = [spec.get("explain", ""), spec.get("model", ""), *(spec.get("feedback") or {}).values(), *spec.get("hints", [])]
            if spec["kind"] in ("number", "code", "date"):
                texts.append(json.dumps(spec["answer"]))
            if spec["kind"] == "single":
                texts.append(json.dumps({"answer": spec["answer"]})[1:-1])
            out += [(spec["id"], t) for t in texts if t and len(t) > 3]
    return out


def _student_text() -> str:
    parts = []
    for folder in STUDENT_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".ipynb", ".json", ".csv", ".md", ".py"):
                parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def test_no_answer_key_appears_in_a_student_file():
    secrets = _secrets()
    assert len(secrets) > 20
    student = _student_text()
    leaks = [(qid, text[:60]) for qid, text in secrets if text in student and not text.isdigit()]
    assert leaks == []
    assert '"answer"' not in student.split('"questions"')[0]  # no plain answer field outside the sealed banks


def test_numeric_answers_are_not_in_exercise_notebooks():
    exercises = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "exercises").glob("*.ipynb"))
    assert "answer=" not in exercises and "# SOLUTION" not in exercises and "<!-- solution -->" not in exercises


def _notebook(*sources: str) -> dict:
    return {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": s} for s in sources],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_convert_strips_solution_lines_and_blocks():
    exercise, entries = convert(_notebook(
        "x = 1 + 1  # SOLUTION\ny = 2",
        "# BEGIN SOLUTION\nfor i in range(3):\n    print(i)\n# END SOLUTION\nprint('after')",
        'quiz.code("99-c", prompt="p", answer=2, value=x)',
    ), "99_test.ipynb")
    sources = [c["source"] for c in exercise["cells"]]
    assert sources[0] == "x = ...  # your code here\ny = 2"
    assert sources[1] == "...  # your code here\nprint('after')"
    assert sources[2] == 'quiz.show("99-c", value=x)'
    assert entries[0]["id"] == "99-c" and "answer" not in entries[0]


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
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "id": "new-q",
                              "source": 'quiz.single("01-new", prompt="Where is RSIS?", options=["Seoul", "Singapore"], answer="Singapore")'})
    path.write_text(json.dumps(notebook), encoding="utf-8")
    builder.build(tmp_path)
    assert 'quiz.show(\\"01-new\\")' in (tmp_path / "exercises" / "01_the_sources.ipynb").read_text(encoding="utf-8")
    monkeypatch.setenv("SUMMITKIT_DATA", str(tmp_path / "data"))
    from summitkit import quiz

    q = quiz.show("01-new")
    q.input.value = "Singapore"
    q.check_button.click()
    assert q.last_result.verdict == "correct"
