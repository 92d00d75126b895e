"""The student release holds everything a learner needs and no solution or answer."""

from __future__ import annotations

import zipfile

import answer_key
from conftest import ROOT

from summitkit.release import TEACHER_WORDS, build_release


def test_release_has_no_solutions_and_no_answers(tmp_path):
    folder, archive = build_release(ROOT, tmp_path)
    assert not (folder / "solutions").exists()
    names = zipfile.ZipFile(archive).namelist()
    assert not [n for n in names if "/solutions/" in n or "teacher" in n]
    for part in (
        "notebooks/00_start_here.ipynb",
        "exercises/01_the_sources_exercises.ipynb",
        "data/sources.csv",
        "data/questions/01_the_sources.json",
        "src/summitkit/__init__.py",
        "run.py",
    ):
        assert f"summit-course/{part}" in names, part
    # Course content, not the package's code (whose docstrings show made-up examples such as {"answer": "RSIS"}).
    leaks = answer_key.leaks(ROOT / "solutions", folder, ("notebooks", "exercises", "data"))
    assert [(s.notebook, s.cell, s.text[:50]) for s in leaks] == []
    assert answer_key.exercise_problems(folder) == []
    notebooks = "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.ipynb"))
    assert "# SOLUTION" not in notebooks and "<!-- solution -->" not in notebooks
    # the learners' README, not the teacher's; the package beside the notebooks (a real copy: the zip goes anywhere)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "How to hand in your work" in readme and not [w for w in TEACHER_WORDS if w in readme]
    assert (ROOT / "README.md").read_text(encoding="utf-8") != readme and "## The texts: attribution and rights" in readme
    assert (
        not (folder / "notebooks" / "summitkit").is_symlink() and (folder / "exercises" / "summitkit" / "__init__.py").is_file()
    )
    assert "summit-course/exercises/summitkit/quiz/build.py" in names
    assert not [n for n in names if n.endswith("answer-key.html") or n.startswith("summit-course/docs/")]
