"""Fixtures for the JupyterLite tests: the built sites (cached), served on 127.0.0.1, chromium offline.

Without what the build or the browser needs (chromium, playwright, jupyterlite-core, npm or a fetched Pyodide) the
browser tests skip with one line saying what is missing; with CI=true that is a failure.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if "litedriver" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("litedriver", HERE / "litedriver.py")
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["litedriver"] = _module
    _spec.loader.exec_module(_module)
litedriver = sys.modules["litedriver"]
lite_site = litedriver.lite_site
REPO = litedriver.REPO


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def missing_tools() -> str | None:
    """One line naming what the site's browser test lacks here, or None."""
    if litedriver.labdriver.find_chromium() is None:
        return litedriver.labdriver.NO_CHROMIUM
    for module, package in (("playwright", "playwright"), ("jupyterlite_core", "jupyterlite-core"),
                            ("jupyterlite_pyodide_kernel", "jupyterlite-pyodide-kernel")):
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
        if _in_ci():
            pytest.fail(f"{missing} (CI=true: this is a failure here, not a skip)", pytrace=False)
        pytest.skip(missing)


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
