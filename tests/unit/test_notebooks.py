"""Every notebook runs top to bottom headless, from its own folder and from a hub home folder (package installed from its wheel),
and is committed clean (no outputs, no execution counts)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

from summitkit.quiz import build as builder

FOLDERS = ("notebooks", "exercises", "solutions")
NOTEBOOKS = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))


def test_there_are_notebooks_in_each_folder():
    for folder in FOLDERS:
        assert list((ROOT / folder).glob("*.ipynb")), folder


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_committed_clean(path):
    """No outputs, execution counts or saved widget state (a notebook run and saved in JupyterLab has them)."""
    from summitkit.nbfiles import is_clean

    notebook = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        number
        for number, cell in enumerate(notebook["cells"], start=1)
        if cell["cell_type"] == "code" and (cell.get("outputs") != [] or cell.get("execution_count") is not None)
    ]
    assert is_clean(notebook) and not dirty, (
        f"{path.parent.name}/{path.name} was saved after a run (outputs in cells {dirty or 'none'}"
        f"{', widget state' if 'widgets' in notebook.get('metadata', {}) else ''}): run python3 run.py clean, "
        "which strips outputs and widget state from every notebook of the course"
    )


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.parent.name == "notebooks"], ids=lambda p: p.name)
def test_lesson_has_the_skeleton(path):
    """Objectives, time and prerequisites at the top; key points and discussion questions at the end."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    text = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"]
    top, end = text[0], "\n".join(text[-2:])
    assert "**Time:**" in top and "**Prerequisites:**" in top
    assert "Objectives" in top or "What you will be able to do" in top
    assert "## Key points" in end and "## Discussion questions" in end


def test_exercises_and_solutions_are_paired():
    """Every NN_topic notebook in solutions/ has its exercise, NN_topic_exercises, and the other way round."""
    solutions = {p.name for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")}
    exercises = {p.name for p in (ROOT / "exercises").glob("*.ipynb")}
    assert {builder.exercise_name(s) for s in solutions} == exercises


def test_lesson_and_exercise_tabs_have_different_names():
    """JupyterLab's tabs show file names only: a lesson and its exercise, open side by side, must not look the same."""
    lessons = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    exercises = {p.name for p in (ROOT / "exercises").glob("*.ipynb")}
    assert lessons and exercises and not lessons & exercises
    assert all(name.endswith("_exercises.ipynb") for name in exercises)


_PACKAGE_NAMES = ("quiz", "reader", "stakes", "compare", "essay", "timeline", "textstats", "sourcing", "scorecard", "notes")


def _missing_imports(code: str) -> list[str]:
    """The course names a cell uses (``quiz.``, ``reader.``, ``sk.``, ``HTML(``...) without importing them itself."""
    body = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith("#"))
    imported = {
        name.strip() for m in re.finditer(r"^\s*from summitkit import ([\w, ]+)", body, re.M) for name in m.group(1).split(",")
    }
    imported |= {"sk"} if re.search(r"^\s*import summitkit as sk\b", body, re.M) else set()
    imported |= {"HTML"} if re.search(r"^\s*from IPython\.display import HTML\b", body, re.M) else set()
    used = {name for name in _PACKAGE_NAMES if re.search(rf"(?<![\w.]){name}\.", body)}
    used |= {"sk"} if re.search(r"(?<![\w.])sk\.", body) else set()
    used |= {"HTML"} if re.search(r"(?<![\w.])HTML\(", body) else set()
    return sorted(used - imported)


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.parent.name in ("notebooks", "exercises")], ids=lambda p: p.name)
def test_every_cell_imports_what_it_uses(path):
    """A learner runs a cell after a restart, or before the first one: it must not fail with a NameError for a course name."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    missing = [
        (number, _missing_imports("".join(c["source"]))) for number, c in enumerate(cells, start=1) if c["cell_type"] == "code"
    ]
    assert [(n, m) for n, m in missing if m] == []
