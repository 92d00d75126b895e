"""A learner who never gets lost (issue 23): every notebook ends with links that open the next one and the map, and
asks the learner to close the notebook they finished.

The links are Markdown relative links, which JupyterLab opens in a new tab; ``notebooks/`` and ``exercises/`` are
sibling folders, so an exercise reaches a lesson through ``../notebooks/``. Exercises are generated from ``solutions/``,
so the solutions carry the same last cell (a solution's ``../notebooks/`` link works from ``solutions/`` too).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from summitkit.quiz.build import exercise_name

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = [ROOT / "exercises" / exercise_name(path.name) for path in LESSONS]
SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
CLOSE = "File → Close and Shut Down Notebook"


def _cells(path: Path) -> list[tuple[str, str]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]) for c in cells]


def _last(path: Path) -> str:
    kind, text = _cells(path)[-1]
    assert kind == "markdown", f"{path.parent.name}/{path.name} must end with a markdown cell: Next, Back to the map, close"
    return text


def _anchor(heading: str) -> str:
    """The id JupyterLab gives a Markdown heading: its text with spaces as hyphens."""
    return heading.strip().replace(" ", "-")


def _target(path: Path, href: str) -> tuple[Path, str]:
    """Where a relative link in ``path`` leads: the file (``path`` itself for ``#anchor``) and the anchor."""
    assert "://" not in href and not href.startswith("/"), f"{path.name}: {href} is not a relative link"
    file, _, anchor = href.partition("#")
    return ((path.parent / file).resolve() if file else path.resolve()), anchor


def _headings(path: Path) -> set[str]:
    return {_anchor(m) for kind, text in _cells(path) if kind == "markdown" for m in re.findall(r"^#+ (.+)$", text, re.M)}


def _links(path: Path, label: str) -> list[tuple[Path, str]]:
    """The links in the paragraph of the last cell that starts with ``**label**``."""
    paragraphs = [p for p in _last(path).split("\n\n") if p.startswith(f"**{label}")]
    assert paragraphs, f"{path.parent.name}/{path.name}: its last cell has no '{label}' paragraph"
    return [_target(path, href) for _, href in LINK.findall(paragraphs[0])]


@pytest.mark.parametrize("path", LESSONS + EXERCISES + SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_notebook_ends_with_links_that_exist(path):
    text = _last(path)
    for line in text.splitlines():
        if "Next:" in line or "Back to the map" in line:
            assert LINK.search(line), f"{path.parent.name}/{path.name}: '{line}' names a notebook without a link to it"
    assert "`exercises/" not in text and "`notebooks/" not in text, f"{path.name}: a file name in backticks instead of a link"
    back = _links(path, "Back to the map")
    assert back, f"{path.name}: 'Back to the map' has no link"
    for label in ("Next", "Back to the map"):
        for target, anchor in _links(path, label) if label == "Back to the map" or "**Next:**" in text else []:
            assert target.is_file(), f"{path.parent.name}/{path.name}: its {label} link leads to {target}, which does not exist"
            assert target.parent.name in ("notebooks", "exercises"), f"{path.name}: a learner's link must not lead to {target}"
            if anchor:
                assert anchor in _headings(target), f"{path.name}: {target.name} has no heading #{anchor}"
    assert back[0] == ((ROOT / "notebooks" / "00_start_here.ipynb").resolve(), "The-map-of-the-series")


def _next(path: Path) -> Path:
    """The notebook a learner opens by the first link after "Next:"."""
    return _links(path, "Next:")[0][0]


def test_next_links_lead_from_00_to_05_and_back_to_the_map():
    """Following the first "Next:" link from 00_start_here visits every lesson then its exercises, in order."""
    expected = [p.resolve() for pair in zip(LESSONS, EXERCISES) for p in pair]
    visited = [expected[0]]
    while "**Next:**" in _last(visited[-1]):
        visited.append(_next(visited[-1]))
        assert len(visited) <= len(expected), f"the Next links go round in a circle: {[p.name for p in visited]}"
    assert visited == expected, [f"{p.parent.name}/{p.name}" for p in visited]
    assert _links(visited[-1], "Back to the map")[0][0] == expected[0], "the last exercise leads back to the map in 00"


def test_a_link_to_a_missing_notebook_is_caught(tmp_path):
    """The check above can fail: a lesson whose Next link names a file that is not there."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    cell = {
        "cell_type": "markdown",
        "metadata": {},
        "source": "**Next:** [07 Gone](07_gone.ipynb).\n\n**Back to the map:** [00](00_start_here.ipynb)",
    }
    (folder / "06_new.ipynb").write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    target, _ = _links(folder / "06_new.ipynb", "Next:")[0]
    assert target.name == "07_gone.ipynb" and not target.is_file()


@pytest.mark.parametrize("path", LESSONS + EXERCISES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_notebook_asks_the_learner_to_close_it(path):
    text = _last(path)
    assert CLOSE in text, f"{path.parent.name}/{path.name}: the last cell must say how to close it ({CLOSE})"
    assert "saved" in text, f"{path.name}: the learner must be told that closing loses nothing"
