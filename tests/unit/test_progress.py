"""Saved progress survives kills mid-write, parallel writers and corrupted files."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


# A writer that announces, on its stdout, every answer the store acknowledged, and stops inside
# its Nth write (at the stage named) until it is killed: the kill lands in the middle of a write.
PAUSING_WRITER = """
import sys, time
from summitkit import progress
tag, pause_at, stage = sys.argv[1], int(sys.argv[2]), sys.argv[3]
writes = 0
def hook(where, tmp):
    global writes
    if where == "opened":
        writes += 1
    if writes == pause_at and where == stage:
        print("in-write", where, tmp, tmp.stat().st_size, flush=True)
        time.sleep(600)
progress.write_hook = hook
for i in range(10_000):
    progress.update(f"{tag}-{i}", {"answer": "x" * 2000, "verdict": "correct", "score": 1.0})
    print("acked", f"{tag}-{i}", flush=True)
"""
STAGES = ("opened", "half-written", "written")


def _pause_in_write(tag: str, pause_at: int, stage: str, env: dict) -> tuple[subprocess.Popen, list[str], Path, int]:
    """Start a writer and wait until it stops inside a write: (process, acknowledged ids, its temporary file, bytes in it)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", PAUSING_WRITER, tag, str(pause_at), stage], env=env, stdout=subprocess.PIPE, text=True
    )
    acked = []
    for line in proc.stdout:
        word, *rest = line.split()
        if word == "acked":
            acked.append(rest[0])
        elif word == "in-write":
            assert rest[0] == stage
            return proc, acked, Path(rest[1]), int(rest[2])
    raise AssertionError(f"writer {tag} ended without reaching write {pause_at} (exit {proc.wait()})")


def _temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.tmp"))


def test_killed_mid_write_never_corrupts_or_leaves_files(progress_home):
    """30 rounds, each killing a writer inside a write (at the moment the temporary file is opened, half
    written, or complete but not yet renamed), after 1 to 5 acknowledged writes: every round proves a write
    was in progress, the file still parses, every acknowledged answer stays, and no temporary file remains."""
    progress.update("keep-me", {"answer": "precious", "verdict": "correct"})
    env = {**os.environ, "SUMMITKIT_HOME": str(progress_home)}
    rounds = []
    for round_ in range(30):
        stage, pause_at = STAGES[round_ % 3], 1 + round_ % 5
        proc, acked, tmp, size = _pause_in_write(f"k{round_}", pause_at, stage, env)
        before = (progress_home / "progress.json").read_bytes()
        # The write is in progress: its temporary file exists, and (unless just opened) holds part or all of the new file.
        assert tmp.exists() and tmp.parent == progress_home and len(acked) == pause_at - 1
        assert (size == 0) if stage == "opened" else (0 < size < len(before) + 4000)
        if stage == "written":
            assert json.loads(tmp.read_bytes())["questions"][f"k{round_}-{pause_at - 1}"]["answer"] == "x" * 2000
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
        data = json.loads((progress_home / "progress.json").read_text(encoding="utf-8"))  # the file still parses
        assert (progress_home / "progress.json").read_bytes() == before  # the killed write did not land, even in part
        assert data["questions"]["keep-me"]["answer"] == "precious"
        assert all(data["questions"][qid]["answer"] == "x" * 2000 for acked_round in rounds for qid in acked_round)
        assert all(qid in data["questions"] for qid in acked) and f"k{round_}-{pause_at - 1}" not in data["questions"]
        assert _temporaries(progress_home) == [tmp]  # the killed writer's file, until the next reader or writer
        assert progress.load()["questions"]["keep-me"]["answer"] == "precious"
        assert _temporaries(progress_home) == []  # ... which removes it, under the lock
        rounds.append(acked)
    assert sum(len(a) for a in rounds) == sum(1 + r % 5 for r in range(30)) - 30
    assert not list(progress_home.glob("progress.corrupt-*"))
    progress.update("after", {"answer": "ok"})
    assert progress.record("after")["answer"] == "ok" and _temporaries(progress_home) == []


def test_a_writer_killed_holding_the_lock_does_not_block_or_litter(progress_home):
    """A writer killed mid-write while another waits for the lock: the other goes on, and clears the leftover."""
    env = {**os.environ, "SUMMITKIT_HOME": str(progress_home)}
    paused, _, tmp, _ = _pause_in_write("held", 2, "half-written", env)
    waiting = _spawn("waiter", 3, env)
    time.sleep(0.5)
    assert waiting.poll() is None  # it waits for the lock the paused writer holds
    paused.send_signal(signal.SIGKILL)
    paused.wait()
    assert waiting.wait(timeout=60) == 0 and waiting.stdout.read().strip() == "done"
    saved = progress.load()["questions"]
    assert {"held-0", "waiter-0", "waiter-1", "waiter-2"} <= set(saved) and "held-1" not in saved
    assert not tmp.exists() and _temporaries(progress_home) == []


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
    code = (
        "import sys\nfrom summitkit import progress\n"
        "for _ in range(40):\n    progress.update('same-q', {'verdict': 'wrong'}, count='attempts')\n"
    )
    env = {**os.environ, "SUMMITKIT_HOME": str(progress_home)}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env) for _ in range(3)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    assert progress.record("same-q")["attempts"] == 120


# ----- text that cannot be encoded, odd values, links and byte-order marks -------------------
def test_text_that_cannot_be_encoded_is_kept_exactly(progress_home):
    """A lone surrogate (pasted from a damaged document) is saved as a JSON escape and comes back exactly."""
    damaged = "rsis ¶3 \ud800 and \udcff, a NUL \x00 and 😀"
    progress.update("q", {"answer": damaged, "verdict": "wrong"})
    assert progress.record("q")["answer"] == damaged
    raw = (progress_home / "progress.json").read_bytes()
    raw.decode("utf-8")  # the file is valid UTF-8 ...
    assert b"\\ud800" in raw and "😀".encode() in raw  # ... with the surrogates escaped, the rest as it is
    assert _temporaries(progress_home) == []
    progress.set_learner("Dana \udc80")
    assert progress.load()["learner"] == "Dana \udc80"


def test_values_from_code_are_kept_as_plain_numbers(progress_home):
    import numpy as np

    progress.update("q", {"answer": np.int64(13), "score": np.float64(0.5), "list": (1, np.int32(2)), 3: b"\xff"})
    saved = progress.record("q")
    assert saved["answer"] == 13 and type(saved["answer"]) is int and saved["score"] == 0.5 and saved["list"] == [1, 2]
    assert saved["3"] == "\udcff" and saved["3"].encode("utf-8", "surrogateescape") == b"\xff"  # bytes, reversibly
    progress.update("huge", {"answer": 10**5000})  # too long to write as digits: described, not a crash
    assert "5001 digits" in progress.record("huge")["answer"]
    loop: list = []
    loop.append(loop)
    progress.update("loop", {"answer": loop})
    assert progress.record("loop")["answer"] == ["(contains itself)"]


def test_a_symlinked_progress_file_is_written_through(progress_home, tmp_path):
    real = tmp_path / "elsewhere" / "answers.json"
    real.parent.mkdir()
    progress.update("q1", {"answer": "a"})
    (progress_home / "progress.json").rename(real)
    (progress_home / "progress.json").symlink_to(real)
    progress.update("q2", {"answer": "b"})
    assert (progress_home / "progress.json").is_symlink()  # the link stays a link ...
    assert set(json.loads(real.read_text())["questions"]) == {"q1", "q2"}  # ... and its target holds the answers
    assert _temporaries(real.parent) == [] and _temporaries(progress_home) == []


def test_a_symlink_to_a_missing_file_creates_it_and_a_loop_is_explained(progress_home, tmp_path):
    target = tmp_path / "new.json"
    (progress_home / "progress.json").symlink_to(target)
    progress.update("q", {"answer": "a"})
    assert json.loads(target.read_text())["questions"]["q"]["answer"] == "a"
    (progress_home / "progress.json").unlink()
    (progress_home / "progress.json").symlink_to(progress_home / "progress.json")
    with pytest.raises(progress.ProgressError, match="circle"):
        progress.update("q", {"answer": "a"})
    assert progress.load()["questions"] == {} and "circle" in progress.take_notices()[0]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_file_with_a_byte_order_mark_is_read(progress_home, encoding):
    text = json.dumps(
        {"version": 1, "learner": "Ана", "questions": {"q": {"answer": "Владивосток", "attempts": 2}}}, ensure_ascii=False
    )
    (progress_home / "progress.json").write_bytes(text.encode(encoding))
    assert progress.record("q")["answer"] == "Владивосток" and progress.take_notices() == []
    progress.update("q", {"verdict": "correct"}, count="attempts")
    assert progress.record("q")["attempts"] == 3 and progress.load()["learner"] == "Ана"
    assert not list(progress_home.glob("progress.corrupt-*"))


# ----- records of the wrong shape --------------------------------------------------------
def test_records_of_the_wrong_shape_are_set_aside_and_the_rest_kept(progress_home):
    bad = {
        "as-list": ["a", "b"],
        "bad-attempts": {"answer": "x", "attempts": "many"},
        "bad-score": {"answer": "y", "score": 7},
        "bool-hints": {"hints": True},
    }
    good = {"fine": {"answer": {"any": ["shape"]}, "attempts": 2, "score": 0.5, "verdict": "partial", "extra": "kept"}}
    (progress_home / "progress.json").write_text(
        json.dumps({"version": 1, "learner": ["not text"], "questions": {**bad, **good}})
    )
    data = progress.load()
    assert data["questions"] == good and data["learner"] == ""
    notices = progress.take_notices()
    assert len(notices) == 1 and "put aside" in notices[0] and "as-list" in notices[0] and "set_aside" in notices[0]
    kept = json.loads((progress_home / "progress.json").read_text())
    assert {item["id"]: item["record"] for item in kept["set_aside"]} == {**bad, "learner": ["not text"]}
    assert all(item["reason"] for item in kept["set_aside"])
    progress.load()
    assert progress.take_notices() == []  # told once
    progress.update("bad-attempts", {"answer": "new"}, count="attempts")
    assert progress.record("bad-attempts") == {**progress.record("bad-attempts"), "answer": "new", "attempts": 1}


def test_the_widget_layer_can_set_one_record_aside(progress_home):
    progress.update("q", {"kind": "single", "answer": ["changed", "kind"]})
    progress.update("other", {"answer": "stays"})
    assert progress.set_aside("q", "the question is now a single choice") is True
    assert progress.record("q") is None and progress.record("other")["answer"] == "stays"
    notice = progress.take_notices()
    assert len(notice) == 1 and "question q" in notice[0] and "single choice" in notice[0]
    item = json.loads((progress_home / "progress.json").read_text())["set_aside"][0]
    assert item["id"] == "q" and item["record"]["answer"] == ["changed", "kind"]
    assert progress.set_aside("q", "again") is False


# ----- a store that cannot be read or written: one error type, with words -----------------------
def _no_writing(monkeypatch):
    """Act as a read-only folder would (tests run as root, which no permission stops)."""
    real_open, real_replace = open, os.replace

    def fake_open(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+"):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    def fake_replace(src, dst, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(src))

    real_os_open = os.open

    def fake_os_open(path, flags, *args, **kwargs):  # progress.open_private writes through os.open
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(progress, "open", fake_open, raising=False)
    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(os, "replace", fake_replace)
    return real_replace


def _full_disk(monkeypatch):
    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)


def _folder_for_file(home):
    (home / "progress.json").mkdir()


def _folder_for_lock(home):
    (home / "progress.lock").unlink(missing_ok=True)
    (home / "progress.lock").mkdir()


FAILURES = {
    "folder in place of the file": (lambda home, mp: _folder_for_file(home), "folder called progress.json"),
    "folder in place of the lock": (lambda home, mp: _folder_for_lock(home), "folder called progress.lock"),
    "read-only folder": (lambda home, mp: _no_writing(mp), "not allowed to write"),
    "full disk": (lambda home, mp: _full_disk(mp), "disk is full"),
}


@pytest.mark.parametrize("name", list(FAILURES))
def test_every_store_failure_is_one_error_with_words_and_reads_degrade(progress_home, monkeypatch, name):
    progress.update("earlier", {"answer": "kept", "verdict": "correct"}) if name != "folder in place of the file" else None
    make, words = FAILURES[name]
    make(progress_home, monkeypatch)
    for write in (
        lambda: progress.update("q", {"answer": "a"}, count="attempts"),
        lambda: progress.set_learner("Dana"),
        lambda: progress.set_aside("earlier", "test"),
    ):
        with pytest.raises(progress.ProgressError) as caught:
            write()
        message = str(caught.value)
        assert isinstance(caught.value, OSError) and words in message and "What to do:" in message
        assert "Errno" not in message and "Traceback" not in message
    data = progress.load()  # reads never raise: what could be read, plus a notice that says why saving fails
    assert progress.record("q") is None
    if name != "folder in place of the file":
        assert data["questions"]["earlier"]["answer"] == "kept"
    notices = progress.take_notices()
    if name == "full disk":
        assert notices == []  # reading needs no space: nothing to tell until a save fails
    else:
        assert len(notices) == 1 and words in notices[0] and "What to do:" in notices[0]
    assert _temporaries(progress_home) == []


def test_summitkit_home_naming_a_file(tmp_path, monkeypatch):
    a_file = tmp_path / "not-a-folder.txt"
    a_file.write_text("hello")
    monkeypatch.setenv("SUMMITKIT_HOME", str(a_file))
    with pytest.raises(progress.ProgressError, match="is a file, not a folder .the SUMMITKIT_HOME setting names it."):
        progress.update("q", {"answer": "a"})
    assert progress.load()["questions"] == {}
    assert progress.take_notices()[0].startswith("Your saved answers cannot be read here: ")
    assert a_file.read_text() == "hello"


def test_a_corrupt_file_that_cannot_be_moved_is_never_overwritten(progress_home, monkeypatch):
    (progress_home / "progress.json").write_text("{ earlier answers, damaged")
    monkeypatch.setattr(progress, "_set_aside", lambda path, reason: False)
    with pytest.raises(progress.ProgressError, match="could not be moved aside"):
        progress.update("q", {"answer": "a"})
    assert (progress_home / "progress.json").read_text() == "{ earlier answers, damaged"
    assert progress.load()["questions"] == {} and "starts without your earlier answers" in progress.take_notices()[0]


def _as_nobody(code: str, env: dict) -> subprocess.CompletedProcess:
    """``code`` run by this Python as the user nobody; a skip if nobody cannot start this Python at all (a venv in a
    folder only its owner may enter: the child's exec fails with PermissionError before Python runs)."""
    try:
        return subprocess.run([sys.executable, "-c", code], env=env, user=65534, capture_output=True, text=True, timeout=60)
    except PermissionError as exc:
        pytest.skip(f"user nobody cannot run {sys.executable}: {exc}")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to start a process as another user")
def test_a_really_read_only_folder(progress_home):
    """Not simulated: a process of another user against a folder it may read but not write."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="summit-ro-"))
    try:
        os.chmod(folder, 0o755)
        env = {**os.environ, "SUMMITKIT_HOME": str(folder)}
        subprocess.run(
            [sys.executable, "-c", "from summitkit import progress; progress.update('q', {'answer': 'mine'})"],
            env=env,
            check=True,
        )
        # The store makes its folder 0700 and its files 0600 (private on shared machines): open them up to
        # reading, as a folder a learner may read but not write would be.
        os.chmod(folder, 0o755)
        for path in folder.iterdir():
            os.chmod(path, 0o644)
        probe = _as_nobody("import summitkit", env)
        if probe.returncode:
            pytest.skip(f"user nobody cannot import the package from here: {probe.stderr.strip()[-120:]}")
        code = (
            "from summitkit import progress\n"
            "print(progress.record('q')['answer'])\n"
            "print(progress.take_notices()[0])\n"
            "try:\n    progress.update('q', {'answer': 'new'})\n"
            "except progress.ProgressError as exc:\n    print('ProgressError', exc)\n"
        )
        result = _as_nobody(code, env)
        assert result.returncode == 0, result.stderr
        answer, notice, error = result.stdout.strip().split("\n")
        assert (
            answer == "mine"
            and "not allowed to write" in notice
            and error.startswith("ProgressError Your answers cannot be saved here")
        )
        assert json.loads((folder / "progress.json").read_text())["questions"]["q"]["answer"] == "mine"
    finally:
        import shutil

        shutil.rmtree(folder)
