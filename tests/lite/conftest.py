"""Fixtures for the JupyterLite tests: the built sites (cached), served on 127.0.0.1, chromium offline.

Without what the build or the browser needs (chromium, playwright, jupyterlite-core, npm or a fetched Pyodide) the
browser tests skip with one line saying what is missing; with CI=true that is a failure.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from drivers import load
from needs import skip_or_fail

HERE = Path(__file__).resolve().parent
litedriver = load("litedriver", HERE / "litedriver.py")
lite_site = litedriver.lite_site
REPO = litedriver.REPO


def missing_tools() -> str | None:
    """One line naming what the site's browser test lacks here, or None."""
    if litedriver.labdriver.find_chromium() is None:
        return litedriver.labdriver.NO_CHROMIUM
    for module, package in (
        ("playwright", "playwright"),
        ("jupyterlite_core", "jupyterlite-core"),
        ("jupyterlite_pyodide_kernel", "jupyterlite-pyodide-kernel"),
    ):
        if importlib.util.find_spec(module) is None:
            return f"the Python package {package!r} is missing: pip install -e '.[test]'"
    try:
        lite_site.pyodide_dir(fetch=False)
    except lite_site.LiteError:
        if shutil.which("npm") is None:
            return "Pyodide's core is not fetched and npm is missing: install npm, then run 'python3 run.py lite --fetch'"
    return None


@pytest.fixture(scope="session")
def lite_tools() -> None:
    """Skip (or, with CI=true, fail) the browser tests when something they need is missing."""
    missing = missing_tools()
    if missing:
        skip_or_fail(missing)


@pytest.fixture(scope="session")
def student_site(lite_tools) -> Path:
    """dist/lite, built by the real command's code (reused while its inputs are unchanged)."""
    return lite_site.build_site(REPO, lite_site.STUDENT)


@pytest.fixture(scope="session")
def teacher_site(lite_tools) -> Path:
    return lite_site.build_site(REPO, lite_site.TEACHER)


@pytest.fixture(scope="session")
def playwright_session(lite_tools):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    folder = REPO / "test-artifacts" / "lite"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
