"""A published student branch read back with git, as a hub or Binder would: its files, its whole history, and what a
learner's copy must hold and must not (for ``test_publish.py`` and ``test_teacher_path.py``)."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

import answer_key
from fork import git

from summitkit.publish import TRAILER
from summitkit.quiz.build import exercise_name
from summitkit.release import TEACHER_WORDS


def extract(repo: Path, ref: str, target: Path) -> Path:
    """The files of ``ref`` as a checkout would write them (links stay links)."""
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", ref], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="tar")
    return target


def paths(repo: Path, ref: str) -> list[str]:
    """Every path in every commit reachable from ``ref``: the whole history a clone of it fetches."""
    objects = git(repo, "rev-list", "--objects", ref).splitlines()
    return sorted({line.split(" ", 1)[1] for line in objects if " " in line})


def assert_student_release(repo: Path, ref: str, solutions: Path, tmp_path: Path) -> Path:
    """What a learner's copy of ``ref`` must hold, and must not."""
    files = git(repo, "ls-tree", "-r", "--name-only", ref).splitlines()
    history = paths(repo, ref)
    assert not [p for p in history if p == "solutions" or p.startswith("solutions/") or p.endswith("answer-key.html")], (
        "no commit reachable from the branch holds solutions/ or the answer key"
    )
    assert not [p for p in history if p.startswith(("docs/", "tests/"))]
    for needed in (
        "README.md",
        "notebooks/00_start_here.ipynb",
        f"exercises/{exercise_name('01_the_sources.ipynb')}",
        "data/questions/01_the_sources.json",
        "data/handout.html",
        "data/worksheet.html",
        "src/summitkit/__init__.py",
        "binder/environment.yml",
        "run.py",
    ):
        assert needed in files, needed
    tree = git(repo, "ls-tree", "-r", ref).splitlines()
    links = {line.split("\t")[1] for line in tree if line.startswith("120000")}
    assert {"notebooks/summitkit", "exercises/summitkit"} <= links
    assert git(repo, "cat-file", "-p", f"{ref}:notebooks/summitkit") == "../src/summitkit"
    copy = extract(repo, ref, tmp_path / f"extracted-{ref.replace('/', '-')}")
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert "How to hand in your work" in readme and "Where your answers are saved" in readme and "## How to start" in readme
    assert not [w for w in TEACHER_WORDS if w in readme] and "For teachers" not in readme
    assert answer_key.leaks(solutions, copy) == []
    assert answer_key.exercise_problems(copy) == []
    for message in git(repo, "log", "--format=%B%x00", ref).split("\0")[:-1]:
        assert TRAILER in message
    return copy
