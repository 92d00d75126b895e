"""Saved progress survives kills mid-write, parallel writers and corrupted files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from summitkit import progress

WRITER = """
import sys
from summitkit import progress
tag, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    progress.update(f"{tag}-{i}", {"answer": "x" * 2000, "verdict": "correct", "score": 1.0})
print("done", flush=True)
"""


def _spawn(tag: str, count: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, tag, str(count)], env=env, stdout=subprocess.PIPE, text=True)


def test_update_and_record(progress_home):
    progress.update("q1", {"answer": "a", "verdict": "wrong"})
    progress.update("q1", {"answer": "b", "verdict": "correct"})
    assert progress.record("q1")["answer"] == "b" and progress.record("nope") is None
    assert json.loads((progress_home / "progress.json").read_text())["questions"]["q1"]["verdict"] == "correct"


def test_two_writers_in_parallel_lose_nothing(progress_home):
    env = {**os.environ, "SUMMITKIT_HOME": str(progress_home)}
    writers = [_spawn(tag, 60, env) for tag in ("a", "b", "c")]
    for proc in writers:
        assert proc.wait(timeout=120) == 0
    saved = progress.load()["questions"]
    assert {f"{t}-{i}" for t in "abc" for i in range(60)} <= set(saved)


def test_killed_mid_write_never_corrupts(progress_home):
    """Kill a writer at random moments, many times: the file always parses, earlier answers stay."""
    progress.update("keep-me", {"answer": "precious", "verdict": "correct"})
    env = {**os.environ, "SUMMITKIT_HOME": str(progress_home)}
    for round_ in range(25):
        proc = _spawn(f"k{round_}", 10_000, env)
        time.sleep(0.15 + (round_ % 5) * 0.04)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = json.loads((progress_home / "progress.json").read_text(encoding="utf-8"))
        assert data["questions"]["keep-me"]["answer"] == "precious"
    assert not list(progress_home.glob("progress.corrupt-*"))
    progress.update("after", {"answer": "ok"})
    assert progress.record("after")["answer"] == "ok"


def test_corrupted_file_is_set_aside_with_a_warning(progress_home):
    (progress_home / "progress.json").write_bytes(b"\x00\x01 not json at all")
    assert progress.load()["questions"] == {}
    notices = progress.take_notices()
    assert len(notices) == 1 and "could not be read" in notices[0] and "progress.corrupt-" in notices[0]
    kept = list(progress_home.glob("progress.corrupt-*.json"))
    assert kept and kept[0].read_bytes() == b"\x00\x01 not json at all"  # the old file is kept, not deleted
    progress.update("q", {"answer": 1})
    assert progress.record("q")["answer"] == 1 and progress.take_notices() == []


def test_wrong_shape_is_also_set_aside(progress_home):
    (progress_home / "progress.json").write_text('["a list, not a table"]', encoding="utf-8")
    assert progress.load()["questions"] == {}
    assert "questions" in progress.take_notices()[0]


def test_attempts_counted_by_parallel_checkers(progress_home):
    """Many processes check the same question at once: every attempt is counted."""
    code = ("import sys\nfrom summitkit import progress\n"
            "for _ in range(40):\n    progress.update('same-q', {'verdict': 'wrong'}, count='attempts')\n")
    env = {**os.environ, "SUMMITKIT_HOME": str(progress_home)}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env) for _ in range(3)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    assert progress.record("same-q")["attempts"] == 120
