"""Fixtures for the real-browser tests: one JupyterLab server and one chromium page for the whole session.

The server runs on a temp copy of notebooks/, exercises/, solutions/ and data/, with its own Jupyter config,
data and runtime folders, SUMMITKIT_HOME in a temp folder (learners' saved answers) and SUMMITKIT_DATA at the
repo's data/. Without chromium every test here is skipped with one reason; with CI=true that is a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from drivers import load
from needs import skip_or_fail

HERE = Path(__file__).resolve().parent


labdriver = load("labdriver", HERE / "labdriver.py")  # importable as ``labdriver`` by the test modules

REPO = HERE.parents[1]
ARTIFACTS = REPO / "test-artifacts"
COURSE_FOLDERS = ("notebooks", "exercises", "solutions", "data")


@pytest.fixture(scope="session", autouse=True)
def chromium_path() -> str:
    """Debian's chromium; the browser tests skip without it (one reason for all), and fail in CI."""
    found = labdriver.find_chromium()
    if found is None:
        skip_or_fail(labdriver.NO_CHROMIUM, "a missing browser is a failure here, not a skip")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail("the Python package 'playwright' is missing: pip install -e '.[test]' (never 'playwright install')")
    return found


@pytest.fixture(scope="session")
def axe_js() -> Path:
    """axe-core's script from the tools cache (.ci/run installs it); the accessibility checks skip without it, and fail in CI."""
    found = labdriver.find_axe()
    if found is None:
        skip_or_fail(labdriver.NO_AXE, "a missing axe-core is a failure here, not a skip")
    return found


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> labdriver.LabServer:
    """JupyterLab on 127.0.0.1 (free port, random token) serving a temp copy of the course; stopped, kernels and all, at the end."""
    work = tmp_path_factory.mktemp("jupyterlab")
    root = work / "course"
    root.mkdir()
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in COURSE_FOLDERS:
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder, ignore=ignore)
    server = labdriver.start_lab(work, root=root, progress=work / "progress", data=REPO / "data")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path: str, playwright_session):
    chromium = playwright_session.chromium.launch(executable_path=chromium_path, args=labdriver.CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()


def _viewport() -> dict[str, int]:
    """1280×900, or SUMMIT_BROWSER_VIEWPORT=WIDTHxHEIGHT (e.g. 1024x768, to see what a small laptop shows)."""
    wanted = os.environ.get("SUMMIT_BROWSER_VIEWPORT", "1280x900")
    try:
        width, height = (int(part) for part in wanted.lower().split("x"))
    except ValueError:
        raise pytest.UsageError(f"SUMMIT_BROWSER_VIEWPORT={wanted!r}: write it like 1024x768") from None
    return {"width": width, "height": height}


@pytest.fixture(scope="session")
def lab(browser, lab_server: labdriver.LabServer) -> labdriver.LabPage:
    """One page, reused for every notebook (each open closes the last notebook and deletes every kernel)."""
    context = browser.new_context(viewport=_viewport())
    page = context.new_page()
    page.set_default_timeout(30_000)
    driver = labdriver.LabPage(page, lab_server)
    yield driver
    context.close()


@pytest.fixture(scope="session")
def browser_log(artifacts_dir: Path, browser, lab_server: labdriver.LabServer):
    """A record of what the browser tests saw, written to test-artifacts/browser_report.json at the end."""
    log: dict = {"notebooks": {}, "axe": {}, "server_start_s": round(lab_server.started_in, 2)}
    yield log
    if log["axe"]:  # what axe found per notebook (every impact), for people: test-artifacts/axe_report.json
        (artifacts_dir / "axe_report.json").write_text(json.dumps(log["axe"], indent=1, ensure_ascii=False), encoding="utf-8")
    try:
        import ipywidgets
        import jupyterlab

        versions = {"jupyterlab": jupyterlab.__version__, "ipywidgets": ipywidgets.__version__, "chromium": browser.version}
    except Exception:  # pragma: no cover - only the record is poorer
        versions = {}
    log.update(generated=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(), **versions)
    (artifacts_dir / "browser_report.json").write_text(json.dumps(log, indent=1, ensure_ascii=False), encoding="utf-8")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.failed and HERE in Path(str(item.path)).parents:
        driver = item.funcargs.get("lab") if hasattr(item, "funcargs") else None
        if isinstance(driver, labdriver.LabPage):
            driver.needs_reload = True  # whatever the failure left in the page, the next test starts clean
    return report
