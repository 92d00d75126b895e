"""Fixtures for the real-hub test: the hub environment, a git remote, JupyterHub, three learners, chromium.

Everything is started here and stopped here, by PID, and the learners' accounts are removed, also when a test
fails. Without what a real hub needs the tests skip with one line saying what is missing; with CI=true that is a
failure (``.ci/run`` installs configurable-http-proxy).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _load(name: str, path: Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


labdriver = _load("labdriver", HERE.parent / "browser" / "labdriver.py")
hubdriver = _load("hubdriver", HERE / "hubdriver.py")
LEARNERS = 3


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _missing() -> list[str]:
    gaps = hubdriver.missing()
    if labdriver.find_chromium() is None:
        gaps.append("chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        gaps.append("the Python package playwright (pip install -e '.[test]')")
    return gaps


@pytest.fixture(scope="session")
def class_on_a_hub(tmp_path_factory):
    """A running hub serving the course from a git remote, and three learners with accounts (nothing started yet for them)."""
    gaps = _missing()
    if gaps:
        message = "real-hub test needs " + "; ".join(gaps)
        if _in_ci():
            pytest.fail(message + " (CI=true: a missing piece is a failure here, not a skip)", pytrace=False)
        pytest.skip(message)
    work = tmp_path_factory.mktemp("hub")
    venv = hubdriver.hub_env()
    learners = hubdriver.Learners()
    remote = hubdriver.CourseRemote(work / "git")
    hub = hubdriver.Hub(work / "hub", venv)
    try:
        remote.start()
        learners.add(LEARNERS)
        hub.start()
        yield {"hub": hub, "remote": remote, "learners": learners, "venv": venv, "work": work}
    finally:  # each step runs even if one before it failed
        try:
            hub.stop()
        finally:
            try:
                learners.remove()
            finally:
                remote.stop()


@pytest.fixture(scope="session")
def browser(playwright_session):
    chromium = playwright_session.chromium.launch(executable_path=labdriver.find_chromium(), args=labdriver.CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()
