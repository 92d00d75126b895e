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
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from summitkit.paths import progress_dir

VERSION = 1
_notices: list[str] = []


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
        if changes.get("revealed") and not entry.get("revealed"):
            # What stood when the answer was first shown, so the teacher's side can tell an answer checked after it.
            entry["before_reveal"] = {"attempts": int(entry.get("attempts") or 0), "answer": entry.get("answer")}
        entry.update(changes)
        if count:
            entry[count] = int(entry.get(count) or 0) + 1
        entry["updated"] = now()
        data["questions"][question_id] = entry
        _write(path, data)
    return entry


def set_learner(name: str, email_or_id: str | None = None) -> dict:
    """Remember the learner's name (and e-mail or ID, if given) for exports; return the saved progress.

    The first call also gives this progress file a random ``learner_key``, so the teacher's side can tell
    two exports of one learner from two learners who share a name.
    """
    path = progress_file()
    with _locked(path.parent):
        data = _read(path)
        data["learner"] = name
        if email_or_id is not None:
            data["email_or_id"] = email_or_id
        if not data.get("learner_key"):
            data["learner_key"] = secrets.token_hex(8)
        _write(path, data)
    return data


def take_notices() -> list[str]:
    """Warnings raised while reading progress (e.g. a corrupted file set aside), once each."""
    out = _notices[:]
    _notices.clear()
    return out
