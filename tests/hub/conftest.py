"""Fixtures for the real-hub test: the hub environment, a git remote, JupyterHub, three learners, chromium.

Everything is started here and stopped here, by PID, and the learners' accounts are removed, also when a test
fails. Without what a real hub needs the tests skip with one line saying what is missing; with CI=true that is a
failure (``.ci/run`` installs configurable-http-proxy).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from drivers import load
from needs import skip_or_fail

HERE = Path(__file__).resolve().parent


labdriver = load("labdriver", HERE.parent / "browser" / "labdriver.py")
hubdriver = load("hubdriver", HERE / "hubdriver.py")
LEARNERS = 3


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
        skip_or_fail("real-hub test needs " + "; ".join(gaps), "a missing piece is a failure here, not a skip")
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
    finally:
        hubdriver.stop_in_order(hub.stop, learners.remove, remote.stop)


@pytest.fixture(scope="session")
def browser(playwright_session):
    chromium = playwright_session.chromium.launch(executable_path=labdriver.find_chromium(), args=labdriver.CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()
