"""The one way the tests (and the benchmarks, through ``bench.driver``) run a notebook headless: nbclient in a real kernel.

- :func:`run` runs a notebook (a path, a dict or an nbformat node) from a folder and returns it with its outputs;
- :func:`of_cells` makes a notebook of code cells to run;
- :func:`course_run` runs a notebook of the course as it is committed, from its own folder, ONCE per test session, and
  every test that reads its outputs gets that one run (use the ``course_run`` fixture in ``conftest.py``);
- :func:`errors`, :func:`printed` and :func:`html` read a run notebook's outputs.

:data:`RUNS` counts the kernels started through here in this process (the suite's report prints it).
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

#: How many notebooks this process has run through :func:`run` (each is one kernel started).
RUNS = {"count": 0}
_COURSE: dict[Path, Any] = {}


def run(
    notebook: Any,
    cwd: Path,
    *,
    timeout: int = 180,
    allow_errors: bool = False,
    store_widget_state: bool = True,
    env: dict[str, str] | None = None,
) -> Any:
    """``notebook`` (a path, a dict or an nbformat node) run top to bottom in a python3 kernel started in ``cwd``; returned
    with its outputs (a path is read; a node or a dict is copied, never changed). ``env``: the kernel's environment
    (default: this process's)."""
    import nbformat
    from nbclient import NotebookClient

    if isinstance(notebook, (str, Path)):
        node = nbformat.read(notebook, as_version=4)
    else:
        node = nbformat.reads(json.dumps(notebook), as_version=4)  # joins list-of-lines sources; the caller's stays as it is
    node.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    client = NotebookClient(
        node,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        store_widget_state=store_widget_state,
        resources={"metadata": {"path": str(cwd)}},
    )
    RUNS["count"] += 1
    client.execute(**({"env": env} if env is not None else {}))
    return node


def of_cells(sources: list[str]) -> dict:
    """A notebook of code cells with these sources."""
    return {
        "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": s} for s in sources],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def course_run(path: Path, homes: Path) -> Any:
    """The course notebook at ``path`` run from its own folder, as committed, once per session (a copy for each caller).

    Its kernel gets a progress folder of its own under ``homes`` (never the real ~/.summit_course, never a test's) and
    the course's own data (no ``SUMMITKIT_DATA`` a test may have set).
    """
    path = Path(path).resolve()
    if path not in _COURSE:
        home = homes / f"{path.parent.name}-{path.stem}"
        home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "SUMMITKIT_DATA"}
        env["SUMMITKIT_HOME"] = str(home)
        _COURSE[path] = run(path, path.parent, env=env)
    return copy.deepcopy(_COURSE[path])


def course_runs() -> int:
    """How many course notebooks :func:`course_run` has run in this process (each once)."""
    return len(_COURSE)


def errors(notebook: Any) -> list[dict]:
    """The error outputs of a run notebook (tracebacks, or a data problem reported as a sentence)."""
    problems = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.get("output_type") == "stream" else ""
            if output.get("output_type") == "error" or "Traceback" in text or "Problem in the course data" in text:
                problems.append(output)
    return problems


def printed(notebook: Any) -> str:
    """Everything the run notebook printed (its stream outputs)."""
    return "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "stream")


def html(notebook: Any) -> str:
    """Every text/html output of the run notebook, joined."""
    return "".join(o.get("data", {}).get("text/html", "") for c in notebook.cells for o in c.get("outputs", []))
