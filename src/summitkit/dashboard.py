"""The teacher's view: read a folder of exported answer files and show how the class did."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from summitkit.scorecard import EXPORT_FORMAT


@dataclass(frozen=True)
class Export:
    """One learner's exported answers."""

    file: str
    learner: str
    exported: str
    questions: dict[str, dict]


def read_export(path: Path) -> Export:
    """One export file; ValueError saying what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON (line {exc.lineno})") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ValueError(f"not a summit course export (expected format {EXPORT_FORMAT!r})")
    questions = data.get("questions")
    if not isinstance(questions, dict) or not all(isinstance(v, dict) for v in questions.values()):
        raise ValueError("its 'questions' table is missing or damaged")
    for qid, record in questions.items():
        score = record.get("score", 0)
        if score is not None and (not isinstance(score, (int, float)) or not 0 <= score <= 1):
            raise ValueError(f"question {qid!r} has an impossible score {score!r}")
    return Export(path.name, str(data.get("learner") or "(no name)"), str(data.get("exported") or ""), questions)


def load_exports(folder: Path | str) -> tuple[list[Export], list[tuple[str, str]]]:
    """(readable exports, [(file name, problem)] for each file skipped)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}: put the exported .json files in one folder and give its path")
    good, bad = [], []
    for path in sorted(folder.glob("*.json")):
        try:
            good.append(read_export(path))
        except (ValueError, OSError) as exc:
            bad.append((path.name, str(exc)))
    return good, bad


def success_by_question(exports: list[Export]) -> list[dict]:
    """Per question: learners who answered, how many got it right, and the mean score; hardest first."""
    stats: dict[str, dict] = {}
    for export in exports:
        for qid, record in export.questions.items():
            if not record.get("verdict"):
                continue
            row = stats.setdefault(qid, {"id": qid, "answered": 0, "correct": 0, "score": 0.0})
            row["answered"] += 1
            row["correct"] += record.get("verdict") == "correct"
            row["score"] += float(record.get("score") or 0)
    rows = []
    for row in stats.values():
        row["mean_score"] = row["score"] / row["answered"]
        row["share_correct"] = row["correct"] / row["answered"]
        rows.append(row)
    return sorted(rows, key=lambda r: (r["mean_score"], r["id"]))


def plot_success(rows: list[dict]):  # -> matplotlib Figure
    """Horizontal bars: mean score per question, hardest at the top; the title names the hardest."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 0.35 * max(len(rows), 3) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    if not rows:
        ax.set_title("No answers yet in these exports")
        ax.set_axis_off()
        return fig
    shown = list(reversed(rows))
    ax.barh([r["id"] for r in shown], [100 * r["mean_score"] for r in shown], color="#4477aa")
    for y, r in enumerate(shown):
        ax.text(100 * r["mean_score"] + 1, y, f"{100 * r['mean_score']:.0f}% (n={r['answered']})", va="center", fontsize=8)
    ax.set_xlim(0, 115)
    ax.set_xlabel("mean score of the learners who answered (%)")
    hardest = rows[0]
    ax.set_title(f"Hardest for the class: {hardest['id']} ({100 * hardest['mean_score']:.0f}% mean score)", fontsize=10)
    fig.summitkit_alt = "Bar chart of the mean score per question, hardest first: " + "; ".join(
        f"{r['id']} {100 * r['mean_score']:.0f}% of {r['answered']} learners" for r in rows) + "."
    return fig


def report(folder: Path | str) -> str:
    """A short HTML report: who is in, which files were skipped and why."""
    exports, bad = load_exports(folder)
    names = ", ".join(html.escape(e.learner) for e in exports) or "nobody yet"
    skipped = "".join(f"<li>{html.escape(f)}: {html.escape(p)} (skipped)</li>" for f, p in bad)
    return (f"<p><b>{len(exports)} export(s) read</b>: {names}.</p>"
            + (f"<p>⚠ {len(bad)} file(s) could not be used:</p><ul>{skipped}</ul>" if bad else ""))


def default_folder() -> Path:
    """Where the dashboard looks for exports: ``SUMMITKIT_EXPORTS``, else ``class-exports`` beside the notebook."""
    import os

    return Path(os.environ.get("SUMMITKIT_EXPORTS") or "class-exports").expanduser()


def show(folder: Path | str | None = None) -> None:
    """Display the report, the table and the figure for a folder of exports (a clear line if there is none)."""
    from IPython.display import HTML, display

    folder = Path(folder) if folder else default_folder()
    if not folder.is_dir():
        display(HTML(f"<p>No folder <code>{html.escape(str(folder.resolve()))}</code> yet. Create it, put the learners' exported "
                     "<code>summit-export-*.json</code> files in it, and run this cell again.</p>"))
        return
    display(HTML(report(folder)))
    exports, _ = load_exports(folder)
    rows = success_by_question(exports)
    table = "".join(f"<tr><td>{html.escape(r['id'])}</td><td>{r['answered']}</td><td>{r['correct']}</td>"
                    f"<td>{100 * r['mean_score']:.0f}%</td></tr>" for r in rows)
    display(HTML(f"<table><tr><th>Question</th><th>Answered</th><th>Correct</th><th>Mean score</th></tr>{table}</table>"))
    from summitkit.figures import OFFLINE, can_draw

    display(plot_success(rows) if can_draw() else HTML(f"<p role='note' class='summit-offline'>{html.escape(OFFLINE)}</p>"))
