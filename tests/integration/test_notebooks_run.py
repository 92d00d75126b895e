"""Every notebook runs top to bottom headless, from its own folder (each run once per session and shared: the
``course_run`` fixture) and from a hub home folder (package installed from its wheel)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from kernel import errors, printed, run

FOLDERS = ("notebooks", "exercises", "solutions")
NOTEBOOKS = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_runs_top_to_bottom(path, course_run):
    assert errors(course_run(path)) == []


def test_notebook_runs_from_a_hub_home_folder_with_the_data_bundled_in_the_package(tmp_path, monkeypatch):
    """A hub image installs the package from its wheel (not from a checkout), and a learner copies a notebook into an
    empty home folder: there is no data/ to find, so the copy of data/ inside the installed package is used."""
    wheels, site, home = tmp_path / "wheels", tmp_path / "site-packages", tmp_path / "home"
    home.mkdir()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("summitkit-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    bundled = site / "summitkit" / "_data"
    assert (bundled / "sources.csv").is_file() and (bundled / "figures" / "timeline.svg").is_file()
    copy = home / "01_the_sources_exercises.ipynb"
    shutil.copy(ROOT / "exercises" / "01_the_sources_exercises.ipynb", copy)
    monkeypatch.delenv("SUMMITKIT_DATA", raising=False)
    monkeypatch.setenv("PYTHONPATH", str(site))  # the installed package comes first, as on the hub image
    notebook = run(copy, home)
    assert errors(notebook) == []
    assert "Course data: summitkit/_data (" in printed(notebook)  # the bundled copy, named relative to site-packages
    # the figures built by run.py build are current in the installed package too (no matplotlib needed to show them)
    code = (
        "import sys; from summitkit import compare, figures, stakes, timeline; "
        "print([figures.prebuilt(n) is not None for n in sorted(figures.LESSON_FIGURES)], 'matplotlib' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], cwd=home, capture_output=True, text=True, check=True).stdout.split("]")
    assert shown[0] == "[True, True, True" and shown[1].strip() == "False"
