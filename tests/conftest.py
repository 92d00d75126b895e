"""Shared fixtures: every test gets its own progress folder; data tests get a copy of data/; a course notebook is run once
per session (``course_run``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import kernel
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def progress_home(tmp_path_factory, monkeypatch) -> Path:
    """A fresh, private progress folder (never the real ~/.summit_course)."""
    home = tmp_path_factory.mktemp("progress")
    monkeypatch.setenv("SUMMITKIT_HOME", str(home))
    return home


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of data/ that the package reads instead of the real one."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    monkeypatch.setenv("SUMMITKIT_DATA", str(target))
    return target


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the whole run, shared by the browser tests and the real-hub test (its sync API cannot be
    started twice at once in one thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def course_run(tmp_path_factory):  # -> Callable[[Path], nbformat.NotebookNode]
    """``course_run(path)``: the course notebook at ``path`` run from its own folder, once per test session, shared by every
    test that reads its outputs (``tests/kernel.py``)."""
    homes = tmp_path_factory.mktemp("course-runs")
    return lambda path: kernel.course_run(path, homes)


def pytest_terminal_summary(terminalreporter) -> None:  # a pytest hook
    """Say how many notebooks this run executed in kernels (tests/kernel.py), so a second harness or a repeated run shows."""
    if kernel.RUNS["count"]:
        terminalreporter.write_line(
            f"notebooks run in kernels: {kernel.RUNS['count']} (course notebooks: {kernel.course_runs()})"
        )
