"""Reading the answer files learners hand in, whatever they hold.

An export is read as untrusted input: its size, nesting, encoding and every field are checked
before anything else looks at it, and a file that cannot be used is named with the reason,
never raised. Nothing here judges the answers: :mod:`summitkit.grading` re-checks them.

>>> clean_text("Ana\\u202e<b>$x$</b>\\n")
'Ana<b>$x$</b>'
>>> nesting_depth('{"a": [1, {"b": "[[[["}]}')
3
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from summitkit import safefiles

FORMATS = ("summitkit-export/1", "summitkit-export/2", "summitkit-export/3")
MAX_BYTES = safefiles.EXPORT_LIMIT  # a real export is a few kilobytes; the learner's side never writes one larger than this
MAX_DEPTH = 32  # a real export nests 5 deep
MAX_FOLDER_DEPTH = 3  # exports may sit in one folder per learner (a platform's bulk download)
NAMED_DEPTH = 12  # folders deeper than MAX_FOLDER_DEPTH are looked into only to name their files, down to here
MAX_ENTRIES = 20_000  # files and folders looked at in one class folder; past this the rest is named in one line
SHOWN_IDS = 5  # how many unknown question ids a message names
GRADER_FILES = ("grades.csv", "marks.csv", "grading_policy.csv")  # the teacher's own files beside the exports
LEARNER_ID = re.compile(r"[0-9a-fA-F]{32}")  # format 3: a random id made once per progress file
# Fields only format 2 and later write: a file labelled format 1 that carries them was relabelled.
NEWER_FIELDS = ("learner_id", "saves", "email_or_id", "learner_key")
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

_BIDI = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# Control characters (Cc), lone surrogates (Cs) and private-use characters (Co): nothing a reader should see.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")
_HIDDEN_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def clean_text(value: object, limit: int = 200, keep_newlines: bool = False) -> str:
    """Learner text made safe to show as text: no control or direction-changing characters, shortened.

    Escaping for HTML is still the caller's job (``markup.esc``); this removes what escaping cannot:
    characters that reorder or hide what the teacher reads.
    """
    text = str(value)[: limit * 4 + 16].translate(_BIDI).replace("\t", " ")
    if keep_newlines:
        text = _HIDDEN_BUT_NEWLINE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
    else:
        text = " ".join(_HIDDEN.sub("", text.replace("\n", " ").replace("\r", " ")).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nesting_depth(text: str) -> int:
    """How deeply the JSON ``text`` nests arrays and objects, counted without parsing it (no recursion)."""
    brackets = "".join(_BRACKET.findall(_STRING.sub('""', text)))
    steps = (1 if ch in "[{" else -1 for ch in brackets)
    return max(itertools.accumulate(steps, initial=0))


def visible(text: str) -> bool:
    """Whether ``text`` has a character a reader can see (not only spaces, zero-width or other invisible marks).

    >>> visible("Ana"), visible("\u200b\u200d \u2060"), visible("\u0301")
    (True, False, False)
    """
    return any(unicodedata.category(ch)[0] not in "CZM" for ch in text)


@dataclass
class Export:
    """One learner's export, read and checked for shape (not for truth)."""

    file: str  # the path inside the class folder, as the teacher sees it
    format: str  # the format its fields show (a file labelled format 1 with newer fields is read by its fields)
    learner: str  # cleaned for showing; "(no name)" if there was none
    email_or_id: str
    learner_key: str  # a random id of the learner's progress file (format 2); "" in format 1
    exported: str
    exported_at: dt.datetime | None
    questions: dict[str, dict]
    notes: list[str] = field(default_factory=list)  # how the file was read, e.g. "UTF-16 text"
    problems: list[str] = field(default_factory=list)  # records that could not be used
    learner_id: str = ""  # format 3: 32 hex characters, made once per progress file; "" before (or if damaged)
    saves: int | None = None  # format 3: the progress file's own save counter (higher = later); None before
    label: str = ""  # the format the file says it is (differs from ``format`` when relabelled)

    @property
    def versioned(self) -> bool:
        """Whether the file records question fingerprints and what stood before Show answer (format 2 and later)."""
        return self.format != FORMATS[0]


class ExportError(ValueError):
    """A file that cannot be used as an export (the message says why, in a teacher's words)."""


def _decode(raw: bytes, notes: list[str]) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ExportError("starts like UTF-16 text but is damaged") from None
        notes.append("read as UTF-16 text (saved by another program; exports are written as UTF-8)")
        return text
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExportError(f"not UTF-8 text (bad byte at position {exc.start}): not an export, or damaged") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        notes.append("has a byte-order mark (re-saved by another program)")
    return text


def _time(value: object) -> dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(str(value)[:40])
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**6


def _count(value: object) -> int:
    return value if _is_count(value) else 0


def _record(qid: str, record: dict) -> dict:
    """The fields of one answer record that grading reads, each of the type it must have (claims kept raw).

    ``reveal_field`` and ``hints_field`` say whether the file's own fields could be trusted: "ok", "missing" (the key
    is not there: every format writes it) or "bad" (a value no export writes). Grading takes the worst case for those.
    """
    before = record.get("before_reveal")
    revealed = record.get("revealed", None)
    hints = record.get("hints", None)
    out = {
        "answer": record.get("answer"),
        "claimed_verdict": record.get("verdict"),
        "claimed_score": record.get("score"),
        "attempts": _count(record.get("attempts")),
        "hints": _count(hints),
        "revealed": revealed is True,
        "fingerprint": record.get("fingerprint") if isinstance(record.get("fingerprint"), str) else None,
        "before_reveal": None,
        "reveal_field": "missing" if "revealed" not in record else ("ok" if revealed in (True, False, None) else "bad"),
        "hints_field": "missing" if "hints" not in record else ("ok" if hints is None or _is_count(hints) else "bad"),
        "hints_given": _is_count(hints),
        "before_field": "none"
        if before is None
        else ("ok" if isinstance(before, dict) and _is_count(before.get("attempts", 0)) else "bad"),
    }
    if isinstance(before, dict):
        out["before_reveal"] = {"attempts": _count(before.get("attempts")), "answer": before.get("answer")}
    return out


def _saves(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**53 else None


def _refused(sentence: str, path: Path) -> str:
    """safefiles' sentence about ``path`` without the path (the teacher sees the name beside it): 'a named pipe, ...'."""
    return sentence.removeprefix(f"{path} ").removeprefix("is ").rstrip(".")


def read_bytes(path: Path) -> bytes:
    """The bytes of one file of the class folder (regular files only, at most MAX_BYTES); ExportError saying why not."""
    try:
        return safefiles.read_regular(path, MAX_BYTES)
    except safefiles.NotARegularFile as exc:
        raise ExportError(f"{_refused(str(exc), path)}: not read") from None
    except safefiles.FileTooLarge:
        try:
            size = f"{path.stat().st_size / 2**20:.1f} MB"
        except OSError:
            size = "over 10 MB"
        raise ExportError(f"too large ({size}; an export is a few kilobytes): not read") from None
    except OSError as exc:
        raise ExportError(f"cannot be read ({exc.strerror or exc})") from None


def read_export(path: Path, name: str | None = None, raw: bytes | None = None) -> Export:
    """One export file, checked for size, encoding, nesting and shape; ExportError saying what is wrong."""
    name = name or path.name
    return parse_export(read_bytes(path) if raw is None else raw, name)


def parse_export(raw: bytes, name: str) -> Export:
    """An export from the bytes of a file named ``name``; ExportError saying what is wrong."""
    if len(raw) > MAX_BYTES:
        raise ExportError("too large (over 10 MB; an export is a few kilobytes): not read")
    if not raw.strip():
        raise ExportError("empty file")
    notes: list[str] = []
    text = _decode(raw, notes)
    if nesting_depth(text) > MAX_DEPTH:
        raise ExportError(f"nested more than {MAX_DEPTH} levels deep: not an export (damaged or made up)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(f"not valid JSON (line {exc.lineno}): damaged, or not an export") from None
    except (RecursionError, ValueError) as exc:  # pragma: no cover - the depth check stops these first
        raise ExportError(f"not valid JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict) or data.get("format") not in FORMATS:
        raise ExportError(f"not a summit course export (expected format {FORMATS[-1]!r}, {FORMATS[1]!r} or {FORMATS[0]!r})")
    questions = data.get("questions")
    if not isinstance(questions, dict):
        raise ExportError("its 'questions' table is missing or damaged")
    problems = []
    learner = clean_text(data.get("learner") or "") if isinstance(data.get("learner"), str) else ""
    if not learner:
        problems.append("the file gives no learner name")
    elif not visible(learner):
        problems.append(
            f"the name is made only of invisible characters ({len(learner)} of them): shown as "
            "'(no visible name)'; ask the learner to export again with their name"
        )
        learner = "(no visible name)"
    records = {}
    bad = []
    for qid, record in questions.items():
        if isinstance(record, dict):
            records[qid] = _record(qid, record)
        else:
            bad.append(qid)
    if bad:
        problems.append(f"{len(bad)} answer record(s) are not records and were ignored: {shown_ids(bad)}")
    contact = clean_text(data["email_or_id"], 120) if isinstance(data.get("email_or_id"), str) else ""
    if contact and not visible(contact):
        problems.append("the e-mail or ID is made only of invisible characters: not used")
        contact = ""
    key = data.get("learner_key")
    exported = str(data.get("exported") or "")[:40]
    label = data["format"]
    learner_id = data.get("learner_id")
    learner_id = learner_id.lower() if isinstance(learner_id, str) and LEARNER_ID.fullmatch(learner_id) else ""
    saves = _saves(data.get("saves"))
    newer = (
        [f for f in NEWER_FIELDS if f in data]
        + (["fingerprints"] if any(r.get("fingerprint") is not None for r in questions.values() if isinstance(r, dict)) else [])
        + (["before_reveal"] if any("before_reveal" in r for r in questions.values() if isinstance(r, dict)) else [])
    )
    fmt = label
    if "learner_id" in data or "saves" in data:
        fmt = FORMATS[2]
    elif label == FORMATS[0] and newer:
        fmt = FORMATS[1]
    if FORMATS.index(fmt) > FORMATS.index(label):
        problems.append(
            f"labelled {label!r} but carries fields only a later format writes ({', '.join(newer)}): "
            f"read by its fields, as {fmt!r} (an edited file?)"
        )
    if fmt == FORMATS[2]:
        if not learner_id:
            problems.append(
                "format 3 without a valid learner id (damaged or edited): told apart from classmates by "
                "name and e-mail, like older exports"
            )
        if saves is None:
            problems.append(
                "format 3 without a valid save counter (damaged or edited): counted as the earliest of this learner's exports"
            )
    return Export(
        file=name,
        format=fmt,
        learner=learner or "(no name)",
        email_or_id=contact,
        learner_key=clean_text(key, 64) if isinstance(key, str) else "",
        exported=clean_text(exported, 40),
        exported_at=_time(exported),
        questions=records,
        notes=notes,
        problems=problems,
        learner_id=learner_id,
        saves=saves if fmt == FORMATS[2] else None,
        label=label,
    )


def shown_ids(ids: list[str], limit: int = SHOWN_IDS) -> str:
    """A few ids, cleaned and shortened, for a message ('a, b, c and 9,997 more')."""
    shown = ", ".join(clean_text(i, 40) for i in ids[:limit])
    rest = len(ids) - limit
    return shown + (f" and {rest:,} more" if rest > 0 else "")


def _shown(root: Path, path: Path) -> str:
    # As the teacher should read it: undecodable bytes shown as �, no direction-changing characters.
    raw = path.relative_to(root).as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return clean_text(raw, 300)


def _is_grader_file(name: str, depth: int) -> bool:
    """The teacher's own files (grades.csv, marks.csv, the policy) and the grader's half-written copies of them."""
    return depth == 0 and (
        name in GRADER_FILES or any(name.startswith(f".{own}.") and name.endswith(".tmp") for own in GRADER_FILES)
    )


def export_files(folder: Path) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """([(file that may be an export, the name to show)], [(name, reason)] for every other thing in ``folder``).

    Every file is accounted for: a file that may be an export (a regular file, or a link to one of the teacher's own,
    up to three folders deep: a learning platform's bulk download puts each learner in a folder of their own) is
    returned to be read; everything else is named with the reason it is not read: a pipe, device, socket or a link to
    one, a link to a folder (never followed), a hidden file or folder, a file nested deeper, a zip. Only ``lstat`` is
    called here, so nothing blocks. The grader's own files (grades.csv, marks.csv, grading_policy.csv) are left out.
    """
    root = Path(folder)
    found: list[tuple[Path, str]] = []
    other: list[tuple[str, str]] = []
    stack = [(root, 0)]
    seen = 0
    while stack:
        current, depth = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            other.append((_shown(root, current) + "/", f"a folder that cannot be opened ({exc.strerror or exc}): not read"))
            continue
        folders = []
        for entry in entries:
            if _is_grader_file(entry.name, depth):
                continue
            seen += 1
            if seen > MAX_ENTRIES:
                other.append(
                    (
                        _shown(root, current) + "/…",
                        f"more than {MAX_ENTRIES:,} files and folders in this class "
                        "folder: the rest are not read (is this the right folder?)",
                    )
                )
                return found, other
            path = Path(entry.path)
            shown = _shown(root, path)
            try:
                link = path.lstat()
            except OSError as exc:
                other.append((shown, f"cannot be read ({exc.strerror or exc})"))
                continue
            if stat.S_ISLNK(link.st_mode):
                # the store accepts a link to a file not made yet (it creates it); in a class folder it is only a dead link
                problem = safefiles.refusal(path) or (None if path.exists() else f"{path} is a link to nothing that can be read.")
                if problem is None:
                    _place(found, other, path, shown, depth)
                elif path.is_dir():
                    other.append((shown, "a link to a folder: links are not followed; copy the exports into the class folder"))
                else:
                    other.append((shown, _refused(problem, path) + ": not read"))
            elif entry.name.startswith("."):
                kind = "folder" if stat.S_ISDIR(link.st_mode) else "file"
                other.append(
                    (
                        shown + ("/" if kind == "folder" else ""),
                        f"a hidden {kind} (its name starts with a dot): not read; rename it if it holds an export",
                    )
                )
            elif stat.S_ISDIR(link.st_mode):
                if entry.name.lower().endswith(".json"):
                    other.append(
                        (shown + "/", "a folder named like an export: not a file (the files in it are read like any folder's)")
                    )
                if depth + 1 <= NAMED_DEPTH:
                    folders.append((path, depth + 1))
                else:
                    other.append((shown + "/", f"folders nested more than {NAMED_DEPTH} deep: not read"))
            elif stat.S_ISREG(link.st_mode):
                _place(found, other, path, shown, depth)
            else:
                other.append((shown, f"{safefiles.kind_of(link.st_mode)}, not a file: not read"))
        stack.extend(reversed(folders))
    return found, other


def _place(found: list, other: list, path: Path, shown: str, depth: int) -> None:
    """A file to read, or, deeper than exports are read, one named with the reason."""
    if depth <= MAX_FOLDER_DEPTH:
        found.append((path, shown))
    else:
        other.append(
            (
                shown,
                f"nested {depth} folders deep (exports are read at most {MAX_FOLDER_DEPTH} folders deep): "
                "not read; move it up into the class folder",
            )
        )


def _peek(path: Path, size: int = 64) -> bytes:
    """The first bytes of a file the walk found regular (checked again once open, without blocking)."""
    if safefiles.refusal(path):
        return b""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        return os.read(fd, size) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    finally:
        os.close(fd)


def _looks_like_json(raw: bytes) -> bool:
    """Whether bytes could be a JSON object: '{' first, after a byte-order mark and white space (UTF-8 or UTF-16)."""
    head = raw[:64]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")


def _kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return f"a {suffix} file" if suffix and len(suffix) <= 12 else "a file with no extension"


def read_folder(folder: Path | str) -> tuple[list[Export], list[tuple[str, str]]]:
    """(the readable exports, [(file, reason)] for every file not graded); never raises for a bad file.

    A file whose name does not end in ``.json`` (``.json.txt``, no extension, ``.txt``) is read too when it holds a
    JSON object: an export renamed by a browser or a mail program is graded, with a flag naming the renaming.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}: put the exported .json files in one folder and give its path")
    paths, skipped = export_files(folder)
    good = []
    for path, shown in paths:
        name = path.name.lower()
        try:
            if name.endswith(".zip"):
                skipped.append((shown, "a zip file: unzip it into this folder, then grade again"))
                continue
            if name.endswith(".json"):
                good.append(read_export(path, shown))
                continue
            try:  # a look at its first bytes, so a folder of pictures or PDFs is not read whole
                looks = _looks_like_json(_peek(path))
            except OSError as exc:
                skipped.append((shown, f"{_kind(name)}, not an export: cannot be read ({exc.strerror or exc})"))
                continue
            if not looks:
                skipped.append((shown, f"{_kind(name)}, not an export"))
                continue
            try:
                raw = read_bytes(path)
            except ExportError as exc:
                skipped.append((shown, f"{_kind(name)}, not an export: {exc}"))
                continue
            try:
                export = parse_export(raw, shown)
            except ExportError as exc:
                skipped.append((shown, f"{_kind(name)}, not an export ({exc})"))
                continue
            export.problems.append(
                f"renamed: an export whose file name does not end in .json ({_kind(name)}); graded like any export"
            )
            good.append(export)
        except ExportError as exc:
            skipped.append((shown, str(exc)))
        except Exception as exc:  # one strange file must never stop the class's grades
            skipped.append((shown, f"could not be read ({type(exc).__name__})"))
    return good, sorted(skipped)
