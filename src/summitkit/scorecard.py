"""The learner's scorecard across the series, and the export file handed to the teacher."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import unicodedata
from pathlib import Path

from summitkit import progress
from summitkit.grading import question_fingerprint
from summitkit.markup import Markup, details, el, page, table
from summitkit.quiz.bank import entries, lesson_of

EXPORT_FORMAT = "summitkit-export/2"  # format 1 (no fingerprints, e-mail or learner key) is still read by the grader
_EXPORTED = ("kind", "verdict", "score", "attempts", "answer", "hints", "revealed", "before_reveal")


def summary() -> list[dict]:
    """One row per question in the banks: lesson, id, kind, prompt and the learner's result."""
    saved = progress.load()["questions"]
    rows = []
    for qid, entry in sorted(entries().items()):
        record = saved.get(qid) or {}
        rows.append({
            "lesson": lesson_of(qid), "id": qid, "kind": entry["kind"], "prompt": entry["prompt"],
            "verdict": record.get("verdict", ""), "score": float(record.get("score", 0) or 0),
            "attempts": int(record.get("attempts", 0) or 0),
        })
    return rows


def by_lesson(rows: list[dict]) -> dict[str, dict]:
    """Per lesson: questions, answered, correct and total score."""
    out: dict[str, dict] = {}
    for row in rows:
        lesson = out.setdefault(row["lesson"], {"questions": 0, "answered": 0, "correct": 0, "score": 0.0})
        lesson["questions"] += 1
        lesson["answered"] += bool(row["verdict"])
        lesson["correct"] += row["verdict"] == "correct"
        lesson["score"] += row["score"]
    return out


_FORBIDDEN = set('<>:"/\\|?*')  # what Windows, macOS or Linux file systems refuse in a file name
_INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")


def safe_name(name: str) -> str:
    """A readable, file-name-safe form of a learner's name, in any script ('Ünal O’Brien <b>' -> 'ünal-obrien-b').

    Letters, marks and digits of every script are kept; everything else becomes a hyphen.

    >>> safe_name("王芳"), safe_name("محمد علي"), safe_name("Ünal O’Brien <b>"), safe_name("\u200b")
    ('王芳', 'محمد-علي', 'ünal-obrien-b', 'learner')
    """
    text = unicodedata.normalize("NFC", name).lower().replace("’", "").replace("'", "")
    kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" and ch not in _FORBIDDEN else "-" for ch in text)
    slug = re.sub(r"-+", "-", kept).strip("-")[:40].strip("-")
    return slug or "learner"


def visible(text: str) -> bool:
    """Whether ``text`` has a character a reader can see (not only spaces, controls or invisible marks)."""
    return any(unicodedata.category(ch) not in _INVISIBLE and not unicodedata.category(ch).startswith("M") for ch in text)


def _clean_field(value: object, limit: int) -> str:
    text = "".join(ch for ch in str(value or "") if unicodedata.category(ch) not in ("Cc", "Cs", "Co"))
    return " ".join(text.split())[:limit]


def _fingerprints(qids: list[str]) -> dict[str, str | None]:

    return {qid: question_fingerprint(qid) for qid in qids}


def export(name: str, folder: Path | None = None, email_or_id: str | None = None) -> Path:
    """Write all saved answers, the learner's name (and e-mail or ID) and the date to a new JSON file; return its path.

    Every export is a new file, ``summit-export-<date>-<time>-<random>-<name>.json``, never an existing one, and it is
    read back before this returns: an OSError says it could not be written or read back. Without ``email_or_id``
    the one saved with an earlier export is used.
    """
    name = _clean_field(name, 200)
    if not visible(name):
        raise ValueError("Type your name first, so your teacher knows whose answers these are.")
    data = progress.set_learner(name, None if email_or_id is None else _clean_field(email_or_id, 120))
    email_or_id = data.get("email_or_id", "")
    folder = Path(folder) if folder else Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    fingerprints = _fingerprints(sorted(data["questions"]))
    payload = {
        "format": EXPORT_FORMAT,
        "learner": name,
        "email_or_id": email_or_id,
        "learner_key": data.get("learner_key", ""),
        "exported": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),  # the latest of two exports wins
        "questions": {qid: {**{k: rec.get(k) for k in _EXPORTED if k != "before_reveal" or k in rec},
                            "fingerprint": fingerprints[qid]}
                      for qid, rec in sorted(data["questions"].items())},
    }
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    stamp = dt.datetime.now()
    for _ in range(20):
        # The name comes last: a right-to-left name followed by digits would read scrambled in a file browser.
        path = folder / f"summit-export-{stamp:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}-{safe_name(name)}.json"
        try:
            # "x": never replaces a file that exists; private to the learner (0600) until they download it
            with progress.open_private(path, "x") as handle:
                handle.write(text)
                handle.flush()
                with contextlib.suppress(OSError):  # some browser-side file systems (JupyterLite) cannot sync
                    os.fsync(handle.fileno())
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 20 random suffixes all taken
        raise OSError(f"could not find a free file name in {folder}")
    try:
        back = path.read_text(encoding="utf-8")
        json.loads(back)
        problem = "" if back == text else "what was read differs from what was written"
    except (OSError, ValueError) as exc:
        problem = str(exc)
    if problem:
        path.unlink(missing_ok=True)
        raise OSError(f"the file {path.name} was written but could not be read back ({problem}); nothing was saved: "
                      "try again, or ask your teacher")
    return path


def table_html(rows: list[dict]) -> Markup:
    """The scorecard as a small HTML table per lesson, and every question behind a click (prompts escaped)."""
    lessons = by_lesson(rows)
    per_lesson = table(["Lesson", "Questions", "Answered", "Correct", "Score"],
                       [[k, v["questions"], v["answered"], v["correct"], f"{v['score']:.1f} of {v['questions']}"]
                        for k, v in sorted(lessons.items())])
    marks = {"correct": "✓", "partial": "◐", "wrong": "✗", "saved": "✎", "": "·"}
    detail = table(["Result", "Question", "Prompt"],
                   [[f"{marks.get(r['verdict'], '·')} {r['verdict'] or 'not yet'}", r["id"], r["prompt"][:90]] for r in rows],
                   row_headers=False)
    return page(per_lesson, details("Question by question", detail))


def show():  # -> ipywidgets.VBox
    """The scorecard, with a box for your name and a button that exports your answers to a file."""
    import ipywidgets as w

    shown = w.HTML(str(table_html(summary())))
    saved = progress.load()
    name = w.Text(placeholder="Your name", description="Name:", value=saved.get("learner", ""))
    contact = w.Text(placeholder="if your teacher asks for it", description="E-mail or ID:", value=saved.get("email_or_id", ""),
                     style={"description_width": "initial"}, layout=w.Layout(width="auto", min_width="18em"))
    button = w.Button(description="Export my answers", button_style="primary", layout=w.Layout(width="auto"))
    status = w.HTML()

    def do_export(_):
        status.value = ""
        try:
            path = export(name.value, email_or_id=contact.value)
        except (ValueError, OSError) as exc:
            status.value = str(page(el("div", f"⚠ {exc}", role="alert")))
            return
        except Exception as exc:  # noqa: BLE001 - a button must answer, whatever went wrong
            status.value = str(page(el("div", f"⚠ Your answers could not be exported ({type(exc).__name__}: {str(exc)[:200]}). "
                                       "Nothing was saved; show this to your teacher.", role="alert")))
            return
        shown.value = str(table_html(summary()))
        status.value = str(page(el("div", "✓ Saved ", el("code", path.name), f" in the same folder as this notebook ({path.parent}). "
                                   "Download it from the file browser (right-click → Download) and hand it in.", role="status")))

    button.on_click(do_export)
    return w.VBox([shown, w.HBox([name, contact, button], layout=w.Layout(flex_flow="row wrap")), status])
