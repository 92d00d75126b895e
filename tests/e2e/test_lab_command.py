"""``python3 run.py lab`` in a fresh clone serves the whole course (notebooks/ and exercises/ in the file browser),
opens at notebooks/00_start_here.ipynb, works as root, and has JupyterLab's news pop-up turned off.

The clone's ``.venv`` points at this test environment (already installed by ``run.py test``), so run.py's own code
runs (its install check, the settings it writes, the command line it builds) without a second install.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from fork import fresh_clone
from needs import skip_or_fail

START = "notebooks/00_start_here.ipynb"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, token: str) -> object:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("run-lab")
    prefix = Path(sys.prefix)
    stamp = prefix / ".installed-test"
    clone = fresh_clone(tmp_path / "summit-course")
    digest = hashlib.sha256((clone / "pyproject.toml").read_bytes()).hexdigest()
    if prefix != ROOT / ".venv" or not stamp.exists() or stamp.read_text() != digest:
        skip_or_fail("the test environment is not run.py's current one: run the suite with python3 run.py test")
    (clone / ".venv").symlink_to(prefix)
    jupyter = tmp_path / "jupyter"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "SUMMITKIT", "JPY_"))}
    env.update(
        JUPYTER_CONFIG_DIR=str(jupyter / "config"),
        JUPYTER_DATA_DIR=str(jupyter / "data"),
        JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
        PYTHONUNBUFFERED="1",
    )
    port, token = free_port(), secrets.token_hex(16)
    log = tmp_path / "run-lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "run.py",
                "lab",
                "--no-browser",
                "--ServerApp.ip=127.0.0.1",
                f"--port={port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={token}",
            ],
            cwd=clone,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, f"run.py lab exited ({proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}"
            try:
                get(f"{base}/api/status", token)
                break
            except OSError:
                assert time.monotonic() < deadline, f"no answer from run.py lab:\n{log.read_text(errors='replace')[-3000:]}"
                time.sleep(0.3)
        yield {"base": base, "token": token, "log": log, "runtime": jupyter / "runtime", "clone": clone}
    finally:
        import psutil

        children = psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []
        for child in children:  # jupyter lab (and anything it started), then run.py itself
            child.send_signal(signal.SIGTERM)
        psutil.wait_procs(children, timeout=15)
        for child in children:
            if child.is_running():
                child.kill()
        if proc.poll() is None:
            proc.terminate()
        proc.wait(15)


def test_run_py_lab_serves_the_whole_course(served):
    root = get(f"{served['base']}/api/contents", served["token"])
    names = {item["name"]: item["type"] for item in root["content"]}
    assert names.get("notebooks") == "directory" and names.get("exercises") == "directory" and names.get("data") == "directory"
    lessons = {item["name"] for item in get(f"{served['base']}/api/contents/notebooks", served["token"])["content"]}
    assert {"00_start_here.ipynb", "summitkit"} <= lessons
    exercises = {item["name"] for item in get(f"{served['base']}/api/contents/exercises", served["token"])["content"]}
    assert "01_the_sources_exercises.ipynb" in exercises


def test_run_py_lab_opens_at_start_here_and_says_when_it_runs_as_root(served):
    log = served["log"].read_text(errors="replace")
    assert f"{served['base']}/lab/tree/{START}?token=" in log  # the address it prints
    opened = [p.read_text() for p in served["runtime"].glob("jpserver-*-open.html")]
    assert opened and all(f"/lab/tree/{START}" in page for page in opened)  # the page a browser would open
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    assert ("[run.py] running as root" in log) == as_root
    assert "Running as root is not recommended" not in log


def test_the_news_pop_up_is_off_in_run_py_s_environment(served):
    plugin = get(f"{served['base']}/lab/api/settings/@jupyterlab/apputils-extension:notification", served["token"])
    defaults = plugin["schema"]["properties"]
    assert defaults["fetchNews"]["default"] == "false" and defaults["checkForUpdates"]["default"] is False
