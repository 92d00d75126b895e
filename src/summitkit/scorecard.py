"""The learner's scorecard across the series, and the export file handed to the teacher."""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
import unicodedata
from pathlib import Path

from summitkit import progress
from summitkit.quiz.bank import entries, lesson_of

EXPORT_FORMAT = "summitkit-export/1"


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


def safe_name(name: str) -> str:
    """A file-name-safe form of a learner's name ('Ünal O’Brien <b>' -> 'unal-obrien-b')."""
    flat = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", flat).strip("-")[:40]
    return slug or "learner"


def export(name: str, folder: Path | None = None) -> Path:
    """Write all saved answers with the learner's name and the date to one JSON file; return its path."""
    name = " ".join(str(name).split())[:200]
    if not name:
        raise ValueError("Type your name first, so your teacher knows whose answers these are.")
    progress.set_learner(name)
    data = progress.load()
    stamp = dt.datetime.now()
    folder = Path(folder) if folder else Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"summit-export-{safe_name(name)}-{stamp:%Y%m%d-%H%M%S}.json"
    payload = {
        "format": EXPORT_FORMAT,
        "learner": name,
        "exported": progress.now(),
        "questions": {qid: {k: rec.get(k) for k in ("kind", "verdict", "score", "attempts", "answer", "hints", "revealed")}
                      for qid, rec in sorted(data["questions"].items())},
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def download_link(path: Path) -> str:
    """A link that downloads the file straight from the page (its bytes inside the link: no server, no right-click)."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f"<a class='summit-download' download='{html.escape(path.name, quote=True)}' "
            f"href='data:application/json;base64,{data}' style='font-weight:bold;text-decoration:underline;color:#0b5cad'>"
            "Download it</a>")


def table_html(rows: list[dict]) -> str:
    """The scorecard as a small HTML table (prompts escaped)."""
    lessons = by_lesson(rows)
    head = "<tr><th>Lesson</th><th>Questions</th><th>Answered</th><th>Correct</th><th>Score</th></tr>"
    body = "".join(
        f"<tr><td>{html.escape(k)}</td><td>{v['questions']}</td><td>{v['answered']}</td><td>{v['correct']}</td>"
        f"<td>{v['score']:.1f} of {v['questions']}</td></tr>" for k, v in sorted(lessons.items()))
    marks = {"correct": "✓", "partial": "◐", "wrong": "✗", "saved": "✎", "": "·"}
    detail = "".join(
        f"<tr><td>{marks.get(r['verdict'], '·')} {html.escape(r['verdict'] or 'not yet')}</td><td>{html.escape(r['id'])}</td>"
        f"<td>{html.escape(r['prompt'][:90])}</td></tr>" for r in rows)
    return (f"<table>{head}{body}</table><details><summary>Question by question</summary>"
            f"<table><tr><th>Result</th><th>Question</th><th>Prompt</th></tr>{detail}</table></details>")


def show():  # -> ipywidgets.VBox
    """The scorecard, with a box for your name and a button that exports your answers to a file."""
    import ipywidgets as w

    table = w.HTML(table_html(summary()))
    name = w.Text(placeholder="Your name", description="Name:", value=progress.load().get("learner", ""))
    button = w.Button(description="Export my answers", button_style="primary", layout=w.Layout(width="auto"))
    status = w.HTML()

    def do_export(_):
        try:
            path = export(name.value)
        except (ValueError, OSError) as exc:
            status.value = f"<div role='alert'>⚠ {html.escape(str(exc))}</div>"
            return
        table.value = table_html(summary())
        status.value = (f"<div role='status'>✓ Saved <code>{html.escape(path.name)}</code> in the same folder as this notebook "
                        f"({html.escape(str(path.parent))}). {download_link(path)} and hand it in (or right-click it in "
                        "the file browser → Download).</div>")

    button.on_click(do_export)
    return w.VBox([table, w.HBox([name, button]), status])
