"""Every notebook runs top to bottom headless, from its own folder and from a hub home folder (package installed from its wheel),
and is committed clean (no outputs, no execution counts)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

FOLDERS = ("notebooks", "exercises", "solutions")
NOTEBOOKS = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))


def run(path: Path, cwd: Path):  # -> nbformat.NotebookNode
    """Run a notebook with nbclient in ``cwd``; return it with its outputs."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return notebook


def errors(notebook) -> list[dict]:  # noqa: ANN001
    """The error outputs of a run notebook (tracebacks, or a data problem reported as a sentence)."""
    problems = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.get("output_type") == "stream" else ""
            if output.get("output_type") == "error" or "Traceback" in text or "Problem in the course data" in text:
                problems.append(output)
    return problems


def execute(path: Path, cwd: Path) -> list[dict]:
    """Run a notebook with nbclient in ``cwd``; return the error outputs."""
    return errors(run(path, cwd))


def printed(notebook) -> str:  # noqa: ANN001
    return "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "stream")


def test_there_are_notebooks_in_each_folder():
    for folder in FOLDERS:
        assert list((ROOT / folder).glob("*.ipynb")), folder


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_runs_top_to_bottom(path):
    assert execute(path, path.parent) == []


def test_notebook_runs_from_a_hub_home_folder_with_the_data_bundled_in_the_package(tmp_path, monkeypatch):
    """A hub image installs the package from its wheel (not from a checkout), and a learner copies a notebook into an
    empty home folder: there is no data/ to find, so the copy of data/ inside the installed package is used."""
    wheels, site, home = tmp_path / "wheels", tmp_path / "site-packages", tmp_path / "home"
    home.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("summitkit-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    bundled = site / "summitkit" / "_data"
    assert (bundled / "sources.csv").is_file() and (bundled / "figures" / "timeline.svg").is_file()
    copy = home / "01_the_sources.ipynb"
    shutil.copy(ROOT / "exercises" / "01_the_sources.ipynb", copy)
    monkeypatch.delenv("SUMMITKIT_DATA", raising=False)
    monkeypatch.setenv("PYTHONPATH", str(site))  # the installed package comes first, as on the hub image
    notebook = run(copy, home)
    assert errors(notebook) == []
    assert "Course data: summitkit/_data (" in printed(notebook)  # the bundled copy, named relative to site-packages
    # the figures built by run.py build are current in the installed package too (no matplotlib needed to show them)
    code = ("import sys; from summitkit import compare, figures, stakes, timeline; "
            "print([figures.prebuilt(n) is not None for n in sorted(figures.LESSON_FIGURES)], 'matplotlib' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], cwd=home, capture_output=True, text=True, check=True).stdout.split("]")
    assert shown[0] == "[True, True, True" and shown[1].strip() == "False"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_committed_clean(path):
    """No outputs, execution counts or saved widget state (a notebook run and saved in JupyterLab has them)."""
    from summitkit.nbfiles import is_clean

    notebook = json.loads(path.read_text(encoding="utf-8"))
    dirty = [number for number, cell in enumerate(notebook["cells"], start=1)
             if cell["cell_type"] == "code" and (cell.get("outputs") != [] or cell.get("execution_count") is not None)]
    assert is_clean(notebook) and not dirty, (
        f"{path.parent.name}/{path.name} was saved after a run (outputs in cells {dirty or 'none'}"
        f"{', widget state' if 'widgets' in notebook.get('metadata', {}) else ''}): run python3 run.py clean, "
        "which strips outputs and widget state from every notebook of the course")


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
    """Every NN_topic notebook in solutions/ has its exercise, and the other way round."""
    solutions = {p.name for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")}
    exercises = {p.name for p in (ROOT / "exercises").glob("*.ipynb")}
    assert solutions == exercises


def test_the_map_in_start_here_gives_each_lesson_its_own_time():
    """The series map (00_start_here) and each lesson's **Time:** line agree."""
    start = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in start["cells"] if c["cell_type"] == "markdown")
    for path in sorted((ROOT / "notebooks").glob("0[1-9]_*.ipynb")):
        lesson = json.loads(path.read_text(encoding="utf-8"))
        declared = re.search(r"\*\*Time:\*\* about (\d+) minutes", "".join(lesson["cells"][0]["source"])).group(1)
        row = re.search(rf"\| `{path.stem}` \|[^\n]*\| (\d+) min \|", text)
        assert row and row.group(1) == declared, f"{path.stem}: map says {row and row.group(1)} min, the lesson {declared}"
