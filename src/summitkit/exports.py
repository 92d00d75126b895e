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
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("summitkit-export/1", "summitkit-export/2")
MAX_BYTES = 10 * 2**20  # a real export is a few kilobytes; an essay-heavy one well under 1 MB
MAX_DEPTH = 32  # a real export nests 5 deep
MAX_FOLDER_DEPTH = 3  # exports may sit in one folder per learner (a platform's bulk download)
SHOWN_IDS = 5  # how many unknown question ids a message names

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


@dataclass
class Export:
    """One learner's export, read and checked for shape (not for truth)."""

    file: str  # the path inside the class folder, as the teacher sees it
    format: str
    learner: str  # cleaned for showing; "(no name)" if there was none
    email_or_id: str
    learner_key: str  # a random id of the learner's progress file (format 2); "" in format 1
    exported: str
    exported_at: dt.datetime | None
    questions: dict[str, dict]
    notes: list[str] = field(default_factory=list)  # how the file was read, e.g. "UTF-16 text"
    problems: list[str] = field(default_factory=list)  # records that could not be used


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


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**6 else 0


def _record(qid: str, record: dict) -> dict:
    """The fields of one answer record that grading reads, each of the type it must have (claims kept raw)."""
    before = record.get("before_reveal")
    out = {
        "answer": record.get("answer"),
        "claimed_verdict": record.get("verdict"),
        "claimed_score": record.get("score"),
        "attempts": _count(record.get("attempts")),
        "hints": _count(record.get("hints")),
        "revealed": record.get("revealed") is True,
        "fingerprint": record.get("fingerprint") if isinstance(record.get("fingerprint"), str) else None,
        "before_reveal": None,
    }
    if isinstance(before, dict):
        out["before_reveal"] = {"attempts": _count(before.get("attempts")), "answer": before.get("answer")}
    return out


def read_export(path: Path, name: str | None = None) -> Export:
    """One export file, checked for size, encoding, nesting and shape; ExportError saying what is wrong."""
    name = name or path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExportError(f"too large ({size / 2**20:.1f} MB; an export is a few kilobytes): not read")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ExportError(f"cannot be read ({exc.strerror or exc})") from None
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
        raise ExportError(f"not a summit course export (expected format {FORMATS[-1]!r} or {FORMATS[0]!r})")
    questions = data.get("questions")
    if not isinstance(questions, dict):
        raise ExportError("its 'questions' table is missing or damaged")
    learner = clean_text(data.get("learner") or "") if isinstance(data.get("learner"), str) else ""
    problems = []
    if not learner:
        problems.append("the file gives no learner name")
    records = {}
    bad = []
    for qid, record in questions.items():
        if isinstance(record, dict):
            records[qid] = _record(qid, record)
        else:
            bad.append(qid)
    if bad:
        problems.append(f"{len(bad)} answer record(s) are not records and were ignored: {shown_ids(bad)}")
    contact = data.get("email_or_id")
    key = data.get("learner_key")
    exported = str(data.get("exported") or "")[:40]
    return Export(
        file=name, format=data["format"], learner=learner or "(no name)",
        email_or_id=clean_text(contact, 120) if isinstance(contact, str) else "",
        learner_key=clean_text(key, 64) if isinstance(key, str) else "",
        exported=clean_text(exported, 40), exported_at=_time(exported), questions=records, notes=notes, problems=problems,
    )


def shown_ids(ids: list[str], limit: int = SHOWN_IDS) -> str:
    """A few ids, cleaned and shortened, for a message ('a, b, c and 9,997 more')."""
    shown = ", ".join(clean_text(i, 40) for i in ids[:limit])
    rest = len(ids) - limit
    return shown + (f" and {rest:,} more" if rest > 0 else "")


def export_files(folder: Path) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """(.json files under ``folder`` with the name to show, [(name, reason)] for files that cannot be exports).

    Looks up to three folders deep (a learning platform's bulk download puts each learner in a folder of
    their own), never follows links out of the folder, and ignores the files the grader itself writes.
    """
    found, other = [], []
    root = Path(folder)
    for current, dirs, files in os.walk(root, followlinks=False):
        depth = len(Path(current).relative_to(root).parts)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if depth < MAX_FOLDER_DEPTH else []
        for name in sorted(files):
            path = Path(current) / name
            # As the teacher should read it: undecodable bytes shown as �, no direction-changing characters.
            raw = path.relative_to(root).as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            shown = clean_text(raw, 300)
            if name.lower().endswith(".json"):
                found.append((path, shown))
            elif name.lower().endswith(".zip"):
                other.append((shown, "a zip file: unzip it into this folder, then grade again"))
    return found, other


def read_folder(folder: Path | str) -> tuple[list[Export], list[tuple[str, str]]]:
    """(the readable exports, [(file, reason)] for every file skipped); never raises for a bad file."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}: put the exported .json files in one folder and give its path")
    paths, skipped = export_files(folder)
    good = []
    for path, shown in paths:
        try:
            good.append(read_export(path, shown))
        except ExportError as exc:
            skipped.append((shown, str(exc)))
        except Exception as exc:  # one strange file must never stop the class's grades
            skipped.append((shown, f"could not be read ({type(exc).__name__})"))
    return good, sorted(skipped)
