"""The learner's saved answers: one JSON file per user, written atomically under a lock.

Two notebooks open at once lose nothing (each save re-reads the file under a lock);
a process killed mid-write leaves the old file whole (write to a temporary file, then
rename); a corrupted file is set aside with a warning and a fresh one started.
Everything here is private to the learner, for shared machines: the folder 0700, every file 0600.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

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


def _private_folder(folder: Path) -> None:
    """Create ``folder`` (or tighten an older one) so that only this user can enter it."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt":
        with contextlib.suppress(OSError):  # not ours to change: writing there would fail anyway
            os.chmod(folder, 0o700)


def open_private(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> IO:
    """Open ``path`` for writing as a file only this user can read (0600, also when it already existed)."""
    flags = os.O_CREAT | (os.O_RDWR if "+" in mode else os.O_WRONLY) | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o600)
    if os.name != "nt":
        with contextlib.suppress(OSError):  # an older file made before this rule (a file system without modes: no harm)
            os.fchmod(fd, 0o600)
    return os.fdopen(fd, mode, encoding=None if "b" in mode else encoding)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    _private_folder(folder)
    handle = open_private(folder / "progress.lock", "a+b")
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
        if os.name != "nt":
            with contextlib.suppress(OSError):
                os.chmod(target, 0o600)
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
    with open_private(tmp) as handle:
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
