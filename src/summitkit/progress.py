"""The learner's saved answers: one JSON file per user, written atomically under a lock.

Two notebooks open at once lose nothing (each save re-reads the file under a lock);
a process killed mid-write leaves the old file whole (write to a temporary file, then
rename), and its temporary file is removed by the next reader or writer; a corrupted file
is set aside with a warning and a fresh one started; a record of the wrong shape is moved
to the file's ``set_aside`` table, where a teacher can recover it.

Text is kept exactly, even text that cannot be encoded (a lone surrogate from a damaged
document is written as a JSON ``\\udXXX`` escape); other values are kept in the form
:func:`storable` documents. A symlinked ``progress.json`` is written through to its target.

Errors: every failure to save is a :class:`ProgressError` (an ``OSError``) whose message says
in plain words what is wrong and what to do. Reads (:func:`load`, :func:`record`) never raise:
they return what could be read (or empty progress) and leave a notice (:func:`take_notices`).

Everything here is private to the learner, for shared machines: the folder 0700, every file 0600.

Only regular files are used (:mod:`summitkit.safefiles`): a named pipe, a device, a socket or a folder at
``progress.json``, at its lock file or at a temporary file is refused with a sentence, never waited on; the file is
read up to :data:`~summitkit.safefiles.LEARNER_FILE_LIMIT` bytes, and a save that would make it larger than
:data:`STORE_LIMIT` is refused before anything is written. A link is followed only to a regular file this user owns,
so a kernel that runs as root never renames, replaces or changes the mode of another user's file through a link.

Identity: the first write gives the file a random ``learner_id`` (never changed afterwards), and every write adds one
to its ``saves`` counter, so the teacher's side can tell one learner's exports apart from another's and order them
without trusting a clock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import math
import os
import re
import secrets
import stat
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from summitkit.paths import ENV_HOME, in_browser, progress_dir
from summitkit.safefiles import LEARNER_FILE_LIMIT, FileTooLarge, NotARegularFile, kind_of, owned, read_regular, refusal

VERSION = 1
_notices: list[str] = []
_said: set[str] = set()
#: The types of a record's known fields; any other field is kept as it is.
RECORD_FIELDS: dict[str, type | tuple[type, ...]] = {
    "kind": str,
    "verdict": str,
    "updated": str,
    "revealed": bool,
    "attempts": int,
    "hints": int,
    "score": (int, float),
}
#: The longest answer (or note) kept, in characters: a long essay is about 10,000; this is ten times that.
MAX_ANSWER_CHARS = 100_000
#: The largest progress file a save may write, in bytes (it is read up to LEARNER_FILE_LIMIT, and an export of it stays
#: under the grader's limit, :data:`summitkit.safefiles.EXPORT_LIMIT`).
STORE_LIMIT = 6 * 2**20
_ID = re.compile(r"[0-9a-f]{32}")
STALE_SECONDS = 60  # a temporary file this old is left over from a dead writer, whatever its process id
#: For tests only: called as ``write_hook(stage, temporary_path)`` at each stage of a write
#: ("opened", "half-written", "written"), so a test can stop a writer in the middle of one.
write_hook: Callable[[str, Path], None] | None = None
#: In the browser version (Pyodide) ``fcntl`` has no ``flock``. A kernel there is one thread in one browser worker,
#: so no other thread or process of it can write at the same time: a lock within the process is all there is.
#: Two notebooks open in one browser are two kernels with no lock between them: each save still re-reads the file
#: first, so only two saves landing within the same few milliseconds could lose one of them.
_in_process = threading.RLock()


class ProgressError(OSError):
    """Answers cannot be saved (or read) where the progress store lives; the message says why and what to do.

    >>> str(ProgressError("the disk is full", "delete files you no longer need, then try again"))
    'Your answers cannot be saved here: the disk is full. What to do: delete files you no longer need, then try again.'
    """

    def __init__(
        self,
        problem: str,
        advice: str,
        path: Path | None = None,
        code: int | None = None,
        lead: str = "Your answers cannot be saved here",
    ) -> None:
        super().__init__(code, problem)
        self.problem, self.advice, self.path, self.lead = problem, advice, path, lead

    def __str__(self) -> str:
        return f"{self.lead}: {self.problem}. What to do: {self.advice}."

    def __reduce__(self):  # pragma: no cover - keeps the error picklable (multiprocessing, ipyparallel)
        return (type(self), (self.problem, self.advice, self.path, self.errno, self.lead))


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
            if owned(folder.stat()):  # never another user's folder (a link to it, as root)
                os.chmod(folder, 0o700)


def open_private(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> IO:
    """Open ``path`` for writing as a file only this user can read (0600, also when it already existed).

    Regular files only, without blocking: a named pipe, a device, a socket, a folder or a link to another user's file
    at ``path`` raises :class:`~summitkit.safefiles.NotARegularFile` (an OSError) with a sentence, before anything is
    truncated. The mode of a file that belongs to someone else is never changed.
    """
    path = Path(path)
    flags = os.O_CREAT | (os.O_RDWR if "+" in mode else os.O_WRONLY) | (os.O_APPEND if "a" in mode else 0)
    if "x" in mode:
        flags |= os.O_EXCL  # never follows a link, never opens what is there
    else:
        problem = refusal(path)
        if problem:
            raise NotARegularFile(problem, path)
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0), 0o600)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped in between the check and the open
            raise NotARegularFile(f"{path} is {kind_of(info.st_mode)}, not a file.", path)
        if owned(info):
            if os.name != "nt":
                with contextlib.suppress(OSError):  # an older file made before this rule (a file system without modes: no harm)
                    os.fchmod(fd, 0o600)
        elif path.is_symlink():
            raise NotARegularFile(f"{path} is a link to a file that belongs to someone else, so it is not read or changed.", path)
        if "w" in mode:
            os.ftruncate(fd, 0)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, mode.replace("x", "w"), encoding=None if "b" in mode else encoding)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    _private_folder(folder)
    if in_browser():
        with _in_process:
            yield
        return
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


# ----- errors in plain words ------------------------------------------------------------
def _explain(exc: BaseException, path: Path, lead: str = "Your answers cannot be saved here") -> ProgressError:
    """The one error the store raises, built from what the system said."""
    if isinstance(exc, ProgressError):
        return exc
    folder = path.parent
    code = getattr(exc, "errno", None)
    where = getattr(exc, "filename", None) or path
    again = "then run the cell or press the button again"
    refused = Path(exc.filename) if isinstance(exc, NotARegularFile) and exc.filename else None
    if refused is not None and refused.is_dir() and not refused.is_symlink():
        problem = f"there is a folder called {refused.name} in {refused.parent} where a file should be"
        advice = f"rename or remove that folder (ask your teacher if unsure), {again}"
    elif isinstance(exc, NotARegularFile):
        problem = str(exc).rstrip(".")
        advice = f"ask your teacher to remove it (or set {ENV_HOME} to a folder of your own), {again}"
    elif isinstance(exc, FileTooLarge):
        problem = str(exc).rstrip(".")
        advice = "ask your teacher to move that file away (it may hold earlier answers), then try again"
    elif code == errno.ELOOP or isinstance(exc, RuntimeError):
        problem, advice = f"{path} is a link that leads round in a circle", f"ask your teacher to remove the link {path}, {again}"
    elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        problem, advice = "the disk is full", f"delete files you no longer need (or ask your teacher for more space), {again}"
    elif isinstance(exc, IsADirectoryError):
        problem = f"there is a folder called {Path(where).name} in {Path(where).parent} where a file should be"
        advice = f"rename or remove that folder (ask your teacher if unsure), {again}"
    elif isinstance(exc, (NotADirectoryError, FileExistsError)):
        named = f" (the {ENV_HOME} setting names it)" if os.environ.get(ENV_HOME) else ""
        problem = f"{folder} is a file, not a folder{named}"
        advice = f"set {ENV_HOME} to a folder, or ask your teacher to move that file away, {again}"
    elif isinstance(exc, PermissionError) or code == errno.EROFS:
        problem = f"you are not allowed to write in {folder}"
        advice = f"ask your teacher, or set {ENV_HOME} to a folder of your own, {again}"
    elif isinstance(exc, FileNotFoundError):
        problem = f"the folder {Path(where).parent} does not exist"
        advice = f"ask your teacher to create it, or set {ENV_HOME} to a folder that exists, {again}"
    elif isinstance(exc, (TypeError, ValueError)):
        problem, advice = f"this answer could not be written down ({exc})", "show this message to your teacher"
    else:
        said = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        problem, advice = f"the computer said “{said}”", f"{again}; if it keeps happening, show this message to your teacher"
    return ProgressError(problem, advice, path, code, lead)


@contextlib.contextmanager
def _guarded(path: Path, lead: str = "Your answers cannot be saved here") -> Iterator[None]:
    """Turn any failure of the store into one ProgressError."""
    try:
        yield
    except ProgressError:
        raise
    except (OSError, RuntimeError, TypeError, ValueError) as exc:
        raise _explain(exc, path, lead) from exc


def _notice(message: str, once: bool = False) -> None:
    if once and message in _said:
        return
    _said.add(message)
    if message not in _notices:
        _notices.append(message)


# ----- what is kept, and how --------------------------------------------------------------
_MAX_DEPTH = 32
_MAX_PARTS = 200_000  # values inside one answer
_MAX_INT_BITS = 13_000  # about 3,900 digits: well inside what Python will write and read back as text


def storable(value: object) -> object:
    """The form in which a value is kept: JSON's own types as they are (text exactly, lone
    surrogates included); tuples and sets as lists; keys as text; numpy-style numbers as int
    or float; bytes as text (undecodable bytes as lone surrogates, reversible with
    ``surrogateescape``); an integer too long to write as a sentence describing it; anything
    else as its text (``str``).

    >>> storable({"a": (1, 2.5, None), 3: b"ok"})
    {'a': [1, 2.5, None], '3': 'ok'}
    """
    return _storable(value, (), [_MAX_PARTS])


def _storable(value: object, above: tuple[int, ...], budget: list[int]) -> object:
    budget[0] -= 1
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        if value.bit_length() > _MAX_INT_BITS:
            return f"(a whole number of about {int(value.bit_length() * 0.30103) + 1} digits)"
        return int(value)
    if isinstance(value, float):
        return float(value)
    if len(above) >= _MAX_DEPTH or budget[0] < 0:
        return "(too large or nested too deeply to keep)"
    if id(value) in above:
        return "(contains itself)"
    inner = (*above, id(value))
    if isinstance(value, dict):
        return {
            k if isinstance(k, str) else str(_storable(k, inner, budget)): _storable(v, inner, budget) for k, v in value.items()
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_storable(v, inner, budget) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "surrogateescape")
    try:
        if hasattr(type(value), "__index__") and type(value).__name__ != "bool_":
            return _storable(value.__index__(), inner, budget)  # numpy integers
        if hasattr(type(value), "__float__"):
            return float(value)  # numpy floats, Decimal, Fraction
    except Exception:
        pass
    try:
        return str(value)
    except Exception:
        return f"({type(value).__name__} that cannot be written as text)"


_SURROGATE = re.compile("[\ud800-\udfff]")


def answer_size(value: object, stop: int = MAX_ANSWER_CHARS) -> int:
    """How many characters of text an answer holds: the length of its text, or of all the text inside it (a written
    answer's ``{"text", "rubric"}``, a code task's list); counting stops a little past ``stop``, so a huge value costs
    no more than a long one. (Keys and other values are not counted: the store's own size limit covers them.)"""
    total, stack, seen = 0, [value], 0
    while stack and total <= stop and seen < 10 * stop:
        item = stack.pop()
        seen += 1
        if isinstance(item, (str, bytes, bytearray)):
            total += len(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
    return total


def too_long(value: object, what: str = "answer") -> str | None:
    """A sentence saying the answer is over :data:`MAX_ANSWER_CHARS` characters and is not saved, or None.

    Asked before saving, so a learner is never told "Saved" about an answer the store or the grader would not keep.

    >>> too_long("x" * 10) is None, too_long("x" * (MAX_ANSWER_CHARS + 1))[:30]
    (True, 'This answer is over 100,000 ch')
    """
    size = answer_size(value)
    if size <= MAX_ANSWER_CHARS:
        return None
    return (
        f"This {what} is over {MAX_ANSWER_CHARS:,} characters long (a long essay is about 10,000), so it was not saved. "
        f"Shorten it (or keep the long version in a file of your own), then save again."
    )


def _dumps(data: dict) -> bytes:
    """The file's bytes: UTF-8 JSON, lone surrogates written as escapes so nothing is lost."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text).encode("utf-8")


def _decode(raw: bytes) -> str:
    """Text of the file: UTF-8 with or without a byte-order mark, or UTF-16 with one."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def _bad_field(entry: dict) -> str:
    """Why a question's record has the wrong shape ("" when it is fine)."""
    for name, kind in RECORD_FIELDS.items():
        if name not in entry:
            continue
        value = entry[name]
        if isinstance(value, bool) and kind is not bool:
            return f"its '{name}' is {value}, not a number"
        if not isinstance(value, kind):
            return f"its '{name}' is {type(value).__name__}, not {getattr(kind, '__name__', 'a number')}"
        if name in ("attempts", "hints") and value < 0:
            return f"its '{name}' is negative"
        if name == "score" and not (math.isfinite(value) and 0 <= value <= 1):
            return "its 'score' is not between 0 and 1"
    return ""


def _move_aside(data: dict, question_id: str | None, item: object, reason: str) -> None:
    table = data.setdefault("set_aside", [])
    if not isinstance(table, list):
        data["set_aside"] = table = [{"id": None, "record": table, "reason": "the set_aside table was not a list", "when": now()}]
    table.append({"id": question_id, "record": item, "reason": reason, "when": now()})


def _check_records(data: dict, path: Path) -> bool:
    """Move records of the wrong shape to ``set_aside``; tell the learner once. True if anything moved."""
    moved = []
    for qid, entry in list(data["questions"].items()):
        reason = "it is not a table of fields" if not isinstance(entry, dict) else _bad_field(entry)
        if reason:
            _move_aside(data, qid, data["questions"].pop(qid), reason)
            moved.append(qid)
    if not isinstance(data.get("learner", ""), str):
        _move_aside(data, "learner", data["learner"], "the learner's name was not text")
        data["learner"] = ""
        moved.append("your name")
    if not isinstance(data.get("set_aside", []), list):
        data["set_aside"] = [
            {"id": None, "record": data["set_aside"], "reason": "the set_aside table was not a list", "when": now()}
        ]
    if moved:
        names = ", ".join(moved[:5]) + (f" and {len(moved) - 5} more" if len(moved) > 5 else "")
        _notice(
            f"Some saved answers did not have the right shape and were put aside ({names}); those questions start "
            f"afresh. They are kept under “set_aside” in {path}; show this message to your teacher if you need them back.",
            once=True,
        )
    return bool(moved)


# ----- reading and writing the file -------------------------------------------------------
def _target(path: Path) -> Path:
    """The file to write: ``path``, or what a symbolic link at ``path`` points to (so the link stays).

    Raises :class:`~summitkit.safefiles.NotARegularFile` for a pipe, device, socket or folder, or a link to one or to
    another user's file: those are never read, renamed or replaced.
    """
    if not path.is_symlink():
        problem = refusal(path)
        if problem:
            raise NotARegularFile(problem, path)
        return path
    target = Path(os.path.realpath(path))
    if target.is_symlink():  # realpath gave up: the link leads round in a circle
        raise OSError(errno.ELOOP, "Too many levels of symbolic links", str(path))
    problem = refusal(path)  # the kind of file the link leads to, and whose it is
    if problem:
        raise NotARegularFile(problem, path)
    return target


def _set_aside(path: Path, reason: str) -> bool:
    """Move an unreadable progress file out of the way; True when it was moved (and said so)."""
    try:
        source = _target(path)
    except OSError:
        return False
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"progress.corrupt-{stamp}-{os.getpid()}.json")
    try:
        os.replace(source, target)
    except OSError:
        return False
    if os.name != "nt":
        with contextlib.suppress(OSError):
            if owned(target.lstat()) and not target.is_symlink():
                os.chmod(target, 0o600)
    _notice(
        f"Your progress file {path} could not be read ({reason}). It was kept as {target.name} beside "
        f"{'it' if source == path else source}, and a fresh file was started. "
        "Show this message to your teacher if you need the old answers back."
    )
    return True


def _read(path: Path, strict: bool = True) -> tuple[dict, bool]:
    """(the saved data, whether records were set aside). Raises OSError when the file cannot be read.

    A corrupt file is set aside when it can be moved; when it cannot be moved and ``strict`` is
    set, this raises rather than let a write replace it.
    """
    try:
        raw = read_regular(path, LEARNER_FILE_LIMIT)
    except FileNotFoundError:
        return _empty(), False
    except FileTooLarge as exc:
        raw, too_large = b"", exc
    else:
        too_large = None
    try:
        if too_large:
            raise ValueError(f"it is larger than the {LEARNER_FILE_LIMIT // 2**20} MB a progress file may be")
        data = json.loads(_decode(raw))
        if not isinstance(data, dict) or not isinstance(data.get("questions"), dict):
            raise ValueError("it does not hold a 'questions' table")
    except (ValueError, UnicodeError, RecursionError) as exc:
        reason = str(exc).split("\n")[0][:120] or type(exc).__name__
        if not _set_aside(path, reason):
            if strict:
                raise ProgressError(
                    f"the file {path} could not be read ({reason}) and could not be moved aside",
                    "ask your teacher to move that file away (it may hold earlier answers), then try again",
                    path,
                ) from exc
            _notice(
                f"Your progress file {path} could not be read ({reason}), so this page starts without your earlier "
                "answers. Show this message to your teacher."
            )
        return _empty(), False
    data.setdefault("learner", "")
    return data, _check_records(data, path)


def _remove_stale(target: Path, keep: Path | None = None) -> None:
    """Delete temporary files left by writers that died (called with the lock held)."""
    here = os.getpid()
    for tmp in target.parent.glob(f"{target.name}.*.tmp"):
        if tmp == keep:
            continue
        try:
            pid = int(tmp.name[len(target.name) + 1 :].split(".")[0])
        except ValueError:
            pid = None
        try:
            stale = pid is None or pid == here or not _alive(pid) or time.time() - tmp.stat().st_mtime > STALE_SECONDS
            if stale:
                tmp.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (True when it cannot be told)."""
    if os.name == "nt" or not hasattr(os, "kill"):  # pragma: no cover - there os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _hook(stage: str, tmp: Path) -> None:
    if write_hook is not None:
        write_hook(stage, tmp)


def _identity(data: dict) -> dict:
    """What the next write adds: the file's ``learner_id`` (made once) and its ``saves`` counter plus one."""
    found = data.get("learner_id")
    out = {}
    if not (isinstance(found, str) and _ID.fullmatch(found)):
        out["learner_id"] = uuid.uuid4().hex
    saves = data.get("saves")
    out["saves"] = (saves if isinstance(saves, int) and not isinstance(saves, bool) and saves >= 0 else 0) + 1
    return out


def _too_large(size: int) -> ProgressError:
    return ProgressError(
        f"all your answers together would take {size / 2**20:.1f} MB, more than the "
        f"{STORE_LIMIT // 2**20} MB the progress file keeps, so this was not saved",
        "shorten your longest answers or notes (a long essay is well under 0.1 MB), then try again",
        lead="This was not saved",
    )


def _write(path: Path, data: dict) -> None:
    """Write ``data`` atomically, with the file's identity (``learner_id``, ``saves``) updated on success."""
    target = _target(path)
    identity = _identity(data)
    if "learner_id" in identity and data.get("learner_id") is not None:
        _move_aside(data, "learner_id", data["learner_id"], "the learner id was not 32 hexadecimal digits")
    payload = _dumps({**data, **identity})  # any value that cannot be written fails here, before a file is touched
    if len(payload) > STORE_LIMIT:
        raise _too_large(len(payload))
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    _remove_stale(target)
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # whatever is there (a pipe, a link) is removed, never opened
    try:
        with open_private(tmp, "xb") as handle:
            _hook("opened", tmp)
            half = len(payload) // 2
            handle.write(payload[:half])
            handle.flush()
            _hook("half-written", tmp)
            handle.write(payload[half:])
            handle.flush()
            os.fsync(handle.fileno())
            _hook("written", tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    data.update(identity)


def _unlocked_read(path: Path) -> tuple[dict, bool]:
    """Progress read without the lock (where the lock cannot be taken), and whether the read worked."""
    try:
        data, _ = _read(path, strict=False)
        return data, True
    except Exception:
        return _empty(), False


def load() -> dict:
    """All saved progress. Never raises: a bad file is set aside, records of the wrong shape are put
    aside, and a store that cannot be read gives what could be read (or nothing) plus a notice."""
    path = progress_file()
    try:
        with _guarded(path):
            with _locked(path.parent):
                data, repaired = _read(path, strict=False)
                _remove_stale(_target(path))
                if repaired:
                    with contextlib.suppress(OSError, ValueError, TypeError):
                        _write(path, data)
                return data
    except ProgressError as exc:
        data, readable = _unlocked_read(path)
        if not readable:
            exc.lead = "Your saved answers cannot be read here"
        _notice(str(exc))
        return data
    except Exception as exc:
        data, readable = _unlocked_read(path)
        _notice(
            f"Your saved answers {'could only be read in part' if readable else 'cannot be read here'} "
            f"({type(exc).__name__}). Show this message to your teacher."
        )
        return data


def _key(question_id: object) -> str:
    """A question id as the file gives it back: text, with a surrogate pair written in two halves joined (JSON reads
    ``\\ud83d\\ude00`` as one character), so that two spellings of one id never stand as two records of which the
    file keeps only one."""
    text = question_id if isinstance(question_id, str) else str(storable(question_id))
    if not _SURROGATE.search(text):
        return text
    return json.loads(_dumps({"k": text}).decode("utf-8"))["k"]


def record(question_id: str) -> dict | None:
    """The saved record of one question, or None (never raises; see :func:`load`)."""
    return load()["questions"].get(_key(question_id))


def update(question_id: str, changes: dict, count: str | None = None) -> dict:
    """Merge ``changes`` into a question's record and save; returns the new record.

    ``count`` names a counter (e.g. ``"attempts"``) to add one to, inside the same locked write,
    so that two notebooks checking at once both count. Values are kept as :func:`storable` says.
    Raises :class:`ProgressError` (only) when the answer cannot be saved.
    """
    path = progress_file()
    question_id = _key(question_id)
    with _guarded(path):
        with _locked(path.parent):
            data, _ = _read(path)
            entry = dict(data["questions"].get(question_id) or {})
            if changes.get("revealed") and not entry.get("revealed"):
                # What stood when the answer was first shown, so the teacher's side can tell an answer checked after it.
                attempts = entry.get("attempts")
                entry["before_reveal"] = {
                    "attempts": attempts if isinstance(attempts, int) and not isinstance(attempts, bool) else 0,
                    "answer": entry.get("answer"),
                }
            entry.update(storable(dict(changes)))
            if count:
                previous = entry.get(count)
                entry[count] = (previous if isinstance(previous, int) and not isinstance(previous, bool) else 0) + 1
            entry["updated"] = now()
            data["questions"][question_id] = entry
            _write(path, data)
    return entry


def set_learner(name: str, email_or_id: str | None = None) -> dict:
    """Remember the learner's name (and e-mail or ID, if given) for exports; return the saved progress.

    The first call also gives this progress file a random ``learner_key``, so the teacher's side can tell
    two exports of one learner from two learners who share a name. Raises :class:`ProgressError` when it cannot be saved.
    """
    path = progress_file()
    with _guarded(path):
        with _locked(path.parent):
            data, _ = _read(path)
            data["learner"] = storable(name) if isinstance(name, str) else str(storable(name))
            if email_or_id is not None:
                data["email_or_id"] = storable(email_or_id) if isinstance(email_or_id, str) else str(storable(email_or_id))
            if not data.get("learner_key"):
                data["learner_key"] = secrets.token_hex(8)
            _write(path, data)
    return data


def set_aside(question_id: str, reason: str) -> bool:
    """Put one question's saved record aside (kept under ``set_aside`` in the file, for the
    teacher) so the question starts afresh, and tell the learner once. For the widget layer,
    when a saved answer does not fit its question's kind. True if there was a record to move;
    raises :class:`ProgressError` when the file cannot be written.
    """
    path = progress_file()
    question_id = _key(question_id)
    with _guarded(path):
        with _locked(path.parent):
            data, _ = _read(path)
            if question_id not in data["questions"]:
                return False
            _move_aside(data, question_id, data["questions"].pop(question_id), str(reason))
            _write(path, data)
    _notice(
        f"Your saved answer to question {question_id} did not fit the question ({reason}), so it starts afresh. "
        f"The old answer is kept under “set_aside” in {path}; show this message to your teacher if you need it.",
        once=True,
    )
    return True


def notice(message: str) -> None:
    """Leave a notice for the learner (shown with the next :func:`take_notices`), once each."""
    _notice(message)


def take_notices() -> list[str]:
    """Warnings raised while reading progress (e.g. a corrupted file set aside), once each."""
    out = _notices[:]
    _notices.clear()
    return out


def notes() -> dict[str, str]:
    """The learner's own notes (for example on a lesson's discussion questions), by key. Never raises (see :func:`load`)."""
    found = load().get("notes")
    if not isinstance(found, dict):
        return {}
    return {key: entry["text"] for key, entry in found.items() if isinstance(entry, dict) and isinstance(entry.get("text"), str)}


def save_note(key: str, text: str) -> dict:
    """Save one note under ``key`` (replacing the last one); returns ``{"text", "updated"}``.

    Notes are kept apart from the questions: nothing checks or grades them, and the export carries them.
    Raises :class:`ProgressError` (only) when the note cannot be saved, or is longer than :data:`MAX_ANSWER_CHARS`.
    """
    path = progress_file()
    problem = too_long(str(text), "note")
    if problem:
        raise ProgressError(
            f"they are over {MAX_ANSWER_CHARS:,} characters long (a long essay is about 10,000)",
            "shorten them (or keep the long version in a file of your own), then save again",
            path,
            lead="Your notes were not saved",
        )
    with _guarded(path):
        with _locked(path.parent):
            data, _ = _read(path)
            table = data.get("notes")
            if not isinstance(table, dict):
                if table is not None:
                    _move_aside(data, "notes", table, "the notes table was not a table")
                table = data["notes"] = {}
            table[str(key)] = entry = {"text": storable(str(text)), "updated": now()}
            _write(path, data)
    return entry
