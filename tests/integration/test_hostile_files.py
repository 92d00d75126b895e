"""The learner's store and the course's data files under hostile files (issue 25, the store's half).

A named pipe, a device, a folder or a link to another user's file where the store or a data file should be is
refused with a sentence and never waited on; reads are bounded; answers and data files have size limits said before
saving; a read-only progress folder still exports; every progress file carries a random ``learner_id`` and a
``saves`` counter, and every export carries both.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT

from summitkit import essay, exports, notes, progress, quiz, scorecard, tables
from summitkit.errors import CourseDataError
from summitkit.safefiles import EXPORT_LIMIT

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not AS_ROOT, reason="needs root to make a file that belongs to another user")
NOBODY = 65534


def within(seconds: float, call, *args, **kwargs):
    """Run ``call`` in a thread; fail (instead of hanging the suite) if it has not returned within ``seconds``."""
    box: dict = {}

    def run() -> None:
        try:
            box["value"] = call(*args, **kwargs)
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"{getattr(call, '__name__', call)} still waiting after {seconds} s: it blocked"
    if "error" in box:
        raise box["error"]
    return box["value"]


def _unblock(path: Path) -> None:
    """Open the pipe's other end, so a reader or writer a failed test left waiting on it returns."""
    with __import__("contextlib").suppress(OSError):
        os.close(os.open(path, os.O_RDWR | os.O_NONBLOCK))


# ----- pipes, devices, folders ------------------------------------------------------------------------------------
def test_a_named_pipe_at_progress_json_is_refused_without_blocking(progress_home):
    fifo = progress_home / "progress.json"
    os.mkfifo(fifo)
    try:
        data = within(5, progress.load)
        assert data["questions"] == {}
        said = " ".join(progress.take_notices())
        assert "named pipe" in said and str(fifo) in said
        with pytest.raises(progress.ProgressError, match="named pipe"):
            within(5, progress.update, "q", {"answer": "a"})
        assert stat.S_ISFIFO(fifo.lstat().st_mode)  # left where it is for the teacher, not replaced
    finally:
        _unblock(fifo)


def test_a_named_pipe_at_the_lock_file_refuses_saves_but_the_answers_still_show(progress_home):
    progress.update("q", {"answer": "kept"})
    lock = progress_home / "progress.lock"
    lock.unlink()
    os.mkfifo(lock)
    try:
        with pytest.raises(progress.ProgressError, match="named pipe"):
            within(5, progress.update, "q2", {"answer": "b"})
        assert within(5, progress.record, "q")["answer"] == "kept"
        assert any("named pipe" in n for n in progress.take_notices())
    finally:
        _unblock(lock)


def test_a_named_pipe_or_a_link_at_the_temporary_file_is_removed_never_opened(progress_home, tmp_path):
    progress.update("q", {"answer": "a"})
    tmp = progress_home / f"progress.json.{os.getpid()}.tmp"
    os.mkfifo(tmp)
    try:
        within(5, progress.update, "q", {"answer": "b"})
    finally:
        _unblock(tmp)
    assert progress.record("q")["answer"] == "b" and not tmp.exists()
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours")
    tmp.symlink_to(victim)
    progress.update("q", {"answer": "c"})
    assert victim.read_text() == "not yours" and progress.record("q")["answer"] == "c"


def test_a_progress_file_linked_to_dev_zero_is_refused_not_read(progress_home):
    (progress_home / "progress.json").symlink_to("/dev/zero")
    started = time.perf_counter()
    data = within(10, progress.load)
    assert data["questions"] == {} and time.perf_counter() - started < 5
    assert any("a device (through a link)" in n for n in progress.take_notices())
    with pytest.raises(progress.ProgressError, match="device"):
        progress.update("q", {"answer": "a"})
    assert (progress_home / "progress.json").is_symlink()  # the link is left alone: the teacher removes it


def test_a_folder_at_progress_json_is_named(progress_home):
    (progress_home / "progress.json").mkdir()
    assert progress.load()["questions"] == {}
    assert any("folder" in n for n in progress.take_notices())
    with pytest.raises(progress.ProgressError, match="folder"):
        progress.update("q", {"answer": "a"})


@pytest.mark.parametrize("error", [MemoryError, RecursionError, KeyError])
def test_load_never_raises(progress_home, monkeypatch, error):
    progress.update("q", {"answer": "a"})

    def broken(*args, **kwargs):
        raise error("simulated")

    monkeypatch.setattr(progress.json, "loads", broken)
    data = progress.load()  # the documented promise: never raises
    assert data["questions"] == {} and progress.take_notices()


def test_a_progress_file_over_the_read_limit_is_set_aside_not_read(progress_home, monkeypatch):
    monkeypatch.setattr(progress, "LEARNER_FILE_LIMIT", 1000)
    progress.update("q", {"answer": "x" * 2000})
    assert progress.load()["questions"] == {}
    assert any("larger than" in n for n in progress.take_notices())
    assert list(progress_home.glob("progress.corrupt-*"))  # kept for the teacher, not deleted


# ----- links to another user's files (the kernel runs as root) ---------------------------------------------------
def _someone_elses(path: Path, text: str, mode: int = 0o644) -> Path:
    path.write_text(text)
    os.chown(path, NOBODY, NOBODY)
    os.chmod(path, mode)
    return path


@needs_root
def test_a_link_to_another_users_file_is_never_replaced_or_renamed(progress_home, tmp_path):
    theirs = _someone_elses(tmp_path / "theirs.json", json.dumps({"version": 1, "questions": {"t": {"answer": "theirs"}}}))
    before = theirs.stat()
    (progress_home / "progress.json").symlink_to(theirs)
    with pytest.raises(progress.ProgressError, match="belongs to someone else"):
        progress.update("q", {"answer": "mine"})
    assert progress.load()["questions"] == {} and any("someone else" in n for n in progress.take_notices())
    after = theirs.stat()
    assert (after.st_ino, after.st_uid, stat.S_IMODE(after.st_mode)) == (before.st_ino, NOBODY, 0o644)
    assert json.loads(theirs.read_text())["questions"] == {"t": {"answer": "theirs"}}
    assert not list(tmp_path.glob("progress.corrupt-*")) and not list(progress_home.glob("progress.corrupt-*"))


@needs_root
def test_a_damaged_file_of_another_user_behind_a_link_is_not_moved_aside(progress_home, tmp_path):
    theirs = _someone_elses(tmp_path / "theirs.json", "{not json")
    (progress_home / "progress.json").symlink_to(theirs)
    progress.load()
    assert theirs.read_text() == "{not json" and not list(tmp_path.glob("progress.corrupt-*"))


@needs_root
def test_a_linked_lock_file_never_gets_its_target_chmodded(progress_home, tmp_path):
    theirs = _someone_elses(tmp_path / "their-notes.txt", "theirs", mode=0o664)
    progress_home.mkdir(exist_ok=True)
    (progress_home / "progress.lock").symlink_to(theirs)
    with pytest.raises(progress.ProgressError, match="belongs to someone else"):
        progress.update("q", {"answer": "a"})
    assert stat.S_IMODE(theirs.stat().st_mode) == 0o664 and theirs.read_text() == "theirs"


@needs_root
def test_an_own_file_behind_a_link_is_still_written_through(progress_home, tmp_path):
    mine = tmp_path / "mine.json"
    progress.update("q1", {"answer": "a"})
    (progress_home / "progress.json").rename(mine)
    (progress_home / "progress.json").symlink_to(mine)
    progress.update("q2", {"answer": "b"})
    assert (progress_home / "progress.json").is_symlink()
    assert set(json.loads(mine.read_text())["questions"]) == {"q1", "q2"}


# ----- size limits, said before saving ------------------------------------------------------------------------------
LONG = "word " * (progress.MAX_ANSWER_CHARS // 5) + "x"  # one character over the limit


def test_too_long_an_essay_is_refused_before_saving_never_saved_then_lost():
    box = essay.essay(quiz.written("05-essay", prompt="Drive-by or entrance?", rubric=["Claim"], model="A model."))
    q = box.question
    q.input.value = LONG
    started = time.perf_counter()
    box.cite_button.click()
    assert time.perf_counter() - started < 2
    assert progress.record("05-essay") is None
    assert "not saved" in q.alert.value and "100,000" in q.alert.value
    assert "Saved" not in q.feedback.value and "not saved" in box.report.value
    q.input.value = LONG[: progress.MAX_ANSWER_CHARS]  # at the limit: saved, and said so
    box.cite_button.click()
    assert progress.record("05-essay")["answer"]["text"] == LONG[: progress.MAX_ANSWER_CHARS]
    assert "Saved" in q.feedback.value and not q.alert.value


@pytest.mark.parametrize("kind", ["date", "number"])
def test_too_long_a_typed_answer_is_refused_before_saving(kind):
    question = (
        quiz.date("t-d", prompt="When?", answer="2019-04-25")
        if kind == "date"
        else quiz.number("t-n", prompt="How many?", answer=3)
    )
    question.input.value = "1" * (progress.MAX_ANSWER_CHARS + 1)
    question.check_button.click()
    assert progress.record(question.qid) is None and "not saved" in question.alert.value


def test_too_long_notes_are_refused_and_stay_in_the_box():
    box = notes.box("03")
    box.text.value = LONG
    assert "not saved" in box.status.value and "Saved" not in box.status.value.replace("not saved", "")
    assert notes.progress.notes() == {} and box.text.value == LONG
    with pytest.raises(progress.ProgressError, match="100,000"):
        progress.save_note("03-discussion", LONG)


def test_the_essays_citation_check_is_fast_on_a_maximal_answer():
    text = ("Kim wanted help (rsis ¶4); 38north ¶2 disagrees. " * 4000)[: progress.MAX_ANSWER_CHARS]
    started = time.perf_counter()
    report = str(essay.report_html(text))
    assert time.perf_counter() - started < 1.5 and "rsis ¶4" in report
    started = time.perf_counter()
    assert "not checked" in str(essay.report_html(text * 100))  # a 10 MB paste is turned away at once
    assert time.perf_counter() - started < 0.5


def test_a_save_that_would_make_the_store_too_large_is_refused_first(progress_home):
    progress.update("kept", {"answer": "a"})
    before = (progress_home / "progress.json").read_bytes()
    big = "é" * progress.MAX_ANSWER_CHARS
    with pytest.raises(progress.ProgressError, match="not saved"):
        for i in range(progress.STORE_LIMIT // (2 * progress.MAX_ANSWER_CHARS) + 2):
            before = (progress_home / "progress.json").read_bytes()
            progress.update(f"q{i}", {"answer": big})
    assert (progress_home / "progress.json").read_bytes() == before  # the refused save touched nothing
    assert len(before) <= progress.STORE_LIMIT


def test_the_fullest_store_exports_a_file_the_grader_reads(progress_home, tmp_path):
    """The worst case per character: control characters, each written as a six-byte escape."""
    big = "\x01" * progress.MAX_ANSWER_CHARS
    saved = 0
    for i in range(200):
        try:
            progress.update(f"q{i}", {"answer": big, "revealed": True})  # a revealed answer is kept twice
        except progress.ProgressError:
            break
        saved += 1
    assert saved >= 2 and (progress_home / "progress.json").stat().st_size <= progress.STORE_LIMIT
    path = scorecard.export("Ada Learner", tmp_path)
    assert path.stat().st_size <= exports.MAX_BYTES == EXPORT_LIMIT
    read = exports.read_export(path)
    assert len(read.questions) == saved and read.questions["q0"]["answer"] == big


# ----- data files ----------------------------------------------------------------------------------------------------
def _timeline_with(data_copy: Path, rows: int, row: str) -> Path:
    path = data_copy / "timeline.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(header + "\n")
        handle.write(row * rows)
    return path


@pytest.mark.parametrize(
    "row", ["e1,2019-04-25,a long row of text to make it large,rsis,1,,,\n", "x\n"], ids=["large", "short-rows"]
)
def test_a_million_row_timeline_fails_fast_naming_the_file(data_copy, row):
    _timeline_with(data_copy, 1_000_000, row)
    started = time.perf_counter()
    with pytest.raises(CourseDataError) as caught:
        tables.timeline()
    assert time.perf_counter() - started < 5
    said = str(caught.value)
    assert "timeline.csv" in said and re.search(r"more than the [\d,]+ (MB|a course table)", said), said


@pytest.mark.parametrize("name", ["timeline.csv", "stakes.csv", "claims.csv"])
def test_a_named_pipe_for_a_data_file_is_named_not_waited_on(data_copy, name):
    path = data_copy / name
    path.unlink()
    os.mkfifo(path)
    try:
        with pytest.raises(CourseDataError, match=rf"{name}.*named pipe"):
            within(5, {"timeline.csv": tables.timeline, "stakes.csv": tables.stakes, "claims.csv": tables.claims}[name])
    finally:
        _unblock(path)


def test_a_source_text_linked_to_a_device_is_named(data_copy):
    from summitkit import sources

    target = data_copy / "sources" / "rsis.md"
    target.unlink()
    target.symlink_to("/dev/zero")
    with pytest.raises(CourseDataError, match="rsis.md.*device"):
        within(10, sources.load_text, "rsis")


# ----- a read-only progress folder ---------------------------------------------------------------------------------
def test_export_works_when_the_progress_file_cannot_be_written(progress_home, tmp_path, monkeypatch):
    progress.update("q", {"answer": "a", "verdict": "correct"})
    first_id = progress.load()["learner_id"]

    def read_only(*args, **kwargs):
        raise progress.ProgressError(f"you are not allowed to write in {progress_home}", "ask your teacher")

    monkeypatch.setattr(progress, "set_learner", read_only)
    path = scorecard.export("Ada Learner", tmp_path, "ada@example.org")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["questions"]["q"]["answer"] == "a" and data["learner"] == "Ada Learner"
    assert data["learner_id"] == first_id and data["email_or_id"] == "ada@example.org"
    assert any("could not be saved" in n for n in progress.take_notices())


def test_export_goes_to_a_folder_that_can_be_written_and_says_where(tmp_path, monkeypatch):
    progress.update("q", {"answer": "a"})
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(scorecard, "fallback_folders", lambda: [home])
    path = scorecard.export("Ada", blocked / "sub")  # a folder that cannot be made
    assert path.parent == home and json.loads(path.read_text())["questions"]["q"]["answer"] == "a"
    monkeypatch.chdir(blocked.parent)
    card = scorecard.show()
    card.name.value = "Ada"
    monkeypatch.setattr(scorecard.Path, "cwd", classmethod(lambda cls: blocked / "sub"))
    card.export_button.click()
    assert str(home) in card.status.value and "cannot be written" in card.status.value


def test_when_no_folder_takes_the_file_the_page_offers_it_as_a_download(tmp_path, monkeypatch):
    progress.update("q", {"answer": "a"})
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setattr(scorecard, "fallback_folders", lambda: [blocked / "x"])
    with pytest.raises(scorecard.ExportNotWritten) as caught:
        scorecard.export("Ada", blocked / "sub")
    assert json.loads(caught.value.text)["questions"]["q"]["answer"] == "a"
    card = scorecard.show()
    card.name.value = "Ada"
    monkeypatch.setattr(scorecard.Path, "cwd", classmethod(lambda cls: blocked / "sub"))
    card.export_button.click()
    assert "Download it" in card.status.value and "data:application/json;base64," in card.status.value


@needs_root
def test_run_py_export_from_a_read_only_progress_folder_as_another_user():
    """Real permissions: the learner 'nobody' can read the progress folder but not write in it, nor in the folder asked."""
    base = Path(tempfile.mkdtemp(prefix="summit-readonly-"))  # under /tmp, which every user may enter
    try:
        home, out, spare = base / "store", base / "out", base / "spare"
        env = dict(os.environ, SUMMITKIT_HOME=str(home))
        subprocess.run(
            [sys.executable, "-c", "from summitkit import progress; progress.update('q', {'answer': 'kept'})"],
            env=env,
            check=True,
        )
        out.mkdir()
        spare.mkdir()
        os.chown(spare, NOBODY, NOBODY)
        for path in (base, home, out, *home.iterdir()):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        run = subprocess.run(
            [sys.executable, str(ROOT / "run.py"), "export", "--name", "Ada", "--folder", str(out)],
            env=dict(env, HOME=str(spare), TMPDIR=str(spare)),
            cwd=str(out),
            user=NOBODY,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        assert f"{out} cannot be written, so the file went to {spare}" in run.stdout
        made = list(spare.glob("summit-export-*.json"))
        assert len(made) == 1 and json.loads(made[0].read_text())["questions"]["q"]["answer"] == "kept"
        assert json.loads(made[0].read_text())["learner_id"] == json.loads((home / "progress.json").read_text())["learner_id"]
    finally:
        shutil.rmtree(base, ignore_errors=True)


# ----- identity ------------------------------------------------------------------------------------------------------
def test_a_random_learner_id_is_made_once_and_saves_are_counted(progress_home):
    progress.update("q", {"answer": "a"})
    first = json.loads((progress_home / "progress.json").read_text())
    assert re.fullmatch(r"[0-9a-f]{32}", first["learner_id"]) and first["saves"] == 1
    progress.update("q", {"answer": "b"}, count="attempts")
    progress.save_note("03-discussion", "a note")
    progress.set_learner("Ada")
    progress.set_aside("q", "a test")
    now = json.loads((progress_home / "progress.json").read_text())
    assert now["learner_id"] == first["learner_id"] and now["saves"] == 5


def test_a_failed_save_does_not_count(progress_home):
    progress.update("q", {"answer": "a"})
    with pytest.raises(progress.ProgressError):
        progress.update("q", {"answer": "x" * (progress.STORE_LIMIT + 1)})
    assert json.loads((progress_home / "progress.json").read_text())["saves"] == 1


def test_a_damaged_learner_id_is_replaced_and_kept_aside(progress_home):
    (progress_home / "progress.json").write_text(json.dumps({"version": 1, "questions": {}, "learner_id": 5, "saves": "x"}))
    progress.update("q", {"answer": "a"})
    data = json.loads((progress_home / "progress.json").read_text())
    assert re.fullmatch(r"[0-9a-f]{32}", data["learner_id"]) and data["saves"] == 1
    assert any(a["id"] == "learner_id" and a["record"] == 5 for a in data["set_aside"])


def test_every_export_carries_the_learner_id_and_the_save_count(progress_home, tmp_path):
    progress.update("q", {"answer": "a"})
    first = json.loads(scorecard.export("Ada", tmp_path).read_text(encoding="utf-8"))
    second = json.loads(scorecard.export("Ada Lovelace", tmp_path, "ada@example.org").read_text(encoding="utf-8"))
    stored = json.loads((progress_home / "progress.json").read_text())
    assert first["format"] == second["format"] == scorecard.EXPORT_FORMAT == "summitkit-export/3"
    assert first["learner_id"] == second["learner_id"] == stored["learner_id"]
    assert isinstance(first["saves"], int) and second["saves"] > first["saves"] and second["saves"] == stored["saves"]
    assert exports.read_export(next(tmp_path.glob("summit-export-*.json"))).format == "summitkit-export/3"


def test_run_py_export_carries_them_too(progress_home, tmp_path):
    progress.update("q", {"answer": "a"})
    run = subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "export", "--name", "Ada", "--folder", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, SUMMITKIT_HOME=str(progress_home)),
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(next(tmp_path.glob("summit-export-*.json")).read_text(encoding="utf-8"))
    assert data["learner_id"] == progress.load()["learner_id"] and data["saves"] == progress.load()["saves"]
    assert data["format"] == "summitkit-export/3"
