"""The learner's saved answers: one JSON file per user, written atomically under a lock.

Two notebooks open at once lose nothing (each save re-reads the file under a lock);
a process killed mid-write leaves the old file whole (write to a temporary file, then
rename); a corrupted file is set aside with a warning and a fresh one started.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from summitkit.paths import in_browser, progress_dir

VERSION = 1
_notices: list[str] = []
#: In the browser version (Pyodide) ``fcntl`` has no ``flock``. A kernel there is one thread in one browser worker,
#: so no other thread or process of it can write at the same time: a lock within the process is all there is.
#: Two notebooks open in one browser are two kernels with no lock between them: each save still re-reads the file
#: first, so only two saves landing within the same few milliseconds could lose one of them.
_in_process = threading.RLock()


def progress_file() -> Path:
    """Where this learner's answers are saved."""
    return progress_dir() / "progress.json"


def now() -> str:
    """The time, to the second, in ISO form (UTC)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _empty() -> dict:
    return {"version": VERSION, "learner": "", "questions": {}}


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    if in_browser():
        with _in_process:
            yield
        return
    handle = open(folder / "progress.lock", "a+b")
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    time.sleep(0.05)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        if os.name != "nt":
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def _set_aside(path: Path, reason: str) -> None:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"progress.corrupt-{stamp}-{os.getpid()}.json")
    try:
        os.replace(path, target)
        where = f"It was kept as {target.name} beside it"
    except OSError:
        where = "It could not be moved"
    _notices.append(
        f"Your progress file {path} could not be read ({reason}). {where}, and a fresh file was started. "
        "Show this message to your teacher if you need the old answers back."
    )


def _read(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _empty()
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("questions"), dict):
            raise ValueError("it does not hold a 'questions' table")
    except (ValueError, UnicodeDecodeError) as exc:
        _set_aside(path, str(exc).split("\n")[0][:120])
        return _empty()
    data.setdefault("learner", "")
    return data


def _write(path: Path, data: dict) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def load() -> dict:
    """All saved progress (never raises for a bad file: it is set aside and a fresh one begun)."""
    path = progress_file()
    with _locked(path.parent):
        return _read(path)


def record(question_id: str) -> dict | None:
    """The saved record of one question, or None."""
    return load()["questions"].get(question_id)


def update(question_id: str, changes: dict, count: str | None = None) -> dict:
    """Merge ``changes`` into a question's record and save; returns the new record.

    ``count`` names a counter (e.g. ``"attempts"``) to add one to, inside the same locked write,
    so that two notebooks checking at once both count.
    """
    path = progress_file()
    with _locked(path.parent):
        data = _read(path)
        entry = dict(data["questions"].get(question_id) or {})
        entry.update(changes)
        if count:
            entry[count] = int(entry.get(count) or 0) + 1
        entry["updated"] = now()
        data["questions"][question_id] = entry
        _write(path, data)
    return entry


def set_learner(name: str) -> None:
    """Remember the learner's name for exports."""
    path = progress_file()
    with _locked(path.parent):
        data = _read(path)
        data["learner"] = name
        _write(path, data)


def take_notices() -> list[str]:
    """Warnings raised while reading progress (e.g. a corrupted file set aside), once each."""
    out = _notices[:]
    _notices.clear()
    return out
