"""A teacher's fork for tests: a copy of this course in a temporary folder (in git if asked), and its commands.

The copy has its own ``src/``, ``data/``, ``solutions/`` and ``tests/``; commands run with that ``src/`` first on the
path, in the copy's folder, as ``python3 run.py ...`` runs them there (the package is read from the copy, never from
this checkout). Also the valid edits a teacher makes, written the way a teacher would (a row in a CSV file, a cell in a
solution notebook).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

IGNORE = shutil.ignore_patterns(
    ".venv",
    ".git",
    "dist",
    "test-artifacts",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "*.egg-info",
    ".ipynb_checkpoints",
    "class-exports",
    ".cache",
    "bench",
)


def git(folder: Path, *args: str, check: bool = True) -> str:
    proc = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def make_fork(target: Path, in_git: bool = True) -> Path:
    """Copy the course to ``target`` (in git, with one commit on ``main``, if ``in_git``)."""
    shutil.copytree(ROOT, target, ignore=IGNORE, symlinks=True)
    results = target / "bench" / "results"  # of bench/, only what the build takes the minutes from
    results.mkdir(parents=True)
    shutil.copy2(ROOT / "bench" / "results" / "timings.json", results / "timings.json")
    shared, beside = ROOT.parent / "shared", target.parent / "shared"
    if shared.is_dir() and not beside.exists():  # the originals beside the fork too, so its text test compares (under CI it must)
        beside.symlink_to(shared, target_is_directory=True)
    if in_git:
        git(target, "init", "-q", "-b", "main")
        git(target, "config", "user.name", "A Teacher")
        git(target, "config", "user.email", "teacher@school.example")
        git(target, "add", "-A")
        git(target, "commit", "-q", "-m", "My copy of the course")
    return target


def environment(fork: Path, **extra: str) -> dict[str, str]:
    """The environment of a command run in ``fork``: its own package first, its own data (found from the folder)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SUMMITKIT_DATA", "PYTHONPATH")}
    env["PYTHONPATH"] = str(fork / "src")
    env.update(extra)
    return env


def command(fork: Path, *args: str, cwd: Path | None = None, **extra: str) -> subprocess.CompletedProcess:
    """``python3 run.py <args>`` in the fork, with this test run's Python (it has the course's packages)."""
    return subprocess.run(
        [sys.executable, "-m", "summitkit.cli", *args],
        cwd=cwd or fork,
        env=environment(fork, **extra),
        capture_output=True,
        text=True,
        timeout=600,
    )


# ----- a teacher's valid edits ----------------------------------------------------------------------------------


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def rewrite_csv(path: Path, change) -> None:  # a callable
    """Apply ``change`` to the list of row dicts of a CSV file and write it back (same columns)."""
    header, rows = _rows(path)
    change(rows)
    _write(path, header, rows)


def add_row(path: Path, row: dict[str, str]) -> None:
    header, rows = _rows(path)
    _write(path, header, [*rows, {k: row.get(k, "") for k in header}])


def change_first(path: Path, column: str, value: str) -> None:
    header, rows = _rows(path)
    rows[0][column] = value
    _write(path, header, rows)


def add_question(fork: Path, notebook: str, source: str, cell_id: str) -> None:
    """Append a code cell declaring a question to a solution notebook (before its scorecard, if it has one)."""
    path = fork / "solutions" / notebook
    data = json.loads(path.read_text(encoding="utf-8"))
    cells = data["cells"]
    at = next((i for i, c in enumerate(cells) if "## Your scorecard" in "".join(c.get("source", ""))), len(cells))
    cells.insert(
        at, {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": {}, "outputs": [], "source": source}
    )
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def replace_in_solution(fork: Path, notebook: str, old: str, new: str) -> None:
    path = fork / "solutions" / notebook
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in solutions/{notebook}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def paragraph(fork: Path, source: str, number: int) -> str:
    """Paragraph ``number`` of a text in the fork, as the course numbers them."""
    text = (fork / "data" / "sources" / f"{source}.md").read_text(encoding="utf-8")
    blocks = [" ".join(line for line in b.split("\n") if line.strip()) for b in text.split("\n\n")]
    return [b for b in blocks if b.strip() and not b.startswith("#")][number - 1]


def fresh_clone(target: Path) -> Path:
    """A git clone of this repository, with any uncommitted changes to tracked files applied (none in CI)."""
    subprocess.run(["git", "clone", "-q", "--no-local", str(ROOT), str(target)], check=True)
    diff = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=ROOT, capture_output=True, check=True).stdout
    if diff.strip():
        subprocess.run(["git", "apply", "--whitespace=nowarn"], cwd=target, input=diff, check=True)
    return target


#: The teacher's name a solution saved after a run carries (it must never reach an exercise or a learner).
TEACHER = "Teacher Tess Example"


def saved_after_a_run(notebook: dict) -> dict:
    """A solution notebook as JupyterLab saves it after Run All: outputs, counts, timings, and 540 KB of widget state."""
    saved = json.loads(json.dumps(notebook))
    for count, cell in enumerate(saved["cells"], start=1):
        cell["metadata"]["execution"] = {"iopub.execute_input": "2026-11-30T10:00:00.000Z"}
        cell["metadata"]["scrolled"] = True
        if cell["cell_type"] == "code":
            cell["execution_count"] = count
            cell["outputs"] = [
                {"output_type": "stream", "name": "stdout", "text": f"Course data: data/ — printed for {TEACHER}\n"},
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {
                        "text/html": f"<b>{TEACHER}</b>: 49 of 49",
                        "application/vnd.jupyter.widget-view+json": {
                            "model_id": f"m{count}",
                            "version_major": 2,
                            "version_minor": 0,
                        },
                    },
                },
            ]
    scorecard = {
        "model_name": "HTMLModel",
        "model_module": "@jupyter-widgets/controls",
        "model_module_version": "2.0.0",
        "state": {"value": f"<table><tr><td>{TEACHER}</td><td>49 of 49</td></tr></table>" + "x" * 4000},
    }
    saved["metadata"]["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "version_major": 2,
            "version_minor": 0,
            "state": {f"m{i}": scorecard for i in range(135)},
        }
    }
    saved["metadata"]["language_info"] = {"name": "python", "version": "3.12.1", "mimetype": "text/x-python"}
    return saved
