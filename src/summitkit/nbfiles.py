"""Notebook files as the course keeps them: no outputs, no execution counts, no saved widget state.

A notebook that was run and saved in JupyterLab carries what the run left behind: outputs, execution
counts, timings, and (in ``metadata.widgets``) the state of every widget it showed -- for a solution
notebook that can be half a megabyte, the teacher's own scorecard included. :func:`strip` takes all of
that out, whatever state the file was saved in; :func:`clean_course` does it for every notebook of the
course, in place (``python3 run.py clean``). The build and the student release strip what they copy.

>>> nb = {"cells": [{"cell_type": "code", "metadata": {"scrolled": True, "tags": ["x"]}, "source": "1",
...                  "outputs": [{"output_type": "stream", "name": "stdout", "text": "1"}], "execution_count": 3}],
...       "metadata": {"widgets": {"state": {}}, "language_info": {"name": "python", "version": "3.12.1"}}}
>>> strip(nb)["cells"][0], strip(nb)["metadata"]
({'cell_type': 'code', 'metadata': {'tags': ['x']}, 'source': '1', 'outputs': [], 'execution_count': None}, {'language_info': {'name': 'python'}})
>>> is_clean(strip(nb)), is_clean(nb)
(True, False)
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

#: Notebook metadata a run leaves behind (widget state: ipywidgets' "save widget state").
RUN_METADATA = ("widgets",)
#: Cell metadata a run or a click leaves behind (timings, scroll and collapse state).
RUN_CELL_METADATA = ("execution", "ExecuteTime", "scrolled", "collapsed")
#: The folders whose notebooks the course keeps clean.
FOLDERS = ("notebooks", "exercises", "solutions")


def strip(notebook: dict) -> dict:
    """A copy of ``notebook`` without outputs, execution counts, run metadata or widget state."""
    clean = copy.deepcopy(notebook)
    meta = clean.get("metadata")
    if isinstance(meta, dict):
        for key in RUN_METADATA:
            meta.pop(key, None)
        info = meta.get("language_info")
        if isinstance(info, dict) and "name" in info:  # the version of the Python that ran it is not part of the course
            meta["language_info"] = {"name": info["name"]}
    for cell in clean.get("cells", []):
        if not isinstance(cell, dict):
            continue
        cell_meta = cell.get("metadata")
        if isinstance(cell_meta, dict):
            for key in RUN_CELL_METADATA:
                cell_meta.pop(key, None)
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return clean


def is_clean(notebook: dict) -> bool:
    """Whether ``notebook`` is as :func:`strip` leaves it."""
    return strip(notebook) == notebook


def dumps(notebook: dict) -> str:
    """The text of a notebook file as the course writes it (one-space indent, any script kept, final newline)."""
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def course_notebooks(root: Path) -> list[Path]:
    """Every notebook in the course's notebook folders (checkpoints left out)."""
    return sorted(
        p
        for folder in FOLDERS
        for p in (root / folder).rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts and p.is_file() and not p.is_symlink()
    )


def clean_course(root: Path) -> list[Path]:
    """Strip every notebook of the course in place; return those that changed (a file that is not JSON is left alone)."""
    changed = []
    for path in course_notebooks(root):
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not is_clean(notebook):
            path.write_text(dumps(strip(notebook)), encoding="utf-8")
            changed.append(path)
    return changed


def title(path: Path) -> str:
    """A notebook's title: the first line of its first markdown cell, without the ``#`` marks (the file's stem if none)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return path.stem
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            for line in text.splitlines():
                if line.strip() and not line.lstrip().startswith("<!--"):
                    return line.lstrip("# ").strip()
    return path.stem
